//! The market chooser at `/`: the `x-default` page. It may suggest a storefront from the
//! shopper's languages but never redirects (EU Regulation 2018/302).

use askama::Template;
use vitrine_site::{PagePath, Storefront, Tag};

use super::{Page, RenderError, Renderer, render};
use crate::chrome::Alternate;
use crate::loc::Loc;

/// A storefront link on the chooser.
pub struct Choice {
    pub label: String,
    pub href: String,
    pub hreflang: String,
}

#[derive(Template)]
#[template(path = "chooser.html")]
struct ChooserPage<'a> {
    loc: Loc<'a>,
    lang: String,
    dir: &'static str,
    brand: &'a str,
    canonical: String,
    alternates: Vec<Alternate>,
    stylesheets: Vec<&'a str>,
    choices: Vec<Choice>,
    suggestion: Option<(Choice, String)>,
}

impl<'a> Renderer<'a> {
    /// The chooser, in the site's default language, with an optional suggested storefront
    /// whose invitation is written in that storefront's own language.
    pub fn chooser(
        &self,
        default: &'a Storefront,
        suggested: Option<&'a Storefront>,
    ) -> Result<Page, RenderError> {
        let choices = self
            .site
            .storefronts
            .iter()
            .map(|s| self.choice(s))
            .collect();
        let suggestion = suggested.map(|s| {
            let invite = Loc::new(s).t_text("chooser-suggestion", "storefront", &s.label);
            (self.choice(s), invite)
        });
        let locale = &default.l10n.locale;
        let page = ChooserPage {
            loc: Loc::new(default),
            lang: locale.language().to_owned(),
            dir: locale.direction.as_html(),
            brand: &self.site.name,
            canonical: format!("{}/", self.base_url),
            alternates: self.home_alternates(),
            stylesheets: std::iter::once(self.site.theme.tokens_css_url.as_str())
                .chain(self.site.theme.stylesheet_urls.iter().map(String::as_str))
                .collect(),
            choices,
            suggestion,
        };
        Ok(Page {
            html: render(&page)?,
            tags: vec![
                Tag::Chooser.to_string(),
                Tag::Theme(&self.site.theme.name).to_string(),
            ],
        })
    }

    fn choice(&self, storefront: &Storefront) -> Choice {
        Choice {
            label: storefront.label.clone(),
            href: PagePath::Home.url(&storefront.id),
            hreflang: storefront.l10n.locale.tag(),
        }
    }

    fn home_alternates(&self) -> Vec<Alternate> {
        self.site
            .storefronts
            .iter()
            .map(|s| Alternate {
                hreflang: s.l10n.locale.tag(),
                href: format!("{}/{}/", self.base_url, s.id),
            })
            .collect()
    }
}
