## Belgian Dutch: only what differs from nl (the basket is a "winkelmandje").

nav-cart = Winkelmandje
nav-cart-count = { $count ->
    [one] Winkelmandje ({ $count } artikel)
   *[other] Winkelmandje ({ $count } artikelen)
}
product-add-to-cart = In winkelmandje
cart-title = Je winkelmandje
cart-empty = Je winkelmandje is leeg.
cart-remove-of = { $product } uit je winkelmandje verwijderen
checkout-delivery-address = Leveringsadres
