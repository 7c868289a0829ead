//! Pages of plugin-owned routes (`/{m}/x/{plugin}/…`), inside the storefront's layout.

use askama::Template;
use vitrine_site::{Storefront, Tag};
use vitrine_ui::UiBlock;

use super::{Page, RenderError, Renderer, render};
use crate::chrome::{Chrome, PageSpec, Visitor};
use crate::loc::Loc;
use crate::plugin_ui::{SlotOutput, blocks_html};

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
    ) -> Result<Page, RenderError> {
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
            canonical: None,
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
        Ok(Page {
            html: render(&page)?,
            tags: vec![Tag::Plugin(plugin).to_string()],
        })
    }

    /// A plugin's blocks as the theme renders them, for a slot or a route page; `csrf` goes
    /// into the plugin's forms.
    pub fn plugin_fragment(
        &self,
        storefront: &Storefront,
        blocks: &[UiBlock],
        csrf: Option<&str>,
    ) -> Result<String, RenderError> {
        blocks_html(blocks, &Loc::new(storefront), csrf)
    }
}
