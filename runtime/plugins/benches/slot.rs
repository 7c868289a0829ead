//! One plugin slot call (instantiate + call + validate), the same call with the product page
//! rendered around it, and the product page without any slot, on the demo site.
//!
//! Needs the built plugins: `cargo xtask plugins`, then `cargo bench -p vitrine-plugins`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use vitrine_plugins::{CallContext, Engine, EngineConfig, PageBudget, PageKind, Plugins};
use vitrine_render::SlotOutput;
use vitrine_render::{Renderer, Visitor};
use vitrine_site::{DirSource, Site, Storefront, load_site};
use vitrine_ui::UiBlock;

const PLUGIN: &str = "click-and-collect";
const SLOT: &str = "product.below-price";

/// The server's allocator, so figures match what `vitrine` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

struct Bench {
    site: Arc<Site>,
    plugins: Plugins,
    runtime: tokio::runtime::Runtime,
    context: CallContext,
}

fn setup() -> Bench {
    setup_with(EngineConfig::default())
}

fn setup_with(config: EngineConfig) -> Bench {
    let site_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../site");
    let site = match load_site(&DirSource, &site_dir.to_string_lossy()) {
        Ok(site) => Arc::new(site),
        Err(error) => panic!("the demo site does not load: {error}"),
    };
    let engine = match Engine::new(&config) {
        Ok(engine) => engine,
        Err(error) => panic!("no engine: {error}"),
    };
    let plugins = Plugins::load(&engine, Arc::clone(&site), &Default::default(), None);
    assert!(
        plugins.loaded().any(|p| p.id == PLUGIN),
        "build the plugins first: cargo xtask plugins ({:?})",
        plugins.problems
    );
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("no runtime: {error}"),
    };
    let context = CallContext {
        storefront: "nl-be".into(),
        page: PageKind::Product,
        product: Some("canvas-tote".into()),
        category: None,
        cart: None,
        db: None,
        postcode: None,
        recalls: std::sync::Arc::default(),
    };
    Bench {
        site,
        plugins,
        runtime,
        context,
    }
}

fn call(bench: &Bench) -> Vec<UiBlock> {
    let budget = PageBudget::new(Duration::from_secs(1));
    bench
        .runtime
        .block_on(
            bench
                .plugins
                .render_slot(PLUGIN, SLOT, &bench.context, &budget),
        )
        .unwrap_or_else(|failure| panic!("slot call failed: {failure}"))
}

fn page(bench: &Bench) -> (Renderer<'_>, &Storefront) {
    let renderer = Renderer::new(&bench.site, "https://shop.example");
    let storefront = bench
        .site
        .storefront("nl-be")
        .unwrap_or_else(|| panic!("nl-be"));
    (renderer, storefront)
}

#[divan::bench]
fn slot_call(bencher: divan::Bencher) {
    let bench = setup();
    bencher.bench_local(|| call(&bench));
}

/// The same call with wasmtime's default reset of pool slots (`madvise`), for comparison.
#[divan::bench]
fn slot_call_madvise_reset(bencher: divan::Bencher) {
    let bench = setup_with(EngineConfig {
        resident_reset: false,
        ..EngineConfig::default()
    });
    bencher.bench_local(|| call(&bench));
}

/// Calls from both worker threads at once, as under load: the default reset's TLB
/// shootdowns interrupt the other core.
#[divan::bench(threads = [2], args = [true, false])]
fn slot_call_two_threads(bencher: divan::Bencher, resident_reset: bool) {
    let bench = setup_with(EngineConfig {
        resident_reset,
        ..EngineConfig::default()
    });
    bencher.bench(|| call(&bench));
}

#[divan::bench]
fn product_page_with_slot(bencher: divan::Bencher) {
    let bench = setup();
    let (renderer, storefront) = page(&bench);
    bencher.bench_local(|| {
        let blocks = call(&bench);
        let slots = [SlotOutput {
            plugin: PLUGIN.into(),
            slot: SLOT.into(),
            html: renderer
                .plugin_fragment(storefront, &blocks, None)
                .unwrap_or_else(|error| panic!("{error}")),
        }];
        renderer.product(
            storefront,
            "canvas-tote",
            Visitor {
                slots: &slots,
                ..Visitor::default()
            },
        )
    });
}

#[divan::bench]
fn product_page_without_slot(bencher: divan::Bencher) {
    let bench = setup();
    let (renderer, storefront) = page(&bench);
    bencher.bench_local(|| renderer.product(storefront, "canvas-tote", Visitor::default()));
}
