## American English: only what differs from the British base `en`.

language-name = English (US)

nav-cart = Cart
nav-cart-count = { $count ->
    [one] Cart ({ $count } item)
   *[other] Cart ({ $count } items)
}
product-add-to-cart = Add to cart
cart-title = Your cart
cart-empty = Your cart is empty.
cart-recalled-notice = A product in your cart has been withdrawn from sale. Remove it to continue to checkout.
cart-remove-of = Remove { $product } from your cart

price-excl-tax = plus sales tax

checkout-delivery-address = Shipping address
checkout-field-street = Street address
checkout-field-postcode = ZIP code
