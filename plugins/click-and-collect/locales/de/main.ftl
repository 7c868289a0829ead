collect-heading = Abholung im Geschäft
stores-title = Wählen Sie Ihr Geschäft
no-stores = In diesem Land gibt es noch keine Geschäfte für Click & Collect.
out-of-stock-everywhere = Dieser Artikel ist in keinem Geschäft vorrätig. Wir liefern ihn aber gern nach Hause.
choose-store = Geschäft wählen
collect-here = Hier abholen
cart-collect-at = Sie holen Ihre Bestellung bei { $store } ab.
cart-no-store = Wählen Sie ein Geschäft, um Ihre Bestellung dort kostenlos abzuholen.
delivery-collect-at = Abholung bei { $store }
ready-in-hours = { $hours ->
    [one] Abholbereit in { $hours } Stunde
   *[other] Abholbereit in { $hours } Stunden
}
error-no-store = Bitte wählen Sie ein Geschäft.
error-unknown-store = Dieses Geschäft bietet in diesem Land keine Abholung an.
error-no-cart = Legen Sie zuerst einen Artikel in den Warenkorb.
