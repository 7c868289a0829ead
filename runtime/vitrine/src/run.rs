//! The subcommands: load the site, open the database, serve until a signal.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use vitrine_plugins::{Engine, EngineConfig, Plugins};
use vitrine_search::SearchIndex;
use vitrine_server::{AppState, PluginHost, ServerConfig, Snapshot};
use vitrine_site::feed::Feed;
use vitrine_site::{DirSource, Rollout, Site, SiteError, load_site, load_site_with};
use vitrine_store::Db;

use crate::{ServeArgs, SiteArg, embedded, gate, watch};

/// `vitrine serve`.
pub fn serve(args: ServeArgs) -> ExitCode {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(workers) = args.workers {
        builder.worker_threads(usize::from(workers));
    }
    let runtime = match builder.enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve_async(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error:#}");
            ExitCode::from(2)
        }
    }
}

async fn serve_async(args: ServeArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    // Listened for from the start, so a signal sent as soon as the shop says it listens
    // (or while it starts) still stops it gracefully.
    let stop = StopSignals::install().context("cannot listen for stop signals")?;
    let db = Db::open(&args.data.data_dir)
        .await
        .context("cannot open the database")?;
    let feed = vitrine_server::stored_feed(&db).await.map_err(feed_error)?;
    let site = load(&args.site, &feed)?;
    drop(feed);
    for problem in &site.message_problems {
        tracing::warn!(%problem, "translation problem: the fallback shows; vitrine check refuses it");
    }
    let secret = db.secret().await.context("cannot read the server secret")?;
    let token = admin_token()?;
    let recalls = vitrine_server::recalls_in_effect(&db)
        .await
        .context("cannot read the recalls in effect")?;
    let rollout = rollout(&db).await?;
    let site = std::sync::Arc::new(site);
    // Indexed (or opened from disk) while the plugins compile.
    let search = {
        let (site, dir) = (std::sync::Arc::clone(&site), search_dir(&args));
        tokio::task::spawn_blocking(move || search_index(&site, &dir))
    };
    let cache = args
        .plugin_cache
        .clone()
        .unwrap_or_else(|| args.data.data_dir.join("plugin-cache"));
    let engine = engine(args.plugin_memory_mib)?;
    let plugins = load_plugins(&engine, &site, &rollout, &cache);
    let listeners = Listeners::bind(&args).await?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", listeners.shop_addr));
    let summary = describe(&site);
    let search = search.await.context("the search index build stopped")??;
    let snapshot = Snapshot::new(site, plugins, search).with_recalls(recalls);
    let snapshot = snapshot.with_rollout(std::sync::Arc::clone(&snapshot.plugins), rollout.into());
    let config = server_config(&args, public_url.clone());
    let cache_mib = config.cache_bytes >> 20;
    let state = AppState::new(snapshot, db.clone(), secret, config);
    state.set_plugin_host(PluginHost {
        engine: engine.clone(),
        cache_dir: Some(cache.clone()),
    });
    let _watcher = match &args.site.site {
        Some(dir) => reloads(&state, dir, engine, cache, args.no_watch)?,
        None => None,
    };
    tracing::info!(
        "vitrine: {summary}; listening on {}, admin API on {} ({}), public URL {public_url}/, page cache {cache_mib} MiB (ready in {} ms)",
        listeners.shop_addr,
        listeners.admin_addr,
        if token.is_some() {
            "open to the admin token"
        } else {
            "closed: VITRINE_ADMIN_TOKEN is not set"
        },
        started.elapsed().as_millis()
    );
    listeners.serve(state, token.as_deref(), stop).await?;
    db.close().await;
    tracing::info!("vitrine: stopped");
    Ok(())
}

/// The shop's and the admin API's listeners.
struct Listeners {
    shop: tokio::net::TcpListener,
    shop_addr: std::net::SocketAddr,
    admin: tokio::net::TcpListener,
    admin_addr: std::net::SocketAddr,
}

