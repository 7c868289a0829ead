//! The one `bindgen!` of the project: host-side bindings for `vitrine:plugin@0.1.0`.

wasmtime::component::bindgen!({
    path: "../../wit",
    world: "market-plugin",
    imports: { default: async | trappable },
    exports: { default: async },
});
