//! `vitrine`: one binary that serves every market's storefront.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod catalogue;
mod check;
mod embedded;
mod gate;
mod logging;
mod run;
mod watch;

/// mimalloc instead of the system allocator: rendering and plugin calls allocate many small,
/// short-lived values on every worker thread, where glibc's arenas contend (measured in
/// `bench/RESULTS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Serve a brand's storefront in every market from one runtime.
#[derive(Debug, Parser)]
#[command(name = "vitrine", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the storefronts over HTTP/1.1 and HTTP/2 (h2c).
    Serve(ServeArgs),
    /// Validate a site with exactly the rules a reload applies, and print every problem.
    Check(CheckArgs),
    /// Work with a site's catalogue feed.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
}

#[derive(Debug, Subcommand)]
enum CatalogueCommand {
    /// Import a catalogue feed (JSON Lines) into the database, after checking it against
    /// the site with the rules of `vitrine check`.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The feed file (`docs/catalogue-feed.md`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    site: SiteArg,
    #[command(flatten)]
    data: DataDirArg,
    /// Lay the feed's records over the stored ones (the others stay) instead of replacing
    /// the whole catalogue.
    #[arg(long)]
    merge: bool,
    /// Check the feed and say what it would change, but store nothing.
    #[arg(long)]
    dry_run: bool,
    /// How to print the outcome.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

#[derive(Debug, clap::Args)]
struct SiteArg {
    /// The site folder (with `site.toml`); default: the demo site built into the binary.
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
}

/// The data folder: the embedded database (carts, orders, recalls, the imported catalogue
/// feed…) and the search index.
#[derive(Debug, clap::Args)]
struct DataDirArg {
    /// Folder of the embedded database (carts, orders, the imported catalogue) and the
    /// search index.
    #[arg(
        long,
        value_name = "DIR",
        env = "VITRINE_DATA_DIR",
        default_value = "./data"
    )]
    data_dir: PathBuf,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArg,
    #[command(flatten)]
    data: DataDirArg,
    /// How to print the verdict.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

/// How `vitrine check` prints its verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// Problems on stderr, one per line; the summary on stdout when the site is valid.
    Text,
    /// One JSON object on stdout: `{"ok", "site", "problems": [{"file", "key", "rule"}]}`
    /// (`site`, the one-line summary, only when the site is valid).
    Json,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Address of the admin API (recalls, purges, status). It opens only when
    /// `VITRINE_ADMIN_TOKEN` holds a secret of at least 16 characters; keep it off the
    /// public network.
    #[arg(
        long,
        value_name = "ADDR",
        env = "VITRINE_ADMIN_ADDR",
        default_value = "127.0.0.1:8081"
    )]
    admin_addr: SocketAddr,
    #[command(flatten)]
    site: SiteArg,
    #[command(flatten)]
    data: DataDirArg,
    /// Time, in milliseconds, that all plugin calls of one page may take together (host
    /// calls and waits included).
    #[arg(long, value_name = "MS", default_value_t = 50)]
    plugin_budget_ms: u64,
    /// For load benchmarks only: anonymous requests with the header `x-vitrine-bypass-cache`
    /// are rendered as if the page cache were empty.
    #[arg(long)]
    bench_allow_cache_bypass: bool,
    /// Memory, in MiB, that all running plugin calls may hold together; each plugin's
    /// concurrency is sized to fit it.
    #[arg(long, value_name = "MIB", env = "VITRINE_PLUGIN_MEMORY_MIB", default_value_t = 192, value_parser = clap::value_parser!(u32).range(16..=65536))]
    plugin_memory_mib: u32,
    /// Do not watch the `--site` folder: reload only when `POST /admin/reload` asks.
    #[arg(long)]
    no_watch: bool,
    /// Folder for precompiled plugins; default: `plugin-cache` in the data directory.
    #[arg(long, value_name = "DIR", env = "VITRINE_PLUGIN_CACHE")]
    plugin_cache: Option<PathBuf>,
    /// Public origin for canonical and hreflang links; default: http://{addr}.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Memory, in MiB, the page cache may hold (rendered pages with their compressed
    /// variants); default: a sixteenth of the machine's memory, at least 64 and at most 256.
    #[arg(long, value_name = "MIB", env = "VITRINE_PAGE_CACHE_MIB", value_parser = clap::value_parser!(u32).range(1..=65536))]
    page_cache_mib: Option<u32>,
    /// Threads serving requests; default: one per core.
    #[arg(long, value_name = "N", env = "VITRINE_WORKERS", value_parser = clap::value_parser!(u16).range(1..=1024))]
    workers: Option<u16>,
    /// Log format.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::check(&args),
        Command::Catalogue(CatalogueCommand::Import(args)) => catalogue::import(&args),
        Command::Serve(args) => {
            logging::init(args.log_format);
            run::serve(args)
        }
    }
}
