//! The theme folder: `theme.toml` (tokens), stylesheets and images under `assets/`.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::raw::{RawListing, RawTheme};
use crate::reader::Reader;
use crate::source::join;
use crate::{Assets, ListingSizes, Market, Theme, Token};

/// A theme whose files are read and valid, before market overrides are applied.
pub struct LoadedTheme {
    pub file: String,
    pub contrast: Vec<crate::raw::RawContrast>,
    pub name: String,
    pub version: String,
    pub tokens: BTreeMap<String, Token>,
    pub stylesheet_urls: Vec<String>,
    pub listing: ListingSizes,
}

/// Reads `theme.toml`, its stylesheets and every file in `assets/`.
pub fn load(reader: &mut Reader<'_>, dir: &str, assets: &mut Assets) -> Option<LoadedTheme> {
    let file = join(dir, "theme.toml");
    let raw: RawTheme = reader.toml(&file)?;
    let mut tokens = BTreeMap::new();
    for (name, token) in raw.tokens {
        let key = format!("tokens.{name}");
        if check_token(reader, &file, &key, &name, &token.value) {
            tokens.insert(
                name,
                Token {
                    value: token.value,
                    overridable: token.overridable,
                },
            );
        }
    }
    let stylesheet_urls = raw
        .stylesheets
        .iter()
        .enumerate()
        .filter_map(|(i, sheet)| {
            let path = join(dir, &format!("assets/{sheet}"));
            let bytes = reader.bytes(&path, (&file, &format!("stylesheets[{i}]")))?;
            Some(assets.add(sheet, bytes))
        })
        .collect();
    add_theme_images(reader, dir, assets);
    let listing = listing_sizes(reader, &file, &raw.listing);
    Some(LoadedTheme {
        listing,
        file,
        contrast: raw.contrast,
        name: raw.name,
        version: raw.version,
        tokens,
        stylesheet_urls,
    })
}

/// `[listing]`: page sizes within 1 and [`ListingSizes::MAX`] (the home page may show none).
fn listing_sizes(reader: &mut Reader<'_>, file: &str, raw: &RawListing) -> ListingSizes {
    let default = ListingSizes::DEFAULT;
    let mut size = |key: &str, value: Option<i64>, least: usize, default: usize| {
        let Some(value) = value else {
            return default;
        };
        match usize::try_from(value) {
            Ok(n) if (least..=ListingSizes::MAX).contains(&n) => n,
            _ => {
                let rule = format!("must be between {least} and {}", ListingSizes::MAX);
                reader.problem(file, format!("listing.{key}"), rule);
                default
            }
        }
    };
    ListingSizes {
        page_size: size("page_size", raw.page_size, 1, default.page_size),
        home_products: size("home_products", raw.home_products, 0, default.home_products),
    }
}

fn add_theme_images(reader: &mut Reader<'_>, dir: &str, assets: &mut Assets) {
    let assets_dir = join(dir, "assets");
    for name in reader.list(&assets_dir, (&join(dir, "theme.toml"), "")) {
        if name.ends_with(".css") {
            continue;
        }
        let path = join(&assets_dir, &name);
        if let Some(bytes) = reader.bytes(&path, (&path, "")) {
            assets.add_file(&name, bytes, reader.path_on_disk(&path));
        }
    }
}

/// A token name is a CSS custom-property name; its value may not break out of the
/// declaration (no `;`, braces, angle brackets, quotes or backslashes).
pub fn check_token(
    reader: &mut Reader<'_>,
    file: &str,
    key: &str,
    name: &str,
    value: &str,
) -> bool {
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !name_ok {
        reader.problem(
            file,
            key,
            "token names use lower-case letters, digits and hyphens",
        );
    }
    let forbidden = [';', '{', '}', '<', '>', '"', '\'', '\\', '\n'];
    let value_ok = !value.trim().is_empty() && !value.contains(forbidden);
    if !value_ok {
        reader.problem(
            file,
            key,
            format!("`{value}` is not a safe CSS value (no ; {{ }} < > quotes or backslashes)"),
        );
    }
    name_ok && value_ok
}

/// Generates the tokens stylesheet (brand values on `:root`, market overrides on
/// `[data-market]`) and completes the theme.
pub fn finish(
    theme: LoadedTheme,
    markets: &BTreeMap<String, Market>,
    assets: &mut Assets,
) -> Theme {
    let css = tokens_css(&theme.tokens, markets);
    let tokens_css_url = assets.add("tokens.css", css.into_bytes());
    Theme {
        name: theme.name,
        version: theme.version,
        tokens: theme.tokens,
        tokens_css_url,
        stylesheet_urls: theme.stylesheet_urls,
        listing: theme.listing,
    }
}

fn tokens_css(tokens: &BTreeMap<String, Token>, markets: &BTreeMap<String, Market>) -> String {
    let mut css = String::from(":root {\n");
    for (name, token) in tokens {
        let _ = writeln!(css, "  --{name}: {};", token.value);
    }
    css.push_str("}\n");
    for market in markets.values().filter(|m| !m.token_overrides.is_empty()) {
        let _ = writeln!(css, "[data-market=\"{}\"] {{", market.id);
        for (name, value) in &market.token_overrides {
            let _ = writeln!(css, "  --{name}: {value};");
        }
        css.push_str("}\n");
    }
    css
}
