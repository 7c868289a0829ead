## Belgian Dutch: only what differs from nl (the basket is a "winkelmandje").

nav-cart = Winkelmandje
nav-cart-count = { $count ->
    [one] Winkelmandje ({ $count } artikel)
   *[other] Winkelmandje ({ $count } artikelen)
}
product-add-to-cart = In winkelmandje
cart-title = Je winkelmandje
cart-empty = Je winkelmandje is leeg.
cart-recalled-notice = Een product in je winkelmandje is uit de verkoop genomen. Verwijder het om af te rekenen.
cart-remove-of = { $product } uit je winkelmandje verwijderen
checkout-delivery-address = Leveringsadres
