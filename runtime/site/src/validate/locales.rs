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
            set.mark_broken(locale.clone());
            for problem in problems {
                let rule = format!(
                    "line {}, column {}: {}",
                    problem.line, problem.column, problem.message
                );
                let line = u32::try_from(problem.line).unwrap_or(u32::MAX);
                reader.problem_at(path, line, rule);
            }
        }
    }
}

/// Every locale checked against the reference (the default language): a message the
/// reference has but a storefront's language lacks would show in the fallback language
/// (one problem per language and message, naming the storefronts concerned); a message a
/// locale has but the reference lacks is a leftover or a typo (one problem where it is).
pub fn completeness(
    dir: &str,
    set: &LocaleBundleSet,
    storefronts: &[&Storefront],
    default_language: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Ok(default) = default_language.parse::<LanguageIdentifier>() else {
        return problems;
    };
    let reference = set.message_ids(&default);
    if reference.is_empty() || set.is_broken(&default) {
        return problems;
    }
    for ((language, id), storefronts) in missing(set, &reference, storefronts) {
        let rule = format!(
            "message missing for {}; they would show `{default}` instead",
            storefronts.join(", ")
        );
        problems.push(Problem::new(join(dir, &language), id, rule));
    }
    let mut locales: Vec<&LanguageIdentifier> = set.locales().collect();
    locales.sort_by_key(|l| l.to_string());
    for locale in locales.into_iter().filter(|l| !set.is_broken(l)) {
        for (id, file) in set.message_files(locale) {
            if !reference.contains(&id) {
                let rule = format!(
                    "message not in the reference language `{default}`: a leftover, or a typo in its id?"
                );
                problems.push(Problem::new(file, id, rule));
            }
        }
    }
    problems
}

/// Messages of the reference that a storefront's language lacks, by language and id.
fn missing<'s>(
    set: &LocaleBundleSet,
    reference: &BTreeSet<String>,
    storefronts: &[&'s Storefront],
) -> BTreeMap<(String, String), Vec<&'s str>> {
    let mut missing: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
    for storefront in storefronts {
        let locale = &storefront.l10n.locale;
        let own: Vec<&LanguageIdentifier> = locale
            .chain
            .iter()
            .filter(|l| l.language == locale.fluent.language)
            .collect();
        if own.iter().any(|l| set.is_broken(l)) {
            continue;
        }
        let have: BTreeSet<String> = own.iter().flat_map(|l| set.message_ids(l)).collect();
        for id in reference.difference(&have) {
            missing
                .entry((storefront.language.clone(), id.clone()))
                .or_default()
                .push(&storefront.id);
        }
    }
    missing
}
