## German UI strings of the storefront (Germany). Swiss overrides live in de-CH.

language-name = Deutsch
storefront-label = { $country } · { $language }

country-NL = Niederlande
country-BE = Belgien
country-FR = Frankreich
country-DE = Deutschland
country-CH = Schweiz
country-GB = Vereinigtes Königreich
country-US = Vereinigte Staaten
country-AE = Vereinigte Arabische Emirate

skip-to-content = Zum Inhalt springen
nav-home = Startseite
nav-categories = Kategorien
nav-cart = Warenkorb
nav-cart-count = { $count ->
    [one] Warenkorb ({ $count } Artikel)
   *[other] Warenkorb ({ $count } Artikel)
}
breadcrumb-label = Brotkrümelnavigation
switcher-label = Land und Sprache
footer-all-markets = Alle Länder und Sprachen

search-label = Produkte suchen
search-placeholder = Produkte suchen
search-submit = Suchen
search-title = Suche
search-prompt = Geben Sie einen Produktnamen ein, um zu suchen.
search-results = { $count ->
    [0] Keine Produkte entsprechen Ihrer Suche.
    [one] Ein Produkt entspricht Ihrer Suche.
   *[other] { $count } Produkte entsprechen Ihrer Suche.
}
search-results-best = Die { $shown } besten von { $count } passenden Produkten werden angezeigt: ergänzen Sie ein Wort, um Ihre Suche einzugrenzen.

home-title = Startseite
home-heading = Gemacht für jeden Tag
home-intro = Taschen, Kleidung und Dinge für Ihr Zuhause – langlebig gestaltet und zu ehrlichen Preisen.
home-categories = Nach Kategorie einkaufen
home-products = Empfohlene Produkte

category-empty = In dieser Kategorie gibt es hier noch keine Produkte.

price-incl-vat = inkl. MwSt.
price-excl-tax = zzgl. Steuern
price-was = Vorher { $price }
price-lowest-30-days = Niedrigster Preis der letzten 30 Tage vor der Preissenkung: { $price }

product-quantity = Menge
product-add-to-cart = In den Warenkorb

cart-title = Ihr Warenkorb
cart-empty = Ihr Warenkorb ist leer.
cart-line-recalled = Nicht mehr erhältlich: bitte entfernen.
cart-recalled-notice = Ein Produkt in Ihrem Warenkorb wurde aus dem Sortiment genommen. Entfernen Sie es, um zur Kasse zu gehen.
cart-continue = Weiter einkaufen
cart-col-product = Produkt
cart-col-price = Preis
cart-col-quantity = Menge
cart-col-total = Summe
cart-total = Gesamtsumme
cart-update = Aktualisieren
cart-remove = Entfernen
cart-quantity-of = Menge von { $product }
cart-remove-of = { $product } aus dem Warenkorb entfernen
cart-checkout = Zur Kasse
cart-vat-included = inkl. { $rate } % MwSt.: { $amount }
cart-tax-at-checkout = Die Steuern werden an der Kasse berechnet.

cart-error-unknown-product = Dieses Produkt gibt es nicht.
cart-error-not-sold = Dieses Produkt wird in diesem Land nicht verkauft.
cart-error-recalled = Dieses Produkt wurde aus dem Sortiment genommen.
cart-error-quantity = Bitte wählen Sie eine Menge zwischen 1 und 99.
cart-error-malformed = Ihre Anfrage konnte nicht gelesen werden. Bitte versuchen Sie es erneut.
cart-error-csrf = Ihre Sitzung ist abgelaufen. Bitte versuchen Sie es erneut.
cart-error-too-large = Ihre Anfrage war zu groß.

