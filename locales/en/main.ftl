## Shared UI strings of the storefront. Other locales translate every message here;
## regional folders (en-US, nl-BE…) override only what differs.

language-name = English
storefront-label = { $country } · { $language }

country-NL = Netherlands
country-BE = Belgium
country-FR = France
country-DE = Germany
country-CH = Switzerland
country-GB = United Kingdom
country-US = United States
country-AE = United Arab Emirates

skip-to-content = Skip to content
nav-home = Home
nav-categories = Categories
nav-cart = Basket
nav-cart-count = { $count ->
    [one] Basket ({ $count } item)
   *[other] Basket ({ $count } items)
}
breadcrumb-label = Breadcrumb
switcher-label = Country and language
footer-all-markets = All countries and languages

search-label = Search products
search-placeholder = Search products
search-submit = Search
search-title = Search
search-prompt = Type a product name to search.
search-results = { $count ->
    [0] No products match your search.
    [one] One product matches your search.
   *[other] { $count } products match your search.
}
search-results-best = The { $shown } best of { $count } matching products are shown: add a word to narrow your search.

home-title = Home
home-heading = Made to be used every day
home-intro = Bags, clothing and things for the home, designed to last and priced honestly.
home-categories = Shop by category
home-products = Featured products

category-empty = There are no products in this category here yet.

price-incl-vat = incl. VAT
price-excl-tax = excl. sales tax
price-was = Was { $price }
price-lowest-30-days = Lowest price in the 30 days before the reduction: { $price }

product-quantity = Quantity
product-add-to-cart = Add to basket

cart-title = Your basket
cart-empty = Your basket is empty.
cart-line-recalled = No longer available: please remove it.
cart-recalled-notice = A product in your basket has been withdrawn from sale. Remove it to continue to checkout.
cart-continue = Continue shopping
cart-col-product = Product
cart-col-price = Price
cart-col-quantity = Quantity
cart-col-total = Total
cart-total = Total
cart-update = Update
cart-remove = Remove
cart-quantity-of = Quantity of { $product }
cart-remove-of = Remove { $product } from your basket
cart-checkout = Go to checkout
cart-vat-included = Includes { $rate }% VAT: { $amount }
cart-tax-at-checkout = Sales tax is calculated at checkout.

cart-error-unknown-product = That product does not exist.
cart-error-not-sold = That product is not sold in this country.
cart-error-recalled = That product has been withdrawn from sale.
cart-error-quantity = Please choose a quantity between 1 and 99.
cart-error-malformed = Your request could not be read. Please try again.
cart-error-csrf = Your session has expired. Please try again.
cart-error-too-large = Your request was too large.

checkout-title = Checkout
checkout-summary = Order summary
checkout-delivery-address = Delivery address
checkout-field-name = Full name
checkout-field-email = Email address
checkout-field-street = Street and house number
checkout-field-postcode = Postcode
checkout-field-city = City
checkout-field-country = Country
checkout-fix-errors = Please correct the fields marked below.
checkout-error-required = This field is required.
checkout-error-email = Please enter a valid email address.
checkout-error-too-long = This is too long (200 characters at most).
checkout-payment-note = Payment is not part of this demo shop: your order is recorded, but nothing is charged and nothing will be delivered.
checkout-place-order = Place order

order-title = Order confirmed
order-thanks = Thank you! Your order number is { $id }.
order-placed-on = Placed on { $date }.
order-payment-note = No payment was taken: this demo shop records orders but does not charge or ship them.

chooser-title = Choose your country
chooser-heading = Where would you like to shop?
chooser-suggestion = Continue to { $storefront }

error-back-home = Back to the home page
error-not-found-title = Page not found
error-not-found-text = We could not find the page you were looking for.
error-gone-title = Product no longer available
error-gone-text = This product has been withdrawn from sale.
error-bad-request-title = Something went wrong
error-bad-request-text = Your request could not be processed.
error-forbidden-title = Session expired
error-forbidden-text = Your session has expired. Please go back and try again.
error-too-large-title = Request too large
error-too-large-text = Your request was too large to process.
error-unavailable-title = Temporarily unavailable
error-unavailable-text = This part of the shop is temporarily unavailable. Please try again in a moment.

checkout-delivery-method = Delivery
checkout-delivery-home = Home delivery
checkout-error-delivery = Please choose one of the delivery options.

## Plugin UI rendered by the theme
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
store-opening-hours = Opening hours
store-closed = Closed
store-chosen = Your store
stock-in-stock = In stock
stock-low = Only a few left
stock-out = Out of stock
pickup-ready-in = { $hours ->
    [one] Ready for pickup in { $hours } hour
   *[other] Ready for pickup in { $hours } hours
}
plugin-page-unavailable = This feature is temporarily unavailable. Please try again in a moment.

checkout-share-postcode = Let features of this shop use my postcode, for example to suggest the nearest store. Untick to withdraw.

## Listings: count, order, filters and pages
listing-count = { $count ->
    [0] No products
    [one] One product
   *[other] { $count } products
}
listing-sort = Sort by
sort-featured = Featured
sort-relevance = Best match
sort-price-low = Price: low to high
sort-price-high = Price: high to low
sort-newest = Newest
filter-in-stock = In stock in a store
filter-price-min = Min. price ({ $currency })
filter-price-max = Max. price ({ $currency })
filter-apply = Apply
listing-no-match = No products match these filters.
pagination-label = Pages
page-status = Page { $page } of { $pages }
page-previous = Previous page
page-next = Next page
page-link = { $page }
page-number = Page { $page }
