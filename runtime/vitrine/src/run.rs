//! The subcommands: load the site, open the database, serve until a signal.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use vitrine_server::{AppState, ServerConfig};
use vitrine_site::{DirSource, Site, SiteError, load_site};
use vitrine_store::Db;

use crate::{ServeArgs, SiteArg, embedded};

/// `vitrine check`: exit 0 for a valid site, 2 with every problem otherwise.
pub fn check(args: &SiteArg) -> ExitCode {
    match load(args) {
        Ok(site) => {
            for warning in &site.warnings {
                println!("warning: {warning}");
            }
            println!("{}: ok", describe(&site));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

/// `vitrine serve`.
pub fn serve(args: ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
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
    let site = load(&args.site)?;
    for warning in &site.warnings {
        tracing::warn!("{warning}");
    }
    let db = Db::open(&args.data_dir)
        .await
        .context("cannot open the database")?;
    let secret = db.secret().await.context("cannot read the server secret")?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let local = listener.local_addr()?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    let summary = describe(&site);
    let state = AppState::new(
        site,
        db.clone(),
        secret,
        ServerConfig::new(public_url.clone()),
    );
    tracing::info!(
        "vitrine: {summary}; listening on {local}, public URL {public_url}/ (ready in {} ms)",
        started.elapsed().as_millis()
    );
    vitrine_server::serve(listener, state, shutdown_signal()).await?;
    db.close().await;
    tracing::info!("vitrine: stopped");
    Ok(())
}

fn load(args: &SiteArg) -> Result<Site, SiteError> {
    match &args.site {
        Some(dir) => load_site(&DirSource, &dir.to_string_lossy()),
        None => load_site(&embedded::demo_site(), embedded::SITE_DIR),
    }
}

fn describe(site: &Site) -> String {
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

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = interrupt => {},
            () = terminate => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
    tracing::info!("vitrine: shutting down, draining in-flight requests");
}
