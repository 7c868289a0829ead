//! Plugin output as the theme renders it: blocks whose text is already resolved and whose
//! links are already storefront URLs. Built and validated by the plugin host; nothing here
//! can carry HTML, CSS or script, and every string is escaped by the templates.

use askama::Template;

use vitrine_site::Storefront;

use crate::Renderer;
use crate::loc::Loc;

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

impl Tone {
    /// CSS class suffix.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Positive => "positive",
            Tone::Attention => "attention",
            Tone::Critical => "critical",
        }
    }
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

/// One plugin's output for one slot, rendered by the theme (see
/// [`Renderer::plugin_fragment`](crate::Renderer::plugin_fragment)): the caller checks its
/// size before it becomes part of a page.
#[derive(Clone, Debug)]
pub struct SlotOutput {
    /// Plugin id (`data-plugin`).
    pub plugin: String,
    /// Slot name (`data-slot`).
    pub slot: String,
    /// The blocks as the theme renders them.
    pub html: String,
}

#[derive(Template)]
#[template(path = "partials/block.html")]
struct BlockTemplate<'a> {
    block: &'a UiBlock,
    loc: &'a Loc<'a>,
    csrf: Option<&'a str>,
}

/// Renders blocks through the theme's block partial.
fn blocks_html(blocks: &[UiBlock], loc: &Loc<'_>, csrf: Option<&str>) -> String {
    blocks
        .iter()
        .map(|block| block_html(block, loc, csrf))
        .collect()
}

fn block_html(block: &UiBlock, loc: &Loc<'_>, csrf: Option<&str>) -> String {
    BlockTemplate { block, loc, csrf }
        .render()
        .unwrap_or_default()
}

impl Renderer<'_> {
    /// A plugin's blocks as the theme renders them, for a slot or a route page; `csrf` goes
    /// into the plugin's forms.
    pub fn plugin_fragment(
        &self,
        storefront: &Storefront,
        blocks: &[UiBlock],
        csrf: Option<&str>,
    ) -> String {
        blocks_html(blocks, &Loc::new(storefront), csrf)
    }
}

impl BlockTemplate<'_> {
    fn children(&self, blocks: &[UiBlock]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| block_html(b, self.loc, self.csrf))
            .collect()
    }

    fn day(&self, code: &str) -> String {
        self.loc.t(&format!("weekday-{code}"))
    }

    fn stock(&self, level: &StockLevel) -> String {
        self.loc.t(match level {
            StockLevel::InStock => "stock-in-stock",
            StockLevel::LowStock => "stock-low",
            StockLevel::OutOfStock => "stock-out",
        })
    }

    fn ready(&self, hours: &u32) -> String {
        self.loc
            .t_int("pickup-ready-in", "hours", i64::from(*hours))
    }

    fn stock_class(&self, level: &StockLevel) -> &'static str {
        match level {
            StockLevel::InStock => "stock-in",
            StockLevel::LowStock => "stock-low",
            StockLevel::OutOfStock => "stock-out",
        }
    }

    /// A document-unique id for a field: forms of different plugins never collide.
    fn field_id(&self, form: &UiForm, field: &UiField) -> String {
        let base: String = form
            .action
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("pf{base}-{}", field.name)
    }

    fn choice_id(&self, form: &UiForm, field: &UiField, index: &usize) -> String {
        format!("{}-{index}", self.field_id(form, field))
    }
}
