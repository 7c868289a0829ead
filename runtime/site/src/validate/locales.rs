//! The locales folder: one sub-folder per locale (`nl`, `nl-BE`), each with `.ftl` files.

use std::collections::{BTreeMap, BTreeSet};

use unic_langid::LanguageIdentifier;
use vitrine_l10n::{LocaleBundleSet, parse_ftl};

use crate::reader::Reader;
use crate::source::join;
use crate::{Problem, Storefront};

/// Reads and parses every Fluent file; syntax errors are problems with their line.
pub fn load(reader: &mut Reader<'_>, dir: &str) -> LocaleBundleSet {
    let mut set = LocaleBundleSet::default();
    for name in reader.list(dir, (dir, "")) {
        let folder = join(dir, &name);
        let Ok(locale) = name.parse::<LanguageIdentifier>() else {
            reader.problem(
                &folder,
                "",
                format!("`{name}` is not a BCP 47 locale folder name"),
            );
            continue;
        };
        for file in reader.list(&folder, (&folder, "")) {
            if file.ends_with(".ftl") {
                load_file(reader, &join(&folder, &file), &locale, &mut set);
            }
        }
    }
    set
}

fn load_file(
    reader: &mut Reader<'_>,
    path: &str,
    locale: &LanguageIdentifier,
    set: &mut LocaleBundleSet,
) {
    let Some(text) = reader.text(path) else {
        return;
    };
    match parse_ftl(path, text) {
        Ok(file) => set.add(locale.clone(), file),
        Err(problems) => {
            set.add_folder(locale.clone());
            for problem in problems {
                reader.problem(
                    path,
                    "",
                    format!(
                        "line {}, column {}: {}",
                        problem.line, problem.column, problem.message
                    ),
                );
            }
        }
    }
}

/// Messages the default language has but a storefront's language lacks: they will render
/// in the fallback language, so brand teams are told (this does not stop the site). One
/// warning per language and message, naming the storefronts concerned.
pub fn completeness(
    set: &LocaleBundleSet,
    storefronts: &[Storefront],
    default_language: &str,
) -> Vec<Problem> {
    let Ok(default) = default_language.parse::<LanguageIdentifier>() else {
        return Vec::new();
    };
    let reference = set.message_ids(&default);
    let mut missing: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
    for storefront in storefronts {
        let locale = &storefront.l10n.locale;
        let have: BTreeSet<String> = locale
            .chain
            .iter()
            .filter(|l| l.language == locale.fluent.language)
            .flat_map(|l| set.message_ids(l))
            .collect();
        for id in reference.difference(&have) {
            missing
                .entry((storefront.language.clone(), id.clone()))
                .or_default()
                .push(&storefront.id);
        }
    }
    missing
        .into_iter()
        .map(|((language, id), storefronts)| {
            let rule = format!(
                "message missing for {}; they show `{default}` instead",
                storefronts.join(", ")
            );
            Problem::new(format!("locales/{language}"), id, rule)
        })
        .collect()
}
