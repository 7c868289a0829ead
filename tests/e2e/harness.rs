//! Starting the real server and talking to it.

pub mod admin;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{OnceLock, mpsc};
use std::time::{Duration, Instant};

use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};
use reqwest::{Client, StatusCode, redirect};

/// The public URL every test server announces, so golden files are stable.
pub const PUBLIC_URL: &str = "http://vitrine.test";

/// The admin token every test server is started with (unless a test removes it).
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A running `vitrine serve` process.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The admin API's `http://127.0.0.1:PORT`.
    pub admin_base: String,
    /// The data directory (kept across restarts of the same test).
    pub data_dir: PathBuf,
    site: Option<PathBuf>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    _data_guard: Option<tempfile::TempDir>,
    log: mpsc::Receiver<String>,
    history: std::sync::Mutex<Vec<String>>,
}

impl Server {
    /// Starts the demo site with a fresh data directory.
    pub fn start() -> Self {
        Self::builder().start()
    }

    /// A server to start: the demo site on a fresh data directory unless told otherwise.
    pub fn builder() -> ServerBuilder {
        ServerBuilder::default()
    }

    fn launch(
        data_dir: PathBuf,
        site: Option<PathBuf>,
        extra: &[String],
        env: &[(String, String)],
    ) -> Self {
        precompile_plugins();
        Self::spawn(data_dir, site, extra, env)
    }

    fn spawn(
        data_dir: PathBuf,
        site: Option<PathBuf>,
        extra: &[String],
        env: &[(String, String)],
    ) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vitrine"));
        command.args(["serve", "--addr", "127.0.0.1:0", "--public-url", PUBLIC_URL]);
        command.args(["--admin-addr", "127.0.0.1:0"]);
        command.arg("--data-dir").arg(&data_dir);
        if let Some(site) = &site {
            command.arg("--site").arg(site);
        }
        command.args(extra);
        command
            .env("VITRINE_PLUGIN_CACHE", env!("CARGO_TARGET_TMPDIR"))
            .env("RUST_LOG", "info")
            .env("VITRINE_ADMIN_TOKEN", ADMIN_TOKEN)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start vitrine");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let (base, admin_base, startup) = wait_for_address(&rx, &mut child);
        Self {
            child,
            base,
            admin_base,
            data_dir,
            site,
            args: extra.to_vec(),
            env: env.to_vec(),
            _data_guard: None,
            log: rx,
            history: std::sync::Mutex::new(startup),
        }
    }

    /// Stops with SIGTERM and starts again on the same data directory.
    pub fn restart(self) -> Self {
        self.restart_after(|_| {})
    }

    /// Stops with SIGTERM, lets `change` alter the data directory while no server runs,
    /// and starts again on it.
    pub fn restart_after(mut self, change: impl FnOnce(&Path)) -> Self {
        let status = self.terminate();
        assert!(status.success(), "graceful stop failed: {status}");
        change(&self.data_dir);
        self.again()
    }

    /// Kills with SIGKILL (no chance to flush anything) and starts again.
    pub fn crash_and_restart(mut self) -> Self {
        self.child.kill().expect("kill -9");
        let _ = self.child.wait();
        self.again()
    }

    /// The same site on the same data directory, started anew.
    fn again(mut self) -> Self {
        let guard = self._data_guard.take();
        let mut next = Self::launch(
            self.data_dir.clone(),
            self.site.clone(),
            &self.args,
            &self.env,
        );
        next._data_guard = guard;
        next
    }

    /// Sends SIGTERM and waits for the exit.
    pub fn terminate(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        self.child.wait().expect("wait")
    }

    /// Every log line written so far, start-up included.
    pub fn log_lines(&self) -> Vec<String> {
        std::thread::sleep(Duration::from_millis(100));
        let mut history = self.history.lock().expect("log history");
        history.extend(self.log.try_iter());
        history.clone()
    }

    /// Waits until a log line matches, for at most `patience`; the line, if one came.
    pub fn wait_for_log(
        &self,
        matches: impl Fn(&str) -> bool,
        patience: Duration,
    ) -> Option<String> {
        let started = Instant::now();
        loop {
            if let Some(line) = self.log_lines().into_iter().find(|l| matches(l)) {
                return Some(line);
            }
            if started.elapsed() > patience {
                return None;
            }
        }
    }

    /// The server's resident memory and its peak so far, in KiB (Linux `/proc`).
    pub fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("process status");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kib| kib.parse().ok())
                .unwrap_or_else(|| panic!("{name} in /proc status"))
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// A client for this server, without a session.
    pub fn shopper(&self) -> Shopper {
        Shopper {
            base: self.base.clone(),
            client: client(),
            cookie: None,
        }
    }

    /// The full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The longest a server may take to start: compiling plugins in a debug build on a busy
/// machine is slow, but a server that neither starts nor exits is stuck.
const START_PATIENCE: Duration = Duration::from_secs(600);

