//! The one gate a site passes to be served after start-up: `vitrine check` runs it offline
//! and a reload runs it before swapping. The site's files are validated and its plugins
//! compiled; any problem, a translation's or a plugin's included, refuses the site. (At
//! start-up `serve` is more lenient so that the shop can open: a missing translation shows
//! its fallback and a plugin that fails is left out, both logged.)

use std::path::{Path, PathBuf};
use std::sync::Arc;

use vitrine_plugins::{Engine, Plugins};
use vitrine_server::SiteBuilder;
use vitrine_site::feed::Feed;
use vitrine_site::{DirSource, Problem, Rollout, Site, load_site_with};

/// A validated site with its compiled plugins (the versions `rollout` chose for some
/// storefronts included), or every problem.
pub fn admit(
    site: Site,
    engine: &Engine,
    rollout: &Rollout,
    cache: Option<&Path>,
) -> Result<(Arc<Site>, Arc<Plugins>), Vec<Problem>> {
    let site = Arc::new(site);
    let plugins = Plugins::load(engine, Arc::clone(&site), rollout, cache);
    let mut problems = site.message_problems.clone();
    problems.extend(site.plugin_problems.iter().cloned());
    problems.extend(plugins.problems.iter().cloned());
    if problems.is_empty() {
        Ok((site, Arc::new(plugins)))
    } else {
        Err(problems)
    }
}

/// Builds the site of a folder through the gate, with the serving engine and its
/// precompiled cache: what `POST /admin/reload` and the file watcher run.
pub struct FolderBuilder {
    /// The site folder (with `site.toml`).
    pub dir: PathBuf,
    /// The engine plugins run on.
    pub engine: Engine,
    /// Precompiled plugins.
    pub cache: PathBuf,
}

impl SiteBuilder for FolderBuilder {
    fn build(
        &self,
        rollout: &Rollout,
        feed: &Feed,
    ) -> Result<(Arc<Site>, Arc<Plugins>), Vec<Problem>> {
        let site = load_site_with(&DirSource, &self.dir.to_string_lossy(), Some(feed))
            .map_err(|error| error.problems().to_vec())?;
        admit(site, &self.engine, rollout, Some(&self.cache))
    }
}
