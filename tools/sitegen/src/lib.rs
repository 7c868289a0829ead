//! Generates a benchmark site in the site folder's format: `products` products in
//! `markets` markets (up to 40, 49 storefronts), with the repository's theme, its locales
//! (plus the generated countries' names) and no plugins. The output is the same for the same
//! sizes, so figures measured on two machines compare.
//!
//! Each market sells 90 % of the products; 1 % are featured; EU markets reduce 2 % of
//! their prices (with an Omnibus history); one store per market of the first eight stocks
//! 5 % of the products. With [`Spec::feed`], the catalogue (categories, products, their
//! prices, reductions and stock) is written as a catalogue feed, `catalogue.jsonl` next to
//! the site folder, for a site that says `catalogue = "feed"`.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod feed;
mod markets;
mod vocab;

pub use markets::{MARKETS, MarketSpec};
use vocab::{COLOURS, LANGUAGES, MATERIALS, NOUNS};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Number of products.
    pub products: usize,
    /// Number of markets, at most [`MARKETS`]' length.
    pub markets: usize,
    /// Whether the catalogue is written as a feed (`catalogue.jsonl`) instead of TOML files.
    pub feed: bool,
}

impl Spec {
    /// How many categories a catalogue of this size has: about 2,500 products each, at
    /// least 4 and at most 40.
    pub fn categories(&self) -> usize {
        (self.products / 2_500).clamp(4, 40)
    }

    /// The storefront ids of the generated markets (`nl-nl`, `en-nl`, …).
    pub fn storefronts(&self) -> Vec<String> {
        self.market_specs()
            .iter()
            .flat_map(|m| {
                m.languages
                    .iter()
                    .map(|l| format!("{l}-{}", m.country.to_lowercase()))
            })
            .collect()
    }

    fn market_specs(&self) -> &'static [MarketSpec] {
        &MARKETS[..self.markets.min(MARKETS.len())]
    }
}

/// The id of generated product `i` (`p000042`).
pub fn product_id(i: usize) -> String {
    format!("p{i:06}")
}

/// Writes the site into `out` (`out/site/site.toml`, `out/locales/`), reading the theme and
/// locales of the repository at `repo`. Returns the path of the site folder.
pub fn generate(spec: Spec, repo: &Path, out: &Path) -> io::Result<PathBuf> {
    let site = out.join("site");
    for dir in ["catalogue/products", "catalogue/images", "markets"] {
        fs::create_dir_all(site.join(dir))?;
    }
    let theme = fs::canonicalize(repo.join("themes/vitrine"))?;
    let mut site_toml = format!(
        "# Generated: {} products in {} markets.\nname = \"Vitrine\"\ntheme = {}\nlocales = \"../locales\"\ndefault_language = \"en\"\n",
        spec.products,
        spec.market_specs().len(),
        quoted(&theme.to_string_lossy())
    );
    if spec.feed {
        site_toml.push_str("catalogue = \"feed\"\n");
    }
    fs::write(site.join("site.toml"), site_toml)?;
    write_locales(spec, repo, out)?;
    write_images(&site)?;
    write_markets(spec, &site)?;
    write_stores(spec, &site)?;
    if spec.feed {
        feed::write(spec, &out.join(FEED_FILE))?;
    } else {
        write_categories(spec, &site)?;
        write_products(spec, &site)?;
    }
    Ok(site)
}

/// The feed's file name, next to the site folder.
pub const FEED_FILE: &str = "catalogue.jsonl";