/// Waits for the "listening on" line while the process runs; fails at once if it exits.
fn wait_for_address(
    log: &mpsc::Receiver<String>,
    child: &mut Child,
) -> (String, String, Vec<String>) {
    let mut seen = Vec::new();
    let started = Instant::now();
    loop {
        match log.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                let plain = line.replace("\\\"", "\"");
                if let Some(rest) = plain.split("listening on ").nth(1) {
                    let addr = rest.split(',').next().expect("address");
                    let admin = plain.split("admin API on ").nth(1).expect("admin address");
                    let admin = admin.split(' ').next().expect("admin address");
                    seen.push(line.clone());
                    return (format!("http://{addr}"), format!("http://{admin}"), seen);
                }
                seen.push(line);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!(
                        "vitrine exited ({status}) before listening:\n{}",
                        seen.join("\n")
                    );
                }
                if started.elapsed() > START_PATIENCE {
                    panic!(
                        "vitrine did not start in {START_PATIENCE:?}:\n{}",
                        seen.join("\n")
                    );
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = child.wait().expect("wait");
                panic!(
                    "vitrine exited ({status}) before listening:\n{}",
                    seen.join("\n")
                );
            }
        }
    }
}

/// Compiles every plugin of the repository once for the whole suite, into the shared
/// precompiled cache, so that no test waits for (or competes with) another's compilation.
fn precompile_plugins() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let (_dir, site) = demo_site_copy();
        let root = site.parent().expect("root").to_owned();
        let test_plugins = repo_root().join("plugins/dist-test");
        if test_plugins.is_dir() {
            copy_dir(&test_plugins, &root.join("plugins/dist"));
        }
        let data = tempfile::tempdir().expect("temp dir");
        drop(Server::spawn(data.path().to_owned(), Some(site), &[], &[]));
    });
}

/// How to start a server: which site and which extra arguments, on a fresh data directory.
#[derive(Default)]
pub struct ServerBuilder {
    site: Option<PathBuf>,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

impl ServerBuilder {
    /// Serves a site folder instead of the built-in demo.
    pub fn site(mut self, site: &Path) -> Self {
        self.site = Some(site.to_owned());
        self
    }

    /// Extra command-line arguments of `vitrine serve`.
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| (*a).to_owned()));
        self
    }

    /// An environment variable of the server process.
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Starts the server and waits until it listens.
    pub fn start(self) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut server = Server::launch(dir.path().to_owned(), self.site, &self.args, &self.env);
        server._data_guard = Some(dir);
        server
    }
}

/// An HTTP client that follows no redirects.
pub fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .expect("client")
}

/// A response read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

/// A shopper with a cookie jar of one cookie.
pub struct Shopper {
    base: String,
    client: Client,
    /// The session cookie (`vitrine_session=…`), once the server set one.
    pub cookie: Option<String>,
}

impl Shopper {
    /// GET a path.
    pub async fn get(&mut self, path: &str) -> Reply {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        self.read(request.send().await.expect("GET")).await
    }

