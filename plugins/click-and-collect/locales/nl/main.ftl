collect-heading = Afhalen in de winkel
stores-title = Kies je winkel
no-stores = In dit land zijn er nog geen winkels waar je kunt afhalen.
out-of-stock-everywhere = Dit product is in geen enkele winkel op voorraad. We kunnen het wel thuis bezorgen.
choose-store = Kies een winkel
collect-here = Hier afhalen
cart-collect-at = Je haalt je bestelling af bij { $store }.
cart-no-store = Kies een winkel om je bestelling daar gratis af te halen.
delivery-collect-at = Afhalen bij { $store }
ready-in-hours = { $hours ->
    [one] Klaar over { $hours } uur
   *[other] Klaar over { $hours } uur
}
error-no-store = Kies een winkel.
error-unknown-store = Die winkel biedt in dit land geen afhalen aan.
error-no-cart = Leg eerst een product in je winkelwagen.
