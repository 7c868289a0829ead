use vitrine_l10n::Arg;
use vitrine_site::Storefront;

/// The storefront's messages and formatters, as templates call them.
pub struct Loc<'a> {
    storefront: &'a Storefront,
}

impl<'a> Loc<'a> {
    /// Wraps a storefront.
    pub fn new(storefront: &'a Storefront) -> Self {
        Self { storefront }
    }

    /// A UI message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.storefront.l10n.messages.text(id)
    }

    /// A UI message with one text argument.
    pub fn t_text(&self, id: &str, name: &str, value: &str) -> String {
        self.storefront
            .l10n
            .messages
            .format(id, &[(name, Arg::Text(value))])
    }

    /// A UI message with one integer argument (plurals select on it).
    pub fn t_int(&self, id: &str, name: &str, value: i64) -> String {
        self.storefront
            .l10n
            .messages
            .format(id, &[(name, Arg::Int(value))])
    }

    /// A UI message with several integer arguments.
    pub fn t_ints(&self, id: &str, args: &[(&str, i64)]) -> String {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(n, v)| (*n, Arg::Int(*v))).collect();
        self.storefront.l10n.messages.format(id, &args)
    }

    /// A UI message with several text arguments.
    pub fn t_texts(&self, id: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(n, v)| (*n, Arg::Text(v))).collect();
        self.storefront.l10n.messages.format(id, &args)
    }

    /// A decimal given as a plain string (`8.1`), with the locale's separator.
    pub fn percent(&self, decimal: &str) -> String {
        self.storefront.l10n.numbers.format_decimal_str(decimal)
    }

    /// An amount in the market's currency, CLDR-formatted.
    pub fn money(&self, minor: i64) -> String {
        self.storefront.l10n.money.format_minor(minor)
    }

    /// The storefront's language subtag.
    pub fn language(&self) -> &str {
        &self.storefront.language
    }
}
