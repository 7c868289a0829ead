//! Plugin output as data: blocks whose text is already resolved and whose links are already
//! storefront URLs. The plugin host builds and validates them from what a plugin returns;
//! the theme renders them. Nothing here can carry HTML, CSS or script, and every string is
//! escaped when rendered. This crate sits below both, so that neither depends on the other.

/// Emphasis of a notice or badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// No emphasis.
    Neutral,
    /// Good news.
    Positive,
    /// Needs attention.
    Attention,
    /// Something failed.
    Critical,
}

/// Stock of a product in a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockLevel {
    /// Plenty.
    InStock,
    /// A few left.
    LowStock,
    /// None.
    OutOfStock,
}

/// A block of plugin UI.
#[derive(Clone, Debug)]
pub enum UiBlock {
    /// A heading (`level` is 2 or 3).
    Heading {
        /// 2 or 3.
        level: u8,
        /// Text.
        text: String,
    },
    /// A paragraph.
    Paragraph(String),
    /// A bulleted list.
    List(Vec<UiBlock>),
    /// A group of blocks.
    Group(Vec<UiBlock>),
    /// A link inside the storefront.
    Link {
        /// Text.
        label: String,
        /// Root-relative URL.
        href: String,
    },
    /// A form posted to a plugin route.
    Form(UiForm),
    /// A notice.
    Notice {
        /// Emphasis.
        tone: Tone,
        /// Text.
        text: String,
    },
    /// A badge.
    Badge {
        /// Emphasis.
        tone: Tone,
        /// Text.
        text: String,
    },
    /// A formatted price.
    Price(String),
    /// A store card.
    StoreCard(UiStoreCard),
}

/// A form.
#[derive(Clone, Debug)]
pub struct UiForm {
    /// Root-relative URL of the plugin route.
    pub action: String,
    /// Fields.
    pub fields: Vec<UiField>,
    /// Submit label.
    pub submit: String,
}

/// A form field.
#[derive(Clone, Debug)]
pub struct UiField {
    /// Field name.
    pub name: String,
    /// Label.
    pub label: String,
    /// Input kind.
    pub kind: UiFieldKind,
    /// Current value.
    pub value: String,
    /// Required.
    pub required: bool,
}

/// An input kind.
#[derive(Clone, Debug)]
pub enum UiFieldKind {
    /// One line of text.
    Text,
    /// An email address.
    Email,
    /// A postcode.
    Postcode,
    /// A number.
    Number,
    /// Hidden.
    Hidden,
    /// Radio buttons.
    Choice(Vec<UiChoice>),
}

/// One radio button.
#[derive(Clone, Debug)]
pub struct UiChoice {
    /// Submitted value.
    pub value: String,
    /// Label.
    pub label: String,
    /// Preselected.
    pub selected: bool,
}

/// A store card.
#[derive(Clone, Debug)]
pub struct UiStoreCard {
    /// Store id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Address lines.
    pub address: Vec<String>,
    /// Opening hours: weekday code (`mon`) and hours, none when closed.
    pub hours: Vec<(String, Option<String>)>,
    /// Stock of the product in question.
    pub stock: Option<StockLevel>,
    /// Hours until ready for pickup.
    pub ready_in_hours: Option<u32>,
    /// The shopper's chosen store.
    pub selected: bool,
}

/// A delivery option offered by a plugin at checkout.
#[derive(Clone, Debug)]
pub struct DeliveryChoice {
    /// Submitted value: `{plugin}:{option id}`.
    pub value: String,
    /// Label.
    pub label: String,
    /// A line of detail.
    pub detail: Option<String>,
}
