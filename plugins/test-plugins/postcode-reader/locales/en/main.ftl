postcode-known = Your postcode: { $postcode }
postcode-unknown = No postcode shared
