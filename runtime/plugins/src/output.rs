//! Plugin output is untrusted. This checks it against the rules (size, depth, known message
//! ids, the storefront's currency, links only to the plugin's routes or real products) and
//! turns it into theme blocks with resolved text. Any breach fails the whole output.

use vitrine_l10n::{Arg, Messages};
use vitrine_render::plugin_ui::{
    StockLevel, Tone, UiBlock, UiChoice, UiField, UiFieldKind, UiForm, UiStoreCard,
};
use vitrine_site::{PluginPackage, Site, Storefront};

use crate::bindings::vitrine::plugin::types as wit;
use crate::error::{Failure, FailureKind};

/// Most blocks in one output.
pub const MAX_BLOCKS: usize = 200;
/// Deepest nesting of containers.
pub const MAX_DEPTH: usize = 8;
/// Most characters of text in one output.
pub const MAX_TEXT_CHARS: usize = 32 * 1024;

/// What resolving needs to know.
pub struct Resolver<'a> {
    /// The snapshot.
    pub site: &'a Site,
    /// The storefront the output is for.
    pub storefront: &'a Storefront,
    /// The plugin that produced it.
    pub package: &'a PluginPackage,
    /// The plugin's messages along the storefront's chain.
    pub messages: &'a Messages,
    text_budget: std::cell::Cell<usize>,
}

fn invalid(detail: impl Into<String>) -> Failure {
    Failure::new(FailureKind::InvalidOutput, detail)
}

impl<'a> Resolver<'a> {
    /// A resolver for one output.
    pub fn new(
        site: &'a Site,
        storefront: &'a Storefront,
        package: &'a PluginPackage,
        messages: &'a Messages,
    ) -> Self {
        Self {
            site,
            storefront,
            package,
            messages,
            text_budget: std::cell::Cell::new(MAX_TEXT_CHARS),
        }
    }

    /// Checks and resolves a block tree.
    pub fn ui(&self, ui: &wit::Ui) -> Result<Vec<UiBlock>, Failure> {
        if ui.blocks.len() > MAX_BLOCKS {
            return Err(invalid(format!(
                "{} blocks, more than {MAX_BLOCKS}",
                ui.blocks.len()
            )));
        }
        let mut used = vec![false; ui.blocks.len()];
        ui.root
            .iter()
            .map(|index| self.block(ui, *index, None, 1, &mut used))
            .collect()
    }

    fn block(
        &self,
        ui: &wit::Ui,
        index: u32,
        parent: Option<u32>,
        depth: usize,
        used: &mut [bool],
    ) -> Result<UiBlock, Failure> {
        if depth > MAX_DEPTH {
            return Err(invalid(format!("blocks nested deeper than {MAX_DEPTH}")));
        }
        let slot = used
            .get_mut(index as usize)
            .ok_or_else(|| invalid(format!("block index {index} out of range")))?;
        if *slot || parent.is_some_and(|p| index <= p) {
            return Err(invalid(format!(
                "block {index} is not a tree node (reused or before its parent)"
            )));
        }
        *slot = true;
        let block = &ui.blocks[index as usize];
        let mut children = |items: &[u32]| -> Result<Vec<UiBlock>, Failure> {
            items
                .iter()
                .map(|child| self.block(ui, *child, Some(index), depth + 1, used))
                .collect()
        };
        Ok(match block {
            wit::Block::Heading((level, text)) => UiBlock::Heading {
                level: if matches!(level, wit::HeadingLevel::H2) {
                    2
                } else {
                    3
                },
                text: self.text(text)?,
            },
            wit::Block::Paragraph(text) => UiBlock::Paragraph(self.text(text)?),
            wit::Block::List(items) => UiBlock::List(children(items)?),
            wit::Block::Group(items) => UiBlock::Group(children(items)?),
            wit::Block::Link(link) => UiBlock::Link {
                label: self.text(&link.label)?,
                href: self.target(&link.target)?,
            },
            wit::Block::Form(form) => UiBlock::Form(self.form(form)?),
            wit::Block::Notice((tone, text)) => UiBlock::Notice {
                tone: self.tone(tone),
                text: self.text(text)?,
            },
            wit::Block::Badge((tone, text)) => UiBlock::Badge {
                tone: self.tone(tone),
                text: self.text(text)?,
            },
            wit::Block::Price(money) => UiBlock::Price(self.money(money)?),
            wit::Block::StoreCard(card) => UiBlock::StoreCard(self.store_card(card)?),
        })
    }

    /// Resolves text: plain data as is, message ids through the plugin's bundle.
    pub fn text(&self, text: &wit::Text) -> Result<String, Failure> {
        let resolved = match text {
            wit::Text::Plain(plain) => plain.clone(),
            wit::Text::Message(message) => self.message(message)?,
        };
        self.spend(resolved.chars().count())?;
        Ok(resolved)
    }

    fn spend(&self, chars: usize) -> Result<(), Failure> {
        let left = self.text_budget.get();
        if chars > left {
            return Err(invalid(format!(
                "more than {MAX_TEXT_CHARS} characters of text"
            )));
        }
        self.text_budget.set(left - chars);
        Ok(())
    }

