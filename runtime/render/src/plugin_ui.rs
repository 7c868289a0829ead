//! Plugin output as the theme renders it: the blocks of `vitrine_ui` through the theme's
//! block partial, and the rendered fragment of each slot. Every string is escaped by the
//! templates.

use askama::Template;
use vitrine_ui::{StockLevel, Tone, UiBlock, UiField, UiFieldKind, UiForm};

use crate::loc::Loc;
use crate::template::{RenderError, render};

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
pub(crate) fn blocks_html(
    blocks: &[UiBlock],
    loc: &Loc<'_>,
    csrf: Option<&str>,
) -> Result<String, RenderError> {
    blocks
        .iter()
        .map(|block| block_html(block, loc, csrf))
        .collect()
}

fn block_html(block: &UiBlock, loc: &Loc<'_>, csrf: Option<&str>) -> Result<String, RenderError> {
    render(&BlockTemplate { block, loc, csrf })
}

impl BlockTemplate<'_> {
    fn children(&self, blocks: &[UiBlock]) -> Result<Vec<String>, askama::Error> {
        blocks
            .iter()
            .map(|b| {
                block_html(b, self.loc, self.csrf)
                    .map_err(|error| askama::Error::Custom(Box::new(error)))
            })
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

    fn tone_class(&self, tone: &Tone) -> &'static str {
        match tone {
            Tone::Neutral => "neutral",
            Tone::Positive => "positive",
            Tone::Attention => "attention",
            Tone::Critical => "critical",
        }
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