impl Listeners {
    async fn bind(args: &ServeArgs) -> anyhow::Result<Self> {
        let shop = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let admin = tokio::net::TcpListener::bind(args.admin_addr)
            .await
            .with_context(|| format!("cannot listen on {} (the admin API)", args.admin_addr))?;
        Ok(Self {
            shop_addr: shop.local_addr()?,
            admin_addr: admin.local_addr()?,
            shop,
            admin,
        })
    }

    /// Serves the shop and the admin API until a signal; both drain before this returns.
    async fn serve(
        self,
        state: AppState,
        token: Option<&str>,
        signals: StopSignals,
    ) -> std::io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            signals.wait().await;
            let _ = stop.send(true);
        });
        let until_stopped = |mut stopped: tokio::sync::watch::Receiver<bool>| async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        };
        let admin = vitrine_server::serve_admin(
            self.admin,
            state.clone(),
            token,
            until_stopped(stopped.clone()),
        );
        let shop = vitrine_server::serve(self.shop, state, until_stopped(stopped));
        let (shop, admin) = tokio::join!(shop, admin);
        shop.and(admin)
    }
}

/// The admin API's bearer token, from `VITRINE_ADMIN_TOKEN`; refused when too short to
/// be a secret.
fn admin_token() -> anyhow::Result<Option<String>> {
    let Some(token) = std::env::var("VITRINE_ADMIN_TOKEN")
        .ok()
        .filter(|t| !t.is_empty())
    else {
        return Ok(None);
    };
    let min = vitrine_server::MIN_TOKEN_CHARS;
    if token.trim().chars().count() < min {
        anyhow::bail!("VITRINE_ADMIN_TOKEN must be at least {min} characters long");
    }
    Ok(Some(token.trim().to_owned()))
}

fn server_config(args: &ServeArgs, public_url: String) -> ServerConfig {
    let mut config = ServerConfig::new(public_url);
    config.plugin_page_budget = std::time::Duration::from_millis(args.plugin_budget_ms);
    config.bench_cache_bypass = args.bench_allow_cache_bypass;
    let cache_mib = args.page_cache_mib.unwrap_or_else(default_page_cache_mib);
    config.cache_bytes = u64::from(cache_mib) << 20;
    config.search_dir = Some(search_dir(args));
    config
}

/// Where search indexes are kept: under the data folder.
fn search_dir(args: &ServeArgs) -> std::path::PathBuf {
    args.data.data_dir.join("search")
}

/// The site's search index, opened from `dir` or built there; built in memory when the
/// folder cannot hold it (a full or read-only disk), so the shop still starts.
fn search_index(site: &Site, dir: &std::path::Path) -> anyhow::Result<std::sync::Arc<SearchIndex>> {
    let index = match SearchIndex::open_or_build(site, dir) {
        Ok(index) => index,
        Err(error) => {
            let dir = dir.display().to_string();
            tracing::error!(%error, dir, "search index not kept on disk: building it in memory");
            SearchIndex::build(site).context("cannot build the search index")?
        }
    };
    let stats = index.stats();
    let how = match stats.built_in {
        Some(took) => format!("built in {} ms", took.as_millis()),
        None => "opened from disk".to_owned(),
    };
    tracing::info!(
        products = stats.products,
        kib = stats.bytes >> 10,
        "search index {how}"
    );
    Ok(std::sync::Arc::new(index))
}

/// A sixteenth of the machine's memory, from 64 to 256 MiB (64 MiB where the machine does
/// not say how much it has).
fn default_page_cache_mib() -> u32 {
    let total_kib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .unwrap_or(0);
    let sixteenth_mib = total_kib / 1024 / 16;
    u32::try_from(sixteenth_mib.clamp(64, 256)).unwrap_or(64)
}

/// Lets the admin API reload the site folder, and watches it unless told not to.
fn reloads(
    state: &AppState,
    dir: &std::path::Path,
    engine: Engine,
    cache: std::path::PathBuf,
    no_watch: bool,
) -> anyhow::Result<Option<watch::Watcher>> {
    let builder = gate::FolderBuilder {
        dir: dir.to_owned(),
        engine,
        cache,
    };
    state.set_builder(std::sync::Arc::new(builder));
    if no_watch {
        return Ok(None);
    }
    let folders = state.snapshot().site.folders.clone();
    let watcher = watch::start(state.clone(), &folders).context("cannot watch the site folder")?;
    Ok(Some(watcher))
}