    /// POST a URL-encoded form.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.post_raw(path, "application/x-www-form-urlencoded", body.into_bytes())
            .await
    }

    /// POST arbitrary bytes.
    pub async fn post_raw(&mut self, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        self.read(request.send().await.expect("POST")).await
    }

    /// The CSRF token of the forms on a page.
    pub async fn csrf(&mut self, path: &str) -> String {
        let page = self.get(path).await;
        attribute_after(&page.body, "name=\"csrf\" value=\"").expect("page has a CSRF token")
    }

    /// Adds a product to the cart the way the product page's form does.
    pub async fn add_to_cart(&mut self, storefront: &str, product: &str, quantity: &str) -> Reply {
        let path = format!("/{storefront}/cart/add");
        match self.cookie.is_some() {
            true => {
                let token = self.csrf(&format!("/{storefront}/p/{product}")).await;
                self.post(
                    &path,
                    &[
                        ("csrf", &token),
                        ("product", product),
                        ("quantity", quantity),
                    ],
                )
                .await
            }
            false => {
                self.post(&path, &[("product", product), ("quantity", quantity)])
                    .await
            }
        }
    }

    async fn read(&mut self, response: reqwest::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        if let Some(cookie) = headers.get(SET_COOKIE).and_then(|v| v.to_str().ok()) {
            self.cookie = cookie.split(';').next().map(str::to_owned);
        }
        let body = response.text().await.expect("body");
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// The text after `marker` up to the next `"`.
pub fn attribute_after(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

/// The cart lines as `(product, quantity)`, read from the cart page's update forms.
pub async fn cart_lines(shopper: &mut Shopper, storefront: &str) -> Vec<(String, String)> {
    let page = shopper.get(&format!("/{storefront}/cart")).await;
    assert_eq!(page.status, StatusCode::OK);
    let mut lines = Vec::new();
    let mut rest = page.body.as_str();
    while let Some(at) = rest.find("name=\"product\" value=\"") {
        rest = &rest[at..];
        let product = attribute_after(rest, "name=\"product\" value=\"").expect("product");
        let quantity = attribute_after(
            rest,
            "name=\"quantity\" type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"99\" value=\"",
        );
        if let Some(quantity) = quantity {
            lines.push((product, quantity));
        }
        // Skip past the remove form of the same line.
        rest = &rest[1..];
        if let Some(next) = rest.find("cart/remove") {
            rest = &rest[next..];
            if let Some(after) = rest.find("</form>") {
                rest = &rest[after..];
            }
        }
    }
    lines
}

/// The demo site copied into a temp folder (site, themes, locales, built plugins), to be
/// changed or broken by a test.
pub fn demo_site_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    for folder in ["site", "themes", "locales", "plugins/dist"] {
        copy_dir(&repo_root().join(folder), &dir.path().join(folder));
    }
    let site = dir.path().join("site");
    (dir, site)
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A copy of the demo site with test plugins from `plugins/dist-test` installed and enabled.
pub struct TestSite {
    _dir: tempfile::TempDir,
    /// The site folder.
    pub site: PathBuf,
}

impl TestSite {
    /// The demo site, as is.
    pub fn demo() -> Self {
        let (dir, site) = demo_site_copy();
        Self { _dir: dir, site }
    }

    /// A generated catalogue of `products` products in `markets` markets (as
    /// `cargo xtask generate-site` writes it).
    pub fn generated(products: usize, markets: usize) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let spec = vitrine_sitegen::Spec {
            products,
            markets,
            feed: false,
        };
        let site = vitrine_sitegen::generate(spec, &repo_root(), dir.path()).expect("generate");
        Self { _dir: dir, site }
    }

    /// A generated site whose catalogue is a feed, not yet imported: the feed file is
    /// [`TestSite::feed_file`].
    pub fn generated_feed(products: usize, markets: usize) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let spec = vitrine_sitegen::Spec {
            products,
            markets,
            feed: true,
        };
        let site = vitrine_sitegen::generate(spec, &repo_root(), dir.path()).expect("generate");
        Self { _dir: dir, site }
    }

    /// The feed file a generated feed site comes with.
    pub fn feed_file(&self) -> PathBuf {
        let root = self.site.parent().expect("root");
        root.join(vitrine_sitegen::FEED_FILE)
    }

    /// Installs a test plugin and enables it in a market with the given grants.
    pub fn plugin(self, id: &str, market: &str, grant: &[&str]) -> Self {
        let built = repo_root().join("plugins/dist-test").join(id);
        assert!(
            built.is_dir(),
            "test plugin {id} is not built: run `cargo xtask plugins` (or `cargo xtask test`)"
        );
        let root = self.site.parent().expect("root").to_owned();
        let installed = root.join("plugins/dist").join(id);
        if !installed.is_dir() {
            copy_dir(&built, &installed);
        }
        let grants: Vec<String> = grant.iter().map(|g| format!("\"{g}\"")).collect();
        let file = self.site.join(format!("markets/{market}.toml"));
        let mut text = std::fs::read_to_string(&file).expect("market file");
        text.push_str(&format!(
            "\n[plugins.{id}]\ngrant = [{}]\n",
            grants.join(", ")
        ));
        std::fs::write(&file, text).expect("write market file");
        self
    }

    /// Rewrites a site file with `edit` (the path is relative to the site's root).
    pub fn edit(&self, path: &str, edit: impl FnOnce(String) -> String) {
        let file = self.site.parent().expect("root").join(path);
        let text = std::fs::read_to_string(&file).expect("read site file");
        std::fs::write(&file, edit(text)).expect("write site file");
    }

    /// Replaces the first `from` in a site file with `to`; the file must hold `from`.
    pub fn replace(&self, path: &str, from: &str, to: &str) {
        self.edit(path, |text| {
            assert!(text.contains(from), "{path} holds {from:?}");
            text.replacen(from, to, 1)
        });
    }

    /// Starts it with a fresh data directory and extra command-line arguments.
    pub fn start(&self, extra: &[&str]) -> Server {
        Server::builder().site(&self.site).args(extra).start()
    }
}

/// The page cache's misses so far, from `/metrics`.
pub async fn page_cache_misses(server: &Server) -> u64 {
    let metrics = server.shopper().get("/metrics").await.body;
    let marker = "vitrine_page_cache_lookups_total{result=\"miss\"} ";
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(marker))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or_else(|| panic!("no miss count in {metrics}"))
}

/// The product links of a page's cards, in order.
pub fn product_links(html: &str, storefront: &str) -> Vec<String> {
    let marker = format!("<a href=\"/{storefront}/p/");
    html.match_indices(&marker)
        .filter_map(|(at, _)| attribute_after(&html[at..], "<a href=\""))
        .collect()
}

/// A response header read as text.
pub trait Headers {
    /// The header's value, if it is there and is text.
    fn header(&self, name: &str) -> Option<&str>;

    /// Where a redirect points.
    fn location(&self) -> Option<&str> {
        self.header("location")
    }
}

impl Headers for Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Headers for reqwest::Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers().get(name).and_then(|v| v.to_str().ok())
    }
}
