//! The size of an output as the plugin returned it: the bytes of every string it holds
//! (text, message ids and arguments, ids, values, routes, hours), and at least eight bytes
//! for every element of a list (blocks, indices, fields, choices, arguments, address lines),
//! so that empty elements cannot add up to a large page. It is checked before anything is
//! resolved, so no field escapes the output limit.

use crate::bindings::vitrine::plugin::types as wit;

/// Bytes a value of the plugin's output weighs.
pub trait Size {
    /// Its weight in bytes, saturating.
    fn size(&self) -> usize;
}

/// What an element of a list weighs at least, an index included.
const ELEMENT: usize = 8;

impl Size for str {
    fn size(&self) -> usize {
        self.len()
    }
}

impl Size for String {
    fn size(&self) -> usize {
        self.len()
    }
}

impl<T: Size> Size for [T] {
    fn size(&self) -> usize {
        self.iter()
            .fold(0, |sum, item| sum.saturating_add(item.size().max(ELEMENT)))
    }
}

impl<T: Size> Size for Vec<T> {
    fn size(&self) -> usize {
        self.as_slice().size()
    }
}

impl<T: Size> Size for Option<T> {
    fn size(&self) -> usize {
        self.as_ref().map_or(0, Size::size)
    }
}

impl Size for wit::Money {
    fn size(&self) -> usize {
        self.currency.len().saturating_add(8)
    }
}

impl Size for wit::MessageArg {
    fn size(&self) -> usize {
        let value = match &self.value {
            wit::ArgValue::Text(text) => text.len(),
            wit::ArgValue::Number(_) => 8,
            wit::ArgValue::Money(money) => money.size(),
        };
        self.name.len().saturating_add(value)
    }
}

impl Size for wit::Text {
    fn size(&self) -> usize {
        match self {
            wit::Text::Plain(text) => text.len(),
            wit::Text::Message(message) => message.id.len().saturating_add(message.args.size()),
        }
    }
}

impl Size for wit::LinkTarget {
    fn size(&self) -> usize {
        match self {
            wit::LinkTarget::PluginRoute(id) | wit::LinkTarget::Product(id) => id.len(),
            wit::LinkTarget::Cart | wit::LinkTarget::Checkout => 0,
        }
    }
}

impl Size for wit::Choice {
    fn size(&self) -> usize {
        self.value.len().saturating_add(self.label.size())
    }
}

impl Size for wit::Field {
    fn size(&self) -> usize {
        let kind = match &self.kind {
            wit::FieldKind::Choice(choices) => choices.size(),
            _ => 0,
        };
        [self.name.len(), self.label.size(), self.value.size(), kind]
            .into_iter()
            .fold(0, usize::saturating_add)
    }
}

impl Size for wit::OpeningDay {
    fn size(&self) -> usize {
        self.day.len().saturating_add(self.hours.size())
    }
}

impl Size for wit::StoreCard {
    fn size(&self) -> usize {
        [
            self.id.len(),
            self.name.size(),
            self.address.size(),
            self.opening_hours.size(),
        ]
        .into_iter()
        .fold(0, usize::saturating_add)
    }
}

impl Size for wit::Block {
    fn size(&self) -> usize {
        match self {
            wit::Block::Heading((_, text))
            | wit::Block::Paragraph(text)
            | wit::Block::Notice((_, text))
            | wit::Block::Badge((_, text)) => text.size(),
            wit::Block::List(items) | wit::Block::Group(items) => {
                items.len().saturating_mul(ELEMENT)
            }
            wit::Block::Link(link) => link.label.size().saturating_add(link.target.size()),
            wit::Block::Form(form) => [form.route.len(), form.fields.size(), form.submit.size()]
                .into_iter()
                .fold(0, usize::saturating_add),
            wit::Block::Price(money) => money.size(),
            wit::Block::StoreCard(card) => card.size(),
        }
    }
}

impl Size for wit::Ui {
    fn size(&self) -> usize {
        self.blocks
            .size()
            .saturating_add(self.root.len().saturating_mul(ELEMENT))
    }
}

impl Size for wit::RedirectTarget {
    fn size(&self) -> usize {
        match self {
            wit::RedirectTarget::PluginRoute(id) | wit::RedirectTarget::Product(id) => id.len(),
            wit::RedirectTarget::Cart | wit::RedirectTarget::Checkout => 0,
        }
    }
}

impl Size for wit::RouteResponse {
    fn size(&self) -> usize {
        match self {
            wit::RouteResponse::Page(page) => page.title.size().saturating_add(page.ui.size()),
            wit::RouteResponse::Redirect(target) => target.size(),
        }
    }
}

impl Size for wit::DeliveryOption {
    fn size(&self) -> usize {
        [self.id.len(), self.label.size(), self.detail.size()]
            .into_iter()
            .fold(0, usize::saturating_add)
    }
}

impl Size for wit::Message {
    fn size(&self) -> usize {
        self.id.len().saturating_add(self.args.size())
    }
}
