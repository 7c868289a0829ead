//! How far a message can expand when it is formatted: an upper bound, computed from the
//! syntax alone, on what formatting produces *and* copies on the way (Fluent resolves the
//! arguments of term and function calls into strings even when it then drops them). Bundles
//! from untrusted authors (plugins) are checked against a limit when they load, so that no
//! message makes the host do more work than the limit, whatever its arguments.

use std::collections::HashMap;

use fluent_syntax::ast;

use super::FtlFile;

/// What a variable placeable may bring in (the caller bounds its arguments to this).
const VARIABLE: usize = 1024;
/// What a number or a function's result may bring in.
const FORMATTED: usize = 64;
/// Fluent's isolation marks around a placeable.
const ISOLATION: usize = 6;
/// The placeables Fluent resolves in one message before it gives up.
const MAX_PLACEABLES: usize = 100;

/// A message or term of a file that can expand past a limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expansion {
    /// The file that defines it.
    pub path: String,
    /// The message id (`-term` for a term).
    pub id: String,
    /// Its bound, in bytes.
    pub bound: usize,
}

/// Every message and term of one locale's files whose bound exceeds `limit`.
pub fn over_limit(files: &[FtlFile], limit: usize) -> Vec<Expansion> {
    let mut bounds = Bounds::new(files);
    let mut found = Vec::new();
    for file in files {
        for entry in file.resource.entries() {
            let (id, patterns) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), message_patterns(m)),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), term_patterns(t)),
                _ => continue,
            };
            let bound = patterns
                .into_iter()
                .map(|p| bounds.pattern(p))
                .max()
                .unwrap_or(0);
            if bound > limit {
                found.push(Expansion {
                    path: file.path.clone(),
                    id,
                    bound,
                });
            }
        }
    }
    found
}

fn message_patterns<'a>(message: &'a ast::Message<&'a str>) -> Vec<&'a ast::Pattern<&'a str>> {
    message
        .value
        .iter()
        .chain(message.attributes.iter().map(|a| &a.value))
        .collect()
}

fn term_patterns<'a>(term: &'a ast::Term<&'a str>) -> Vec<&'a ast::Pattern<&'a str>> {
    std::iter::once(&term.value)
        .chain(term.attributes.iter().map(|a| &a.value))
        .collect()
}

/// Bounds of the messages and terms of one bundle, memoised; a reference cycle (which Fluent
/// stops at once) counts as small.
struct Bounds<'a> {
    messages: HashMap<&'a str, &'a ast::Message<&'a str>>,
    terms: HashMap<&'a str, &'a ast::Term<&'a str>>,
    known: HashMap<(bool, &'a str, Option<&'a str>), usize>,
    visiting: Vec<(bool, &'a str, Option<&'a str>)>,
}

impl<'a> Bounds<'a> {
    fn new(files: &'a [FtlFile]) -> Self {
        let mut messages = HashMap::new();
        let mut terms = HashMap::new();
        for file in files {
            for entry in file.resource.entries() {
                match entry {
                    ast::Entry::Message(m) => {
                        messages.insert(m.id.name, m);
                    }
                    ast::Entry::Term(t) => {
                        terms.insert(t.id.name, t);
                    }
                    _ => {}
                }
            }
        }
        Self {
            messages,
            terms,
            known: HashMap::new(),
            visiting: Vec::new(),
        }
    }

    fn pattern(&mut self, pattern: &'a ast::Pattern<&'a str>) -> usize {
        let placeables = pattern
            .elements
            .iter()
            .filter(|e| matches!(e, ast::PatternElement::Placeable { .. }))
            .count();
        if placeables > MAX_PLACEABLES {
            // Fluent stops after as many; beyond that the bound is no tighter than this.
            return usize::MAX / 4;
        }
        pattern.elements.iter().fold(0, |sum, element| {
            let size = match element {
                ast::PatternElement::TextElement { value } => value.len(),
                ast::PatternElement::Placeable { expression } => {
                    self.expression(expression).saturating_add(ISOLATION)
                }
            };
            sum.saturating_add(size)
        })
    }

