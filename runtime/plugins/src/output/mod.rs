//! Plugin output is untrusted. This checks it against the rules and turns it into theme
//! blocks with resolved text: first its size as returned (every string of every field), then,
//! while resolving, its shape (blocks, depth), its text (known message ids, bounded
//! arguments, formatting that stops at the text limit, no control or stray bidirectional
//! characters) and its meaning (prices in the storefront's currency and within range, links
//! only to the plugin's routes or real products, store cards only for the market's stores,
//! with the catalogue's data). Any breach fails the whole output.

use std::cell::Cell;

use vitrine_l10n::{Arg, Messages};
use vitrine_site::{Market, PagePath, PluginPackage, Site, Storefront};

use crate::bindings::vitrine::plugin::types as wit;
use crate::error::{Failure, FailureKind};
use crate::limits::{
    MAX_ARG_TEXT_BYTES, MAX_BLOCKS, MAX_CHOICES, MAX_DEPTH, MAX_FORM_FIELDS, MAX_ID_BYTES,
    MAX_MESSAGE_ARGS, MAX_MESSAGES, MAX_OUTPUT_BYTES, MAX_PRICE_MINOR, MAX_TEXT_CHARS,
};
use vitrine_ui::{Tone, UiBlock, UiChoice, UiField, UiFieldKind, UiForm};

mod route;
mod size;
mod store_card;
mod text;

pub use route::{delivery_choices, route_outcome};
pub use size::Size;

/// What resolving needs to know.
pub struct Resolver<'a> {
    /// The snapshot.
    pub site: &'a Site,
    /// The storefront the output is for.
    pub storefront: &'a Storefront,
    /// Its market.
    pub market: &'a Market,
    /// The plugin that produced it.
    pub package: &'a PluginPackage,
    /// The plugin's messages along the storefront's chain.
    pub messages: &'a Messages,
    /// The product the page is about, if any: store cards show its stock.
    pub product: Option<&'a str>,
    text_budget: Cell<usize>,
    messages_left: Cell<usize>,
}

/// An invalid-output failure.
pub fn invalid(detail: impl Into<String>) -> Failure {
    Failure::new(FailureKind::InvalidOutput, detail)
}

/// A plugin-supplied string for a failure detail: cut short (the log escapes it).
pub fn quoted(text: &str) -> String {
    const SHOWN: usize = 64;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("`{}…`", &text[..end]),
        None => format!("`{text}`"),
    }
}

