//! Pages of plugin-owned routes (`/{m}/x/{plugin}/…`), inside the storefront's layout.

use askama::Template;
use vitrine_site::Storefront;

use super::{Page, Renderer, render};
use crate::chrome::{Chrome, PageSpec, Visitor};
use crate::plugin_ui::SlotOutput;

#[derive(Template)]
#[template(path = "plugin_page.html")]
struct PluginPage<'a> {
    chrome: Chrome<'a>,
    title: &'a str,
    body: String,
}

impl<'a> Renderer<'a> {
    /// A plugin route's page: `path` is the part after the storefront prefix
    /// (`x/click-and-collect/stores`), `fragment` the plugin's validated output as
    /// [`Renderer::plugin_fragment`] rendered it.
    pub fn plugin_page(
        &self,
        storefront: &'a Storefront,
        path: &str,
        plugin: &str,
        title: &'a str,
        fragment: String,
        visitor: Visitor<'a>,
    ) -> Page {
        let output = [SlotOutput {
            plugin: plugin.to_owned(),
            slot: "route".to_owned(),
            html: fragment,
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