    fn message(&self, message: &wit::Message) -> Result<String, Failure> {
        if !self.messages.has(&message.id) {
            return Err(invalid(format!("unknown message id `{}`", message.id)));
        }
        let mut formatted = Vec::with_capacity(message.args.len());
        for arg in &message.args {
            formatted.push(match &arg.value {
                wit::ArgValue::Text(text) => ArgValue::Text(text.clone()),
                wit::ArgValue::Number(n) => ArgValue::Int(*n),
                wit::ArgValue::Money(money) => ArgValue::Text(self.money(money)?),
            });
        }
        let args: Vec<(&str, Arg<'_>)> = message
            .args
            .iter()
            .zip(&formatted)
            .map(|(arg, value)| (arg.name.as_str(), value.as_arg()))
            .collect();
        Ok(self.messages.format(&message.id, &args))
    }

    /// Formats money, refusing any currency but the storefront's.
    pub fn money(&self, money: &wit::Money) -> Result<String, Failure> {
        let currency = self.storefront.l10n.money.currency();
        if money.currency != currency.code() {
            return Err(invalid(format!(
                "price in {} on a {} storefront",
                money.currency,
                currency.code()
            )));
        }
        if money.amount_minor.unsigned_abs() > 1_000_000_000_000 {
            return Err(invalid("price out of range"));
        }
        Ok(self.storefront.l10n.money.format_minor(money.amount_minor))
    }

    fn tone(&self, tone: &wit::Tone) -> Tone {
        match tone {
            wit::Tone::Neutral => Tone::Neutral,
            wit::Tone::Positive => Tone::Positive,
            wit::Tone::Attention => Tone::Attention,
            wit::Tone::Critical => Tone::Critical,
        }
    }

    /// A link target as a root-relative storefront URL.
    pub fn target(&self, target: &wit::LinkTarget) -> Result<String, Failure> {
        let sf = &self.storefront.id;
        match target {
            wit::LinkTarget::PluginRoute(route) => self.route_url(route),
            wit::LinkTarget::Product(id) if self.site.products.contains_key(id) => {
                Ok(format!("/{sf}/p/{id}"))
            }
            wit::LinkTarget::Product(id) => Err(invalid(format!("link to unknown product `{id}`"))),
            wit::LinkTarget::Cart => Ok(format!("/{sf}/cart")),
            wit::LinkTarget::Checkout => Ok(format!("/{sf}/checkout")),
        }
    }

    /// The URL of one of the plugin's declared routes.
    pub fn route_url(&self, route: &str) -> Result<String, Failure> {
        if !self.package.routes.contains(route) {
            return Err(invalid(format!(
                "route `{route}` is not declared in the manifest"
            )));
        }
        Ok(format!(
            "/{}/x/{}/{route}",
            self.storefront.id, self.package.id
        ))
    }

    fn form(&self, form: &wit::Form) -> Result<UiForm, Failure> {
        if form.fields.len() > 20 {
            return Err(invalid("more than 20 fields in a form"));
        }
        let fields = form
            .fields
            .iter()
            .map(|f| self.field(f))
            .collect::<Result<_, _>>()?;
        Ok(UiForm {
            action: self.route_url(&form.route)?,
            fields,
            submit: self.text(&form.submit)?,
        })
    }

    fn field(&self, field: &wit::Field) -> Result<UiField, Failure> {
        let valid_name = !field.name.is_empty()
            && field.name.len() <= 40
            && field
                .name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid_name || field.name == "csrf" {
            return Err(invalid(format!("invalid field name `{}`", field.name)));
        }
        let kind = match &field.kind {
            wit::FieldKind::Text => UiFieldKind::Text,
            wit::FieldKind::Email => UiFieldKind::Email,
            wit::FieldKind::Postcode => UiFieldKind::Postcode,
            wit::FieldKind::Number => UiFieldKind::Number,
            wit::FieldKind::Hidden => UiFieldKind::Hidden,
            wit::FieldKind::Choice(choices) if choices.len() <= 50 => UiFieldKind::Choice(
                choices
                    .iter()
                    .map(|c| {
                        Ok(UiChoice {
                            value: c.value.clone(),
                            label: self.text(&c.label)?,
                            selected: c.selected,
                        })
                    })
                    .collect::<Result<_, Failure>>()?,
            ),
            wit::FieldKind::Choice(_) => return Err(invalid("more than 50 choices")),
        };
        let value = field.value.clone().unwrap_or_default();
        self.spend(value.chars().count())?;
        Ok(UiField {
            name: field.name.clone(),
            label: self.text(&field.label)?,
            kind,
            value,
            required: field.required,
        })
    }

    fn store_card(&self, card: &wit::StoreCard) -> Result<UiStoreCard, Failure> {
        if card.address.len() > 6 || card.opening_hours.len() > 7 {
            return Err(invalid("store card with too many address lines or days"));
        }
        for line in &card.address {
            self.spend(line.chars().count())?;
        }
        let mut hours = Vec::new();
        for day in &card.opening_hours {
            if !["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(&day.day.as_str()) {
                return Err(invalid(format!("unknown weekday `{}`", day.day)));
            }
            hours.push((day.day.clone(), day.hours.clone()));
        }
        Ok(UiStoreCard {
            id: card.id.clone(),
            name: self.text(&card.name)?,
            address: card.address.clone(),
            hours,
            stock: card.stock.map(|level| match level {
                wit::StockLevel::InStock => StockLevel::InStock,
                wit::StockLevel::LowStock => StockLevel::LowStock,
                wit::StockLevel::OutOfStock => StockLevel::OutOfStock,
            }),
            ready_in_hours: card.ready_in_hours,
            selected: card.selected,
        })
    }
}

/// An argument value owned while the message is formatted.
enum ArgValue {
    Text(String),
    Int(i64),
}

impl ArgValue {
    fn as_arg(&self) -> Arg<'_> {
        match self {
            ArgValue::Text(text) => Arg::Text(text),
            ArgValue::Int(n) => Arg::Int(*n),
        }
    }
}
