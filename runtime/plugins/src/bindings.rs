//! The one `bindgen!` of the project: host-side bindings for `vitrine:plugin@0.1.0`.
//! The WIT file documents every type; the generated items carry no doc comments.
#![allow(missing_docs)]

wasmtime::component::bindgen!({
    path: "../../wit",
    world: "market-plugin",
    imports: { default: async | trappable },
    exports: { default: async },
});
