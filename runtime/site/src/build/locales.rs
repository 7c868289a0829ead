//! The locales folder: one sub-folder per locale (`nl`, `nl-BE`), each with `.ftl` files.

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
            for problem in problems {
                reader.problem(
                    path,
                    "",
                    format!("line {}: {}", problem.line, problem.message),
                );
            }
        }
    }
}

/// Messages the default language has but a storefront's language lacks: they will render
/// in the fallback language, so brand teams are told (this does not stop the site).
pub fn completeness(
    set: &LocaleBundleSet,
    storefronts: &[Storefront],
    default_language: &str,
) -> Vec<Problem> {
    let Ok(default) = default_language.parse::<LanguageIdentifier>() else {
        return Vec::new();
    };
    let reference = set.message_ids(&default);
    let mut warnings = Vec::new();
    for storefront in storefronts {
        let mut have = std::collections::BTreeSet::new();
        for locale in &storefront.l10n.locale.chain {
            if locale.language == storefront.l10n.locale.fluent.language {
                have.extend(set.message_ids(locale));
            }
        }
        for id in reference.difference(&have) {
            warnings.push(Problem::new(
                format!("locales/{}", storefront.language),
                id.clone(),
                format!(
                    "message missing for storefront `{}`; it falls back to `{default}`",
                    storefront.id
                ),
            ));
        }
    }
    warnings
}