    fn expression(&mut self, expression: &'a ast::Expression<&'a str>) -> usize {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                let widest = variants
                    .iter()
                    .map(|v| self.pattern(&v.value))
                    .max()
                    .unwrap_or(0);
                // A variable selects without being copied; anything else is resolved.
                let selector = match selector {
                    ast::InlineExpression::VariableReference { .. } => 0,
                    other => self.inline(other),
                };
                selector.saturating_add(widest)
            }
        }
    }

    fn inline(&mut self, inline: &'a ast::InlineExpression<&'a str>) -> usize {
        match inline {
            ast::InlineExpression::StringLiteral { value } => value.len(),
            ast::InlineExpression::NumberLiteral { .. } => FORMATTED,
            ast::InlineExpression::VariableReference { .. } => VARIABLE,
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                self.arguments(arguments).saturating_add(FORMATTED)
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                self.reference(false, id.name, attribute.as_ref().map(|a| a.name))
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let term = self.reference(true, id.name, attribute.as_ref().map(|a| a.name));
                let args = arguments.as_ref().map_or(0, |a| self.arguments(a));
                term.saturating_add(args)
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
        }
    }

    fn arguments(&mut self, arguments: &'a ast::CallArguments<&'a str>) -> usize {
        let positional = arguments.positional.iter().map(|a| self.inline(a));
        let positional: usize = positional.fold(0, usize::saturating_add);
        let named = arguments.named.iter().map(|a| self.inline(&a.value));
        positional.saturating_add(named.fold(0, usize::saturating_add))
    }

    fn reference(&mut self, term: bool, id: &'a str, attribute: Option<&'a str>) -> usize {
        let key = (term, id, attribute);
        if let Some(bound) = self.known.get(&key) {
            return *bound;
        }
        if self.visiting.contains(&key) {
            return id.len() + 2;
        }
        self.visiting.push(key);
        let bound = match self.target(term, id, attribute) {
            Some(pattern) => self.pattern(pattern),
            None => id.len() + 2,
        };
        self.visiting.pop();
        self.known.insert(key, bound);
        bound
    }

    fn target(
        &self,
        term: bool,
        id: &str,
        attribute: Option<&str>,
    ) -> Option<&'a ast::Pattern<&'a str>> {
        let attributes: &'a [ast::Attribute<&'a str>] = if term {
            let term = self.terms.get(id)?;
            if attribute.is_none() {
                return Some(&term.value);
            }
            &term.attributes
        } else {
            let message = self.messages.get(id)?;
            if attribute.is_none() {
                return message.value.as_ref();
            }
            &message.attributes
        };
        attributes
            .iter()
            .find(|a| Some(a.id.name) == attribute)
            .map(|a| &a.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_ftl;

    fn bound_of(source: &str, limit: usize) -> Vec<(String, usize)> {
        let file = parse_ftl("en/main.ftl", source.to_owned()).expect("valid ftl");
        over_limit(&[file], limit)
            .into_iter()
            .map(|e| (e.id, e.bound))
            .collect()
    }

    #[test]
    fn ordinary_messages_are_small() {
        let source = "hello = Hello { $name }\nitems = { $n ->\n  [one] one item\n *[other] { $n } items\n}\n";
        assert!(bound_of(source, 2048).is_empty());
    }

    #[test]
    fn references_that_multiply_are_caught() {
        let ten = "{ $a }".repeat(10);
        let refs = "{ m0 }".repeat(10);
        let source = format!("m0 = {ten}\nm1 = {refs}\n");
        let found = bound_of(&source, 64 * 1024);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "m1");
    }

    #[test]
    fn term_arguments_count_though_they_print_nothing() {
        let big = "x".repeat(40_000);
        let calls = "{ -t(big) }".repeat(3);
        let source = format!("-t = {{ \"\" }}\nbig = {big}\nm = {calls}\n");
        let found = bound_of(&source, 64 * 1024);
        assert!(found.iter().any(|(id, _)| id == "m"), "{found:?}");
    }

    #[test]
    fn cycles_do_not_loop() {
        let found = bound_of("a = { b }\nb = { a }\n", 100);
        assert!(found.is_empty(), "{found:?}");
    }
}