/// A TOML basic string: quotes and backslashes escaped, every other character as is.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number from `i` and a salt that looks random and is the same every run.
fn mix(i: usize, salt: u64) -> u64 {
    let mut z = (i as u64).wrapping_add(salt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Category `c`'s noun and material.
fn category_parts(c: usize) -> (usize, usize) {
    (c % NOUNS.len(), (c / NOUNS.len() + c) % MATERIALS.len())
}

fn category_id(c: usize) -> String {
    let (noun, material) = category_parts(c);
    format!("{}-{}", MATERIALS[material][0], NOUNS[noun].id)
}

fn write_locales(spec: Spec, repo: &Path, out: &Path) -> io::Result<()> {
    let from = repo.join("locales");
    for entry in fs::read_dir(&from)? {
        let entry = entry?;
        let target = out.join("locales").join(entry.file_name());
        fs::create_dir_all(&target)?;
        for file in fs::read_dir(entry.path())? {
            let file = file?;
            fs::copy(file.path(), target.join(file.file_name()))?;
        }
    }
    let known = fs::read_to_string(from.join("en/main.ftl"))?;
    let mut names = String::from("# Generated markets' country names.\n");
    for market in spec.market_specs() {
        if !known.contains(&format!("country-{} =", market.country)) {
            let _ = writeln!(names, "country-{} = {}", market.country, market.name);
        }
    }
    for language in LANGUAGES {
        fs::write(
            out.join("locales").join(language).join("generated.ftl"),
            &names,
        )?;
    }
    Ok(())
}

fn write_categories(spec: Spec, site: &Path) -> io::Result<()> {
    let mut toml = String::new();
    for c in 0..spec.categories() {
        let (noun, material) = category_parts(c);
        let _ = writeln!(toml, "[{}]\nposition = {}", category_id(c), c + 1);
        toml.push_str("name = {");
        for (l, language) in LANGUAGES.iter().enumerate() {
            let name = vocab::category_name(l, &NOUNS[noun], &MATERIALS[material]);
            let comma = if l > 0 { "," } else { "" };
            let _ = write!(toml, "{comma} {language} = {}", quoted(&name));
        }
        toml.push_str(" }\n\n");
    }
    fs::write(site.join("catalogue/categories.toml"), toml)
}

fn write_images(site: &Path) -> io::Result<()> {
    for noun in &NOUNS {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 400\" width=\"400\" height=\"400\"><rect width=\"400\" height=\"400\" fill=\"#F3EDE4\"/><text x=\"200\" y=\"210\" font-size=\"40\" text-anchor=\"middle\" fill=\"#1B3A4B\">{}</text></svg>\n",
            noun.id
        );
        fs::write(site.join(format!("catalogue/images/{}.svg", noun.id)), svg)?;
    }
    Ok(())
}

fn write_products(spec: Spec, site: &Path) -> io::Result<()> {
    let categories = spec.categories();
    for i in 0..spec.products {
        let c = i % categories;
        let (noun, material) = category_parts(c);
        let colour = &COLOURS[(mix(i, 1) % COLOURS.len() as u64) as usize];
        let noun = &NOUNS[noun];
        let mut toml = format!(
            "category = {}\nimage = \"{}.svg\"\n",
            quoted(&category_id(c)),
            noun.id
        );
        if i.is_multiple_of(100) {
            toml.push_str("featured = true\n");
        }
        let day = mix(i, 2) % 1_000;
        let _ = writeln!(toml, "added = {}", date_after_2024(day));
        for (key, text) in [("name", true), ("description", false)] {
            let _ = writeln!(toml, "[{key}]");
            for (l, language) in LANGUAGES.iter().enumerate() {
                let value = if text {
                    vocab::product_name(l, noun, &MATERIALS[material], colour, i)
                } else {
                    vocab::product_description(l, noun, &MATERIALS[material])
                };
                let _ = writeln!(toml, "{language} = {}", quoted(&value));
            }
        }
        fs::write(
            site.join(format!("catalogue/products/{}.toml", product_id(i))),
            toml,
        )?;
    }
    Ok(())
}

/// `2024-01-01` plus `days`, as a TOML date.
fn date_after_2024(days: u64) -> String {
    const MONTHS: [u64; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (year, mut day) = (2024 + days / 366, days % 366);
    let mut month = 0;
    while day >= MONTHS[month] {
        day -= MONTHS[month];
        month += 1;
    }
    // 2025 and 2026 have no 29 February: the 29th becomes the 28th.
    let day = if month == 1 && year != 2024 {
        day.min(27)
    } else {
        day
    };
    format!("{year}-{:02}-{:02}", month + 1, day + 1)
}

/// Product `i`'s price in euro cents: its kind's typical price, give or take.
fn euro_cents(spec: Spec, i: usize) -> u64 {
    let noun = category_parts(i % spec.categories()).0;
    u64::from(NOUNS[noun].cents) + (mix(i, 3) % 40) * 100
}

fn write_markets(spec: Spec, site: &Path) -> io::Result<()> {
    for (m, market) in spec.market_specs().iter().enumerate() {
        let storefronts: Vec<String> = market
            .languages
            .iter()
            .map(|l| format!("\"{l}-{}\"", market.country.to_lowercase()))
            .collect();
        let mut toml = format!(
            "country = \"{}\"\ncurrency = \"{}\"\nprices_include_tax = {}\n",
            market.country,
            market.currency,
            market.vat.is_some()
        );
        if let Some(vat) = market.vat {
            let _ = writeln!(toml, "vat_rate = \"{vat}\"");
        }
        let _ = writeln!(
            toml,
            "omnibus = {}\nstorefronts = [{}]\n\n[prices]",
            market.omnibus,
            storefronts.join(", ")
        );
        let priced = (0..spec.products).filter(|_| !spec.feed);
        for i in priced.clone().filter(|i| sold(m, *i)) {
            let _ = writeln!(toml, "{} = {}", product_id(i), price(spec, market, i));
        }
        if market.omnibus {
            for i in priced.filter(|i| reduced(m, *i)) {
                let before = price(spec, market, i) * 5 / 4;
                let _ = writeln!(
                    toml,
                    "\n[reductions.{}]\nsince = 2026-11-20\nhistory = [ {{ since = 2026-09-01, price = {before} }} ]",
                    product_id(i)
                );
            }
        }
        fs::write(
            site.join(format!("markets/{}.toml", market.country.to_lowercase())),
            toml,
        )?;
    }
    Ok(())
}

/// Whether market `m` sells product `i`.
fn sold(m: usize, i: usize) -> bool {
    !(i + m).is_multiple_of(10)
}

/// Product `i`'s price in a market, in its currency's minor units.
fn price(spec: Spec, market: &MarketSpec, i: usize) -> u64 {
    let rate = markets::per_euro_cent(market.currency);
    ((euro_cents(spec, i) as f64 * rate) as u64).max(1)
}

/// Whether market `m` (an Omnibus market) reduces product `i`.
fn reduced(m: usize, i: usize) -> bool {
    sold(m, i) && mix(i, 4).is_multiple_of(50)
}

/// The units of product `i` the store of market `m` (of the first eight) holds, if any.
fn stocked(m: usize, i: usize) -> Option<u64> {
    mix(i, 5 + m as u64)
        .is_multiple_of(20)
        .then(|| mix(i, 6) % 10)
}

/// The store of a market, one for each of the first eight.
fn store_id(market: &MarketSpec) -> String {
    format!("store-{}", market.country.to_lowercase())
}

fn write_stores(spec: Spec, site: &Path) -> io::Result<()> {
    let mut toml = String::new();
    for (m, market) in spec.market_specs().iter().take(8).enumerate() {
        let id = store_id(market);
        let _ = writeln!(
            toml,
            "[{id}]\nname = \"Vitrine {}\"\ncountry = \"{}\"\nstreet = \"Main Street 1\"\npostcode = \"1000\"\ncity = \"Capital\"\npickup_lead_hours = 2\nopening_hours = {{ mon = \"10:00-18:00\", sat = \"10:00-17:00\", sun = \"closed\" }}\n\n[{id}.stock]",
            market.name, market.country
        );
        for i in (0..spec.products).filter(|_| !spec.feed) {
            if let Some(units) = stocked(m, i) {
                let _ = writeln!(toml, "{} = {}", product_id(i), units);
            }
        }
        toml.push('\n');
    }
    fs::write(site.join("stores.toml"), toml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_calendar_days() {
        assert_eq!(date_after_2024(0), "2024-01-01");
        assert_eq!(date_after_2024(59), "2024-02-29");
        assert_eq!(date_after_2024(365), "2024-12-31");
        assert_eq!(date_after_2024(366 + 59), "2025-02-28");
        assert_eq!(date_after_2024(999), "2026-09-24");
    }

    #[test]
    fn the_full_table_has_49_storefronts_in_40_markets() {
        let spec = Spec {
            products: 13,
            markets: 40,
            feed: false,
        };
        assert_eq!(spec.storefronts().len(), 49);
        let unique: std::collections::BTreeSet<_> = spec.storefronts().into_iter().collect();
        assert_eq!(unique.len(), 49);
    }
}