/// Fails an output whose strings weigh more than [`MAX_OUTPUT_BYTES`].
pub fn check_size(output: &(impl Size + ?Sized)) -> Result<(), Failure> {
    let bytes = output.size();
    if bytes > MAX_OUTPUT_BYTES {
        return Err(invalid(format!(
            "{bytes} bytes of strings, more than {MAX_OUTPUT_BYTES}"
        )));
    }
    Ok(())
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_BYTES
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl<'a> Resolver<'a> {
    /// A resolver for one output.
    pub fn new(
        site: &'a Site,
        storefront: &'a Storefront,
        package: &'a PluginPackage,
        messages: &'a Messages,
        product: Option<&'a str>,
    ) -> Self {
        Self {
            site,
            storefront,
            market: site.market_of(storefront),
            package,
            messages,
            product,
            text_budget: Cell::new(MAX_TEXT_CHARS),
            messages_left: Cell::new(MAX_MESSAGES),
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
        check_size(ui)?;
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
                tone: tone_of(*tone),
                text: self.text(text)?,
            },
            wit::Block::Badge((tone, text)) => UiBlock::Badge {
                tone: tone_of(*tone),
                text: self.text(text)?,
            },
            wit::Block::Price(money) => UiBlock::Price(self.money(money)?),
            wit::Block::StoreCard(card) => UiBlock::StoreCard(self.store_card(card)?),
        })
    }

    /// Resolves text: plain data cleaned, message ids through the plugin's bundle.
    pub fn text(&self, text: &wit::Text) -> Result<String, Failure> {
        let resolved = match text {
            wit::Text::Plain(plain) => text::clean_data(plain).into_owned(),
            wit::Text::Message(message) => self.message(message)?,
        };
        self.spend(resolved.chars().count())?;
        Ok(resolved)
    }

    /// Data shown as is (an id, a value): cleaned and counted against the text budget.
    fn data(&self, value: &str) -> Result<String, Failure> {
        let cleaned = text::clean_data(value).into_owned();
        self.spend(cleaned.chars().count())?;
        Ok(cleaned)
    }

    fn spend(&self, chars: usize) -> Result<(), Failure> {
        let left = self.text_budget.get();
        if chars > left {
            return Err(too_much_text());
        }
        self.text_budget.set(left - chars);
        Ok(())
    }

    fn message(&self, message: &wit::Message) -> Result<String, Failure> {
        let left = self.messages_left.get();
        if left == 0 {
            return Err(invalid(format!("more than {MAX_MESSAGES} messages")));
        }
        self.messages_left.set(left - 1);
        if !self.messages.has(&message.id) {
            return Err(invalid(format!(
                "unknown message id {}",
                quoted(&message.id)
            )));
        }
        if message.args.len() > MAX_MESSAGE_ARGS {
            return Err(invalid(format!(
                "more than {MAX_MESSAGE_ARGS} arguments for message {}",
                quoted(&message.id)
            )));
        }
        let values = message
            .args
            .iter()
            .map(|arg| self.arg_value(&arg.value))
            .collect::<Result<Vec<_>, _>>()?;
        let args: Vec<(&str, Arg<'_>)> = message
            .args
            .iter()
            .zip(&values)
            .map(|(arg, value)| (arg.name.as_str(), value.as_arg()))
            .collect();
        let formatted = self
            .messages
            .format_bounded(&message.id, &args, self.text_budget.get())
            .map_err(|_| too_much_text())?;
        Ok(text::balance_bidi(&formatted).into_owned())
    }

    fn arg_value(&self, value: &wit::ArgValue) -> Result<ArgValue, Failure> {
        Ok(match value {
            wit::ArgValue::Text(text) if text.len() > MAX_ARG_TEXT_BYTES => {
                return Err(invalid(format!(
                    "a message argument longer than {MAX_ARG_TEXT_BYTES} bytes"
                )));
            }
            wit::ArgValue::Text(text) => ArgValue::Text(text::clean_data(text).into_owned()),
            wit::ArgValue::Number(n) => ArgValue::Int(*n),
            wit::ArgValue::Money(money) => ArgValue::Text(self.money(money)?),
        })
    }

    /// Formats money, refusing any currency but the storefront's and amounts out of range.
    pub fn money(&self, money: &wit::Money) -> Result<String, Failure> {
        let currency = self.storefront.l10n.money.currency();
        if money.currency != currency.code() {
            return Err(invalid(format!(
                "price in {} on a {} storefront",
                quoted(&money.currency),
                currency.code()
            )));
        }
        if !(0..=MAX_PRICE_MINOR).contains(&money.amount_minor) {
            return Err(invalid(format!(
                "price {} out of range (0 to {MAX_PRICE_MINOR} minor units)",
                money.amount_minor
            )));
        }
        Ok(self.storefront.l10n.money.format_minor(money.amount_minor))
    }

    /// A link target as a root-relative storefront URL.
    pub fn target(&self, target: &wit::LinkTarget) -> Result<String, Failure> {
        let sf = &self.storefront.id;
        match target {
            wit::LinkTarget::PluginRoute(route) => self.route_url(route),
            wit::LinkTarget::Product(id) if self.site.products.contains_key(id) => {
                Ok(PagePath::Product(id).url(sf))
            }
            wit::LinkTarget::Product(id) => {
                Err(invalid(format!("link to unknown product {}", quoted(id))))
            }
            wit::LinkTarget::Cart => Ok(PagePath::Cart.url(sf)),
            wit::LinkTarget::Checkout => Ok(PagePath::Checkout.url(sf)),
        }
    }

    /// The URL of one of the plugin's declared routes.
    pub fn route_url(&self, route: &str) -> Result<String, Failure> {
        if !self.package.routes.contains(route) {
            return Err(invalid(format!(
                "route {} is not declared in the manifest",
                quoted(route)
            )));
        }
        let path = PagePath::Plugin {
            plugin: &self.package.id,
            route,
        };
        Ok(path.url(&self.storefront.id))
    }

    fn form(&self, form: &wit::Form) -> Result<UiForm, Failure> {
        if form.fields.len() > MAX_FORM_FIELDS {
            return Err(invalid(format!(
                "more than {MAX_FORM_FIELDS} fields in a form"
            )));
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
        if !valid_id(&field.name) || field.name == "csrf" {
            return Err(invalid(format!(
                "invalid field name {}",
                quoted(&field.name)
            )));
        }
        let kind = match &field.kind {
            wit::FieldKind::Text => UiFieldKind::Text,
            wit::FieldKind::Email => UiFieldKind::Email,
            wit::FieldKind::Postcode => UiFieldKind::Postcode,
            wit::FieldKind::Number => UiFieldKind::Number,
            wit::FieldKind::Hidden => UiFieldKind::Hidden,
            wit::FieldKind::Choice(choices) if choices.len() <= MAX_CHOICES => {
                UiFieldKind::Choice(self.choices(choices)?)
            }
            wit::FieldKind::Choice(_) => {
                return Err(invalid(format!("more than {MAX_CHOICES} choices")));
            }
        };
        Ok(UiField {
            name: field.name.clone(),
            label: self.text(&field.label)?,
            kind,
            value: self.data(field.value.as_deref().unwrap_or_default())?,
            required: field.required,
        })
    }

    fn choices(&self, choices: &[wit::Choice]) -> Result<Vec<UiChoice>, Failure> {
        choices
            .iter()
            .map(|choice| {
                Ok(UiChoice {
                    value: self.data(&choice.value)?,
                    label: self.text(&choice.label)?,
                    selected: choice.selected,
                })
            })
            .collect()
    }
}

fn too_much_text() -> Failure {
    invalid(format!("more than {MAX_TEXT_CHARS} characters of text"))
}

fn tone_of(tone: wit::Tone) -> Tone {
    match tone {
        wit::Tone::Neutral => Tone::Neutral,
        wit::Tone::Positive => Tone::Positive,
        wit::Tone::Attention => Tone::Attention,
        wit::Tone::Critical => Tone::Critical,
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
