## Dutch (Netherlands) UI strings of the storefront. Belgian Dutch overrides live in nl-BE.

language-name = Nederlands
storefront-label = { $country } · { $language }

country-NL = Nederland
country-BE = België
country-FR = Frankrijk
country-DE = Duitsland
country-CH = Zwitserland
country-GB = Verenigd Koninkrijk
country-US = Verenigde Staten
country-AE = Verenigde Arabische Emiraten

skip-to-content = Naar de inhoud
nav-home = Home
nav-categories = Categorieën
nav-cart = Winkelwagen
nav-cart-count = { $count ->
    [one] Winkelwagen ({ $count } artikel)
   *[other] Winkelwagen ({ $count } artikelen)
}
breadcrumb-label = Kruimelpad
switcher-label = Land en taal
footer-all-markets = Alle landen en talen

search-label = Producten zoeken
search-placeholder = Producten zoeken
search-submit = Zoeken
search-title = Zoeken
search-prompt = Typ een productnaam om te zoeken.
search-results = { $count ->
    [0] Er zijn geen producten gevonden voor je zoekopdracht.
    [one] Er is één product gevonden voor je zoekopdracht.
   *[other] Er zijn { $count } producten gevonden voor je zoekopdracht.
}
search-results-best = De { $shown } beste van { $count } gevonden producten worden getoond: voeg een woord toe om je zoekopdracht te verfijnen.

home-title = Home
home-heading = Gemaakt om elke dag te gebruiken
home-intro = Tassen, kleding en spullen voor in huis, gemaakt om lang mee te gaan en eerlijk geprijsd.
home-categories = Shop per categorie
home-products = Uitgelichte producten

category-empty = Er zijn hier nog geen producten in deze categorie.

price-incl-vat = incl. btw
price-excl-tax = excl. belasting
price-was = Was { $price }
price-lowest-30-days = Laagste prijs in de 30 dagen vóór de korting: { $price }

product-quantity = Aantal
product-add-to-cart = In winkelwagen

cart-title = Je winkelwagen
cart-empty = Je winkelwagen is leeg.
cart-line-recalled = Niet meer verkrijgbaar: verwijder dit product.
cart-recalled-notice = Een product in je winkelwagen is uit de verkoop genomen. Verwijder het om af te rekenen.
cart-continue = Verder winkelen
cart-col-product = Product
cart-col-price = Prijs
cart-col-quantity = Aantal
cart-col-total = Totaal
cart-total = Totaal
cart-update = Bijwerken
cart-remove = Verwijderen
cart-quantity-of = Aantal van { $product }
cart-remove-of = { $product } uit je winkelwagen verwijderen
cart-checkout = Verder naar afrekenen
cart-vat-included = Inclusief { $rate }% btw: { $amount }
cart-tax-at-checkout = De belasting wordt bij het afrekenen berekend.

cart-error-unknown-product = Dat product bestaat niet.
cart-error-not-sold = Dat product wordt in dit land niet verkocht.
cart-error-recalled = Dat product is uit de verkoop genomen.
cart-error-quantity = Kies een aantal tussen 1 en 99.
cart-error-malformed = Je verzoek kon niet worden gelezen. Probeer het opnieuw.
cart-error-csrf = Je sessie is verlopen. Probeer het opnieuw.
cart-error-too-large = Je verzoek was te groot.

checkout-title = Afrekenen
checkout-summary = Overzicht van je bestelling
checkout-delivery-address = Bezorgadres
checkout-field-name = Volledige naam
checkout-field-email = E-mailadres
checkout-field-street = Straat en huisnummer
checkout-field-postcode = Postcode
checkout-field-city = Plaats
checkout-field-country = Land
checkout-fix-errors = Verbeter de velden die hieronder zijn gemarkeerd.
checkout-error-required = Dit veld is verplicht.
checkout-error-email = Vul een geldig e-mailadres in.
checkout-error-too-long = Dit is te lang (maximaal 200 tekens).
checkout-payment-note = Betalen hoort niet bij deze demowinkel: je bestelling wordt vastgelegd, maar er wordt niets in rekening gebracht en niets bezorgd.
checkout-place-order = Bestelling plaatsen

order-title = Bestelling bevestigd
order-thanks = Bedankt! Je bestelnummer is { $id }.
order-placed-on = Geplaatst op { $date }.
order-payment-note = Er is niet betaald: deze demowinkel legt bestellingen vast, maar brengt niets in rekening en verstuurt niets.

chooser-title = Kies je land
chooser-heading = Waar wil je winkelen?
chooser-suggestion = Verder naar { $storefront }

error-back-home = Terug naar de startpagina
error-not-found-title = Pagina niet gevonden
error-not-found-text = We konden de pagina die je zocht niet vinden.
error-gone-title = Product niet meer verkrijgbaar
error-gone-text = Dit product is uit de verkoop genomen.
error-bad-request-title = Er ging iets mis
error-bad-request-text = Je verzoek kon niet worden verwerkt.
error-forbidden-title = Sessie verlopen
error-forbidden-text = Je sessie is verlopen. Ga terug en probeer het opnieuw.
error-too-large-title = Verzoek te groot
error-too-large-text = Je verzoek was te groot om te verwerken.
error-unavailable-title = Tijdelijk niet beschikbaar
error-unavailable-text = Dit deel van de winkel is tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.

checkout-delivery-method = Bezorging
checkout-delivery-home = Thuisbezorging
checkout-error-delivery = Kies een van de bezorgopties.

## Plugin UI rendered by the theme
weekday-mon = Maandag
weekday-tue = Dinsdag
weekday-wed = Woensdag
weekday-thu = Donderdag
weekday-fri = Vrijdag
weekday-sat = Zaterdag
weekday-sun = Zondag
store-opening-hours = Openingstijden
store-closed = Gesloten
store-chosen = Je winkel
stock-in-stock = Op voorraad
stock-low = Nog maar enkele op voorraad
stock-out = Uitverkocht
pickup-ready-in = { $hours ->
    [one] Over { $hours } uur klaar om af te halen
   *[other] Over { $hours } uur klaar om af te halen
}
plugin-page-unavailable = Deze functie is tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.

checkout-share-postcode = Laat functies van deze winkel mijn postcode gebruiken, bijvoorbeeld om de dichtstbijzijnde winkel voor te stellen. Vink uit om in te trekken.

## Overzichten: aantal, volgorde, filters en pagina's
listing-count = { $count ->
    [0] Geen producten
    [one] Eén product
   *[other] { $count } producten
}
listing-sort = Sorteren op
sort-featured = Uitgelicht
sort-relevance = Beste match
sort-price-low = Prijs: laag naar hoog
sort-price-high = Prijs: hoog naar laag
sort-newest = Nieuwste
filter-in-stock = Op voorraad in een winkel
filter-price-min = Min. prijs ({ $currency })
filter-price-max = Max. prijs ({ $currency })
filter-apply = Toepassen
listing-no-match = Geen producten voldoen aan deze filters.
pagination-label = Pagina's
page-status = Pagina { $page } van { $pages }
page-previous = Vorige pagina
page-next = Volgende pagina
page-link = { $page }
page-number = Pagina { $page }
