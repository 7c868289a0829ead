//! The generated catalogue as a catalogue feed: the same categories, products, prices,
//! reductions and stock the TOML files would hold, one JSON object per line.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::vocab::{self, COLOURS, LANGUAGES, MATERIALS, NOUNS};
use crate::{
    Spec, category_id, category_parts, date_after_2024, mix, price, product_id, reduced, sold,
    stocked, store_id,
};

/// Writes the feed file.
pub fn write(spec: Spec, file: &Path) -> io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(file)?);
    writeln!(
        out,
        "{}",
        json!({"format": "vitrine-catalogue", "version": 1})
    )?;
    for c in 0..spec.categories() {
        writeln!(out, "{}", category(c))?;
    }
    for i in 0..spec.products {
        writeln!(out, "{}", product(spec, i))?;
    }
    out.flush()
}

fn category(c: usize) -> Value {
    let (noun, material) = category_parts(c);
    let names = LANGUAGES.iter().enumerate().map(|(l, language)| {
        let name = vocab::category_name(l, &NOUNS[noun], &MATERIALS[material]);
        (language.to_string(), Value::from(name))
    });
    json!({
        "type": "category",
        "id": category_id(c),
        "position": c + 1,
        "name": names.collect::<Map<_, _>>(),
    })
}

fn product(spec: Spec, i: usize) -> Value {
    let c = i % spec.categories();
    let (noun, material) = category_parts(c);
    let colour = &COLOURS[(mix(i, 1) % COLOURS.len() as u64) as usize];
    let (noun, material) = (&NOUNS[noun], &MATERIALS[material]);
    let texts = |name: bool| {
        let texts = LANGUAGES.iter().enumerate().map(|(l, language)| {
            let text = if name {
                vocab::product_name(l, noun, material, colour, i)
            } else {
                vocab::product_description(l, noun, material)
            };
            (language.to_string(), Value::from(text))
        });
        texts.collect::<Map<_, _>>()
    };
    let (mut prices, mut reductions, mut stock) = (Map::new(), Map::new(), Map::new());
    for (m, market) in spec.market_specs().iter().enumerate() {
        let id = market.country.to_lowercase();
        if !sold(m, i) {
            continue;
        }
        let minor = price(spec, market, i);
        prices.insert(id.clone(), Value::from(minor));
        if market.omnibus && reduced(m, i) {
            let history = json!([{"since": "2026-09-01", "price": minor * 5 / 4}]);
            reductions.insert(id, json!({"since": "2026-11-20", "history": history}));
        }
    }
    for (m, market) in spec.market_specs().iter().take(8).enumerate() {
        if let Some(units) = stocked(m, i) {
            stock.insert(store_id(market), Value::from(units));
        }
    }
    let mut line = json!({
        "type": "product",
        "id": product_id(i),
        "category": category_id(c),
        "image": format!("{}.svg", noun.id),
        "added": date_after_2024(mix(i, 2) % 1_000),
        "name": texts(true),
        "description": texts(false),
        "prices": prices,
    });
    if let Value::Object(fields) = &mut line {
        if i.is_multiple_of(100) {
            fields.insert("featured".into(), Value::Bool(true));
        }
        if !reductions.is_empty() {
            fields.insert("reductions".into(), Value::Object(reductions));
        }
        if !stock.is_empty() {
            fields.insert("stock".into(), Value::Object(stock));
        }
    }
    line
}
