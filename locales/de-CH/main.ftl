## Swiss Standard German: only what differs from de (sharp s written as "ss"; Swiss VAT is "MWST").

price-incl-vat = inkl. MWST
cart-vat-included = inkl. { $rate } % MWST: { $amount }
cart-error-too-large = Ihre Anfrage war zu gross.
checkout-field-street = Strasse und Hausnummer
error-too-large-title = Anfrage zu gross
error-too-large-text = Ihre Anfrage war zu gross, um verarbeitet zu werden.