checkout-title = Kasse
checkout-summary = Bestellübersicht
checkout-delivery-address = Lieferadresse
checkout-field-name = Vor- und Nachname
checkout-field-email = E-Mail-Adresse
checkout-field-street = Straße und Hausnummer
checkout-field-postcode = Postleitzahl
checkout-field-city = Ort
checkout-field-country = Land
checkout-fix-errors = Bitte korrigieren Sie die unten markierten Felder.
checkout-error-required = Dies ist ein Pflichtfeld.
checkout-error-email = Bitte geben Sie eine gültige E-Mail-Adresse ein.
checkout-error-too-long = Die Eingabe ist zu lang (höchstens 200 Zeichen).
checkout-payment-note = Die Bezahlung ist nicht Teil dieses Demo-Shops: Ihre Bestellung wird gespeichert, aber es wird nichts berechnet und nichts geliefert.
checkout-place-order = Bestellung absenden

order-title = Bestellung bestätigt
order-thanks = Vielen Dank! Ihre Bestellnummer lautet { $id }.
order-placed-on = Aufgegeben am { $date }.
order-payment-note = Es wurde keine Zahlung eingezogen: Dieser Demo-Shop speichert Bestellungen, berechnet und versendet sie aber nicht.

chooser-title = Land auswählen
chooser-heading = Wo möchten Sie einkaufen?
chooser-suggestion = Weiter zu { $storefront }

error-back-home = Zurück zur Startseite
error-not-found-title = Seite nicht gefunden
error-not-found-text = Die gesuchte Seite konnte leider nicht gefunden werden.
error-gone-title = Produkt nicht mehr erhältlich
error-gone-text = Dieses Produkt wurde aus dem Sortiment genommen.
error-bad-request-title = Etwas ist schiefgelaufen
error-bad-request-text = Ihre Anfrage konnte nicht verarbeitet werden.
error-forbidden-title = Sitzung abgelaufen
error-forbidden-text = Ihre Sitzung ist abgelaufen. Bitte gehen Sie zurück und versuchen Sie es erneut.
error-too-large-title = Anfrage zu groß
error-too-large-text = Ihre Anfrage war zu groß, um verarbeitet zu werden.
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable-text = Dieser Teil des Shops ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.

checkout-delivery-method = Lieferung
checkout-delivery-home = Lieferung nach Hause
checkout-error-delivery = Bitte wählen Sie eine der Lieferoptionen.

## Plugin UI rendered by the theme
weekday-mon = Montag
weekday-tue = Dienstag
weekday-wed = Mittwoch
weekday-thu = Donnerstag
weekday-fri = Freitag
weekday-sat = Samstag
weekday-sun = Sonntag
store-opening-hours = Öffnungszeiten
store-closed = Geschlossen
store-chosen = Ihre Filiale
stock-in-stock = Auf Lager
stock-low = Nur noch wenige auf Lager
stock-out = Nicht auf Lager
pickup-ready-in = { $hours ->
    [one] Abholbereit in { $hours } Stunde
   *[other] Abholbereit in { $hours } Stunden
}
plugin-page-unavailable = Diese Funktion ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.

checkout-share-postcode = Funktionen dieses Shops dürfen meine Postleitzahl verwenden, zum Beispiel um die nächste Filiale vorzuschlagen. Zum Widerrufen das Häkchen entfernen.

## Listen: Anzahl, Sortierung, Filter und Seiten
listing-count = { $count ->
    [0] Keine Produkte
    [one] Ein Produkt
   *[other] { $count } Produkte
}
listing-sort = Sortieren nach
sort-featured = Empfohlen
sort-relevance = Beste Treffer
sort-price-low = Preis: aufsteigend
sort-price-high = Preis: absteigend
sort-newest = Neueste
filter-in-stock = In einem Geschäft vorrätig
filter-price-min = Mindestpreis ({ $currency })
filter-price-max = Höchstpreis ({ $currency })
filter-apply = Anwenden
listing-no-match = Keine Produkte entsprechen diesen Filtern.
pagination-label = Seiten
page-status = Seite { $page } von { $pages }
page-previous = Vorherige Seite
page-next = Nächste Seite
page-link = { $page }
page-number = Seite { $page }
