//! Pages of plugin-owned routes (`/{m}/x/{plugin}/…`), inside the storefront's layout.

use askama::Template;
use vitrine_site::Storefront;

use super::{Page, Renderer, render};
use crate::chrome::{Chrome, PageSpec, Visitor};
use crate::plugin_ui::{SlotOutput, UiBlock};

#[derive(Template)]
#[template(path = "plugin_page.html")]
struct PluginPage<'a> {
    chrome: Chrome<'a>,
    title: &'a str,
    body: String,
}

impl<'a> Renderer<'a> {
    /// A plugin route's page: `path` is the part after the storefront prefix
    /// (`x/click-and-collect/stores`), `blocks` the validated output.
    pub fn plugin_page(
        &self,
        storefront: &'a Storefront,
        path: &str,
        plugin: &str,
        title: &'a str,
        blocks: Vec<UiBlock>,
        visitor: Visitor<'a>,
    ) -> Page {
        let output = [SlotOutput {
            plugin: plugin.to_owned(),
            slot: "route".to_owned(),
            blocks,
        }];
        let spec = PageSpec {
            path,
            title: title.to_owned(),
            offered_by: vec![storefront.id.as_str()],
            noindex: true,
            search_query: "",
        };
        let chrome = self.chrome(
            storefront,
            spec,
            Visitor {
                slots: &output,
                ..visitor
            },
        );
        let body = chrome.slot("route");
        let page = PluginPage {
            chrome: Chrome {
                slots: &[],
                ..chrome
            },
            title,
            body,
        };
        Page {
            html: render(&page),
            tags: vec![format!("plugin:{plugin}")],
        }
    }
}
