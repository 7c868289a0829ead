//! A token filter that rewrites each token's text with a plain function: how the
//! Arabic normalisation and light stemming plug into an analyzer.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Rewrites every token's text: the function writes the new text into its second argument.
#[derive(Clone, Copy)]
pub struct MapText(pub fn(&str, &mut String));

impl TokenFilter for MapText {
    type Tokenizer<T: Tokenizer> = MapTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapTokenizer<T> {
        MapTokenizer {
            inner: tokenizer,
            map: self.0,
            buffer: String::new(),
        }
    }
}

/// A tokenizer whose tokens come out rewritten.
#[derive(Clone)]
pub struct MapTokenizer<T> {
    inner: T,
    map: fn(&str, &mut String),
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for MapTokenizer<T> {
    type TokenStream<'a> = MapStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapStream {
            tail: self.inner.token_stream(text),
            map: self.map,
            buffer: &mut self.buffer,
        }
    }
}

/// Rewritten tokens.
pub struct MapStream<'a, T> {
    tail: T,
    map: fn(&str, &mut String),
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for MapStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        self.buffer.clear();
        (self.map)(&token.text, self.buffer);
        mem::swap(&mut token.text, self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
