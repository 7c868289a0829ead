collect-heading = Collect in store
stores-title = Choose your store
no-stores = There are no stores for click-and-collect in this country yet.
out-of-stock-everywhere = This product is out of stock in every store. It can still be delivered to your home.
choose-store = Choose a store
collect-here = Collect here
cart-collect-at = You will collect your order at { $store }.
cart-no-store = Choose a store to collect your order there, free of charge.
delivery-collect-at = Collect at { $store }
ready-in-hours = { $hours ->
    [one] Ready in { $hours } hour
   *[other] Ready in { $hours } hours
}
error-no-store = Please choose a store.
error-unknown-store = That store does not offer click-and-collect in this country.
error-no-cart = Add a product to your basket first.