/// The uploaded plugin versions and activations in the database; a version that no longer
/// reads is left out with an error in the log (its storefronts run the site's version).
async fn rollout(db: &Db) -> anyhow::Result<Rollout> {
    let (rollout, problems) = vitrine_server::load_rollout(db)
        .await
        .context("cannot read the plugin versions")?;
    for problem in &problems {
        tracing::error!(%problem, "uploaded plugin version left out");
    }
    Ok(rollout)
}

/// The plugin engine, its pool sized to `memory_mib`.
fn engine(memory_mib: u32) -> anyhow::Result<Engine> {
    let config = EngineConfig {
        memory_budget_bytes: (memory_mib as usize) << 20,
        ..EngineConfig::default()
    };
    Engine::new(&config).map_err(|e| anyhow::anyhow!("cannot start the plugin engine: {e}"))
}

/// Compiles the snapshot's plugins, reusing precompiled artefacts under the data directory.
/// A plugin that fails to load is left out with an error in the log; the site serves.
fn load_plugins(
    engine: &Engine,
    site: &std::sync::Arc<Site>,
    rollout: &Rollout,
    cache: &std::path::Path,
) -> std::sync::Arc<Plugins> {
    for problem in &site.plugin_problems {
        tracing::error!(%problem, "plugin disabled");
    }
    let started = Instant::now();
    let plugins = Plugins::load(engine, std::sync::Arc::clone(site), rollout, Some(cache));
    for problem in &plugins.problems {
        tracing::error!(%problem, "plugin disabled");
    }
    let names: Vec<String> = plugins
        .loaded()
        .filter(|p| p.storefronts().next().is_some())
        .map(|p| format!("{} {} (×{})", p.id, p.version, p.concurrency()))
        .collect();
    tracing::info!(
        pooled = engine.is_pooled(),
        "plugins ready in {} ms: {}",
        started.elapsed().as_millis(),
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    );
    std::sync::Arc::new(plugins)
}

/// The site of `--site` with the catalogue feed imported for it, or the demo built into
/// the binary.
pub fn load(args: &SiteArg, feed: &Feed) -> Result<Site, SiteError> {
    match &args.site {
        Some(dir) => load_site_with(&DirSource, &dir.to_string_lossy(), Some(feed)),
        None => load_site(&embedded::demo_site(), embedded::SITE_DIR),
    }
}

/// The stored catalogue could not be read: every problem, or the database's error.
pub fn feed_error(error: vitrine_server::CatalogueError) -> anyhow::Error {
    match error {
        vitrine_server::CatalogueError::Invalid(problems) => {
            anyhow::Error::from(SiteError::Invalid(problems))
        }
        error => anyhow::Error::from(error),
    }
}

/// One line about a site: markets, storefronts, locales, products, theme, version.
pub fn describe(site: &Site) -> String {
    let locales: std::collections::BTreeSet<String> = site
        .storefronts
        .iter()
        .map(|s| s.l10n.locale.tag())
        .collect();
    format!(
        "{} markets, {} storefronts, {} locales, {} products, theme {} {}, site {}",
        site.markets.len(),
        site.storefronts.len(),
        locales.len(),
        site.products.len(),
        site.theme.name,
        site.theme.version,
        site.version
    )
}

/// SIGINT (Ctrl-C) and SIGTERM, registered when installed.
struct StopSignals {
    #[cfg(unix)]
    signals: [tokio::signal::unix::Signal; 2],
}

impl StopSignals {
    fn install() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                signals: [
                    signal(SignalKind::interrupt())?,
                    signal(SignalKind::terminate())?,
                ],
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// Waits for the first of them.
    async fn wait(self) {
        #[cfg(unix)]
        {
            let [mut interrupt, mut terminate] = self.signals;
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
