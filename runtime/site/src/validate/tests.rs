use super::*;
use crate::MemorySource;

/// A tiny but complete site; tests change one file to break one rule.
fn minimal() -> MemorySource {
    let mut s = MemorySource::default();
    s.insert(
        "site/site.toml",
        "name = \"Shop\"\ntheme = \"../themes/t\"\nlocales = \"../locales\"\ndefault_language = \"en\"\n",
    );
    s.insert(
        "themes/t/theme.toml",
        "name = \"t\"\nversion = \"1\"\nstylesheets = [\"base.css\"]\n[tokens]\ncolor-brand = { value = \"#123456\", overridable = false }\ncolor-accent = { value = \"#654321\", overridable = true }\n",
    );
    s.insert(
        "themes/t/assets/base.css",
        "body { color: var(--color-brand); }",
    );
    s.insert("locales/en/main.ftl", "home = Home\ncart = Cart\n");
    s.insert("locales/nl/main.ftl", "home = Start\ncart = Winkelwagen\n");
    s.insert(
        "site/catalogue/categories.toml",
        "[bags]\nposition = 1\nname = { en = \"Bags\", nl = \"Tassen\" }\n",
    );
    s.insert(
        "site/catalogue/products/tote.toml",
        "category = \"bags\"\nimage = \"tote.svg\"\nname = { en = \"Tote\", nl = \"Tas\" }\n[description]\nen = \"A tote.\"\nnl = \"Een tas.\"\n",
    );
    s.insert(
        "site/catalogue/images/tote.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    s.insert(
        "site/markets/nl.toml",
        "country = \"NL\"\ncurrency = \"EUR\"\nprices_include_tax = true\nvat_rate = \"21\"\nstorefronts = [\"nl-nl\"]\n[prices]\ntote = 4900\n",
    );
    s
}

fn problems(source: &MemorySource) -> Vec<String> {
    match load_site(source, "site") {
        Ok(_) => Vec::new(),
        Err(error) => error.problems().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn images_of_a_site_folder_stay_on_disk_and_stylesheets_in_memory() {
    let dir = format!("{}/../../site", env!("CARGO_MANIFEST_DIR"));
    let site = load_site(&crate::DirSource, &dir).expect("the demo site loads");
    let product = &site.products["wool-scarf"];
    let image = site.assets.get(&product.image).expect("the image's URL");
    match &image.body {
        crate::AssetBody::File { path, len } => {
            assert!(path.is_absolute() && path.ends_with("catalogue/images/wool-scarf.svg"));
            assert_eq!(Some(*len), std::fs::metadata(path).ok().map(|m| m.len()));
        }
        body => panic!("an image held in memory: {body:?}"),
    }
    let sheet = site
        .assets
        .urls()
        .find(|url| url.starts_with("/assets/base."));
    let sheet = site
        .assets
        .get(sheet.expect("the stylesheet"))
        .expect("asset");
    assert!(matches!(sheet.body, crate::AssetBody::Bytes(_)));
    let embedded = load_site(&minimal(), "site").expect("valid site");
    let tote = embedded
        .assets
        .get(&embedded.products["tote"].image)
        .expect("asset");
    assert!(
        matches!(tote.body, crate::AssetBody::Bytes(_)),
        "nothing on disk to read"
    );
}

#[test]
fn a_minimal_site_loads() {
    let site = load_site(&minimal(), "site").expect("valid site");
    assert_eq!(site.storefronts.len(), 1);
    assert!(site.storefront("nl-nl").is_some());
}

#[test]
fn messages_missing_or_superfluous_against_the_reference_are_translation_problems() {
    let mut s = minimal();
    s.insert("locales/nl/main.ftl", "home = Start\nkart = Winkelwagen\n");
    let site = load_site(&s, "site").expect("the site serves, with fallbacks");
    let found: Vec<String> = site
        .message_problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "locales/nl: `cart`: message missing for nl-nl; they would show `en` instead",
            "locales/nl/main.ftl: `kart`: message not in the reference language `en`: a leftover, or a typo in its id?",
        ]
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let mut s = minimal();
    s.insert(
        "site/markets/nl.toml",
        "country = \"NL\"\ncurrency = \"EURO\"\nprices_include_tax = true\nvat_rate = \"21\"\nstorefronts = [\"nl-nl\"]\ncolour = \"red\"\n[prices]\ntote = 4900\nghost = 100\n[theme]\ncolor-brand = \"#000\"\n",
    );
    assert_eq!(
        problems(&s),
        [
            "site/markets/nl.toml: `colour`: unknown key",
            "site/markets/nl.toml: `currency`: `EURO` is not a supported ISO 4217 currency code",
            "site/markets/nl.toml: `prices.ghost`: unknown product `ghost`",
            "site/markets/nl.toml: `theme.color-brand`: theme token `color-brand` is locked by the brand; markets may not override it",
        ]
    );
}

#[test]
fn a_storefront_without_locale_files_is_refused() {
    let mut s = minimal();
    s.insert(
        "site/markets/it.toml",
        "country = \"IT\"\ncurrency = \"EUR\"\nprices_include_tax = true\nvat_rate = \"22\"\nstorefronts = [\"it-it\"]\n",
    );
    let found = problems(&s);
    assert!(
        found
            .iter()
            .any(|p| p.contains("`storefronts[0]`: storefront `it-it` has no locale files")),
        "{found:?}"
    );
}

#[test]
fn a_storefront_in_the_default_language_reads_its_folder_without_a_regional_one() {
    let mut s = minimal();
    s.insert(
        "site/markets/ie.toml",
        "country = \"IE\"\ncurrency = \"EUR\"\nprices_include_tax = true\nvat_rate = \"23\"\nstorefronts = [\"en-ie\"]\n[prices]\ntote = 5200\n",
    );
    let site = load_site(&s, "site").expect("en-ie reads locales/en/");
    let storefront = site.storefront("en-ie").expect("en-ie is served");
    assert_eq!(storefront.l10n.messages.text("cart"), "Cart");
}

#[test]
fn fluent_syntax_errors_name_file_line_and_column_and_nothing_else() {
    let mut s = minimal();
    s.insert("locales/nl/main.ftl", "home = Start\nbroken = {\n");
    assert_eq!(
        problems(&s),
        ["locales/nl/main.ftl: line 2, column 11: Expected an inline expression"],
        "the broken file is not also reported as a missing locale or missing messages"
    );
}

#[test]
fn equal_inputs_give_equal_versions() {
    let a = load_site(&minimal(), "site").expect("valid");
    let b = load_site(&minimal(), "site").expect("valid");
    assert_eq!(a.version, b.version);
    let mut changed = minimal();
    changed.insert("locales/en/main.ftl", "home = Home!\ncart = Cart\n");
    let c = load_site(&changed, "site").expect("valid");
    assert_ne!(a.version, c.version);
}

fn with_plugin(manifest: &str, market_section: &str) -> MemorySource {
    let mut s = minimal();
    s.insert(
        "site/site.toml",
        "name = \"Shop\"\ntheme = \"../themes/t\"\nlocales = \"../locales\"\ndefault_language = \"en\"\nplugins = \"../plugins\"\n",
    );
    s.insert("plugins/pickup/plugin.toml", manifest);
    s.insert("plugins/pickup/plugin.wasm", "not compiled here");
    s.insert("plugins/pickup/locales/en/main.ftl", "hello = Hello\n");
    s.insert(
        "site/markets/nl.toml",
        format!("country = \"NL\"\ncurrency = \"EUR\"\nprices_include_tax = true\nvat_rate = \"21\"\nstorefronts = [\"nl-nl\"]\n[prices]\ntote = 4900\n{market_section}"),
    );
    s
}

fn plugin_problems(source: &MemorySource) -> Vec<String> {
    let site = load_site(source, "site").expect("plugin problems never stop the site");
    site.plugin_problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

const GOOD_MANIFEST: &str = "id = \"pickup\"\nversion = \"1.0.0\"\nwit = \"0.1.0\"\nslots = [\"product.below-price\"]\ncapabilities = [\"catalogue:read\"]\n[settings.radius]\nkind = \"integer\"\ndefault = \"5\"\n";

#[test]
fn a_valid_plugin_is_enabled_with_its_settings() {
    let s = with_plugin(
        GOOD_MANIFEST,
        "[plugins.pickup]\ngrant = [\"catalogue:read\"]\nsettings = { radius = \"10\" }\n",
    );
    let site = load_site(&s, "site").expect("valid");
    assert!(
        site.plugin_problems.is_empty(),
        "{:?}",
        site.plugin_problems
    );
    let enabled = &site.markets["nl"].plugins["pickup"];
    assert_eq!(enabled.settings, [("radius".to_owned(), "10".to_owned())]);
}

#[test]
fn manifest_problems_are_precise_and_disable_only_the_plugin() {
    let manifest = "id = \"pickup\"\nversion = \"1\"\nwit = \"2.0.0\"\nslots = [\"footer\"]\ncapabilities = [\"network\"]\n";
    let s = with_plugin(manifest, "[plugins.pickup]\n");
    assert_eq!(
        plugin_problems(&s),
        [
            "plugins/pickup/plugin.toml: `capabilities[0]`: unknown capability `network` (known: catalogue:read, storage, events:emit, log, shopper:postcode)",
            "plugins/pickup/plugin.toml: `slots[0]`: unknown slot `footer` (slots: home.below-hero, product.below-price, cart.below-lines, checkout.before-form)",
            "plugins/pickup/plugin.toml: `wit`: WIT version `2.0.0` is not supported: this runtime hosts vitrine:plugin@0.1.x",
            "site/markets/nl.toml: `plugins.pickup`: plugin `pickup` is not installed or did not load",
        ]
    );
}

#[test]
fn markets_must_grant_every_capability_and_give_valid_settings() {
    let s = with_plugin(
        GOOD_MANIFEST,
        "[plugins.pickup]\ngrant = []\nsettings = { radius = \"far\", colour = \"red\" }\n",
    );
    assert_eq!(
        plugin_problems(&s),
        [
            "site/markets/nl.toml: `plugins.pickup.grant`: plugin `pickup` needs capability `catalogue:read`, which this market does not grant",
            "site/markets/nl.toml: `plugins.pickup.settings.colour`: the plugin has no such setting",
            "site/markets/nl.toml: `plugins.pickup.settings.radius`: `far` is not a valid integer",
        ]
    );
    let site = load_site(&s, "site").expect("the site still loads");
    assert!(
        site.markets["nl"].plugins.is_empty(),
        "the plugin stays off in that market"
    );
}

#[test]
fn a_cart_is_priced_once_at_the_markets_prices_and_unsold_lines_are_left_out() {
    let site = load_site(&minimal(), "site").expect("valid site");
    let line = |product: &str, quantity| crate::CartLine {
        product: product.to_owned(),
        quantity,
    };
    let priced = site.markets["nl"].price(&[line("tote", 3), line("gone", 1)]);
    assert_eq!(
        priced.lines.len(),
        1,
        "a product the market does not sell is left out"
    );
    assert_eq!(priced.lines[0].unit_price, 4900);
    assert_eq!(priced.lines[0].total(), 14_700);
    assert_eq!(priced.total(), 14_700);
}

#[test]
fn a_recalled_line_is_flagged_and_counts_for_nothing() {
    let site = load_site(&minimal(), "site").expect("valid site");
    let storefront = &site.storefronts[0];
    let lines = [crate::CartLine {
        product: "tote".to_owned(),
        quantity: 2,
    }];
    let recalls = crate::Recalls::new([("tote".to_owned(), crate::RecallScope::Everywhere)]);
    let priced = site.price_cart(&recalls, storefront, &lines);
    assert!(priced.lines[0].recalled, "the line is kept, flagged");
    assert_eq!(priced.total(), 0);
    assert_eq!(priced.recalled().count(), 1);
    assert!(!site.offers(&recalls, storefront, "tote"));
    let unrecalled = site.price_cart(crate::Recalls::none(), storefront, &lines);
    assert_eq!(unrecalled.total(), 9800);
    assert!(site.offers(crate::Recalls::none(), storefront, "tote"));
}

/// The minimal site with one file replaced, loaded.
fn changed(path: &str, text: &str) -> crate::Site {
    let mut source = minimal();
    source.insert(path, text);
    load_site(&source, "site").expect("valid site")
}

#[test]
fn a_diff_names_what_changed_and_purges_only_its_pages() {
    use crate::{Purge, SiteDiff};
    let old = load_site(&minimal(), "site").expect("valid site");
    assert!(SiteDiff::between(&old, &old).is_empty());

    let new = changed("locales/nl/main.ftl", "home = Begin\ncart = Winkelwagen\n");
    let diff = SiteDiff::between(&old, &new);
    assert_eq!(diff.messages.len(), 1);
    assert_eq!(diff.messages[0].id, "nl/home");
    assert_eq!(diff.purge(), Purge::Groups(vec![vec!["locale:nl".into()]]));

    let market = "country = \"NL\"\ncurrency = \"EUR\"\nprices_include_tax = true\nvat_rate = \"21\"\nstorefronts = [\"nl-nl\"]\n[prices]\ntote = 5900\n";
    let diff = SiteDiff::between(&old, &changed("site/markets/nl.toml", market));
    assert_eq!(diff.prices[0].detail.as_deref(), Some("4900 → 5900"));
    assert_eq!(
        diff.purge(),
        Purge::Groups(vec![
            vec!["prices:nl".into()],
            vec!["product:tote".into(), "market:nl".into()]
        ]),
        "its pages in this market only, and the market's listings ordered or filtered by price"
    );

    let css = changed("themes/t/assets/base.css", "body { color: red; }");
    let diff = SiteDiff::between(&old, &css);
    assert!(!diff.assets.is_empty(), "the stylesheet's URL changed");
    assert_eq!(diff.purge(), Purge::All, "every page links the stylesheet");
}

#[test]
fn a_product_moved_or_added_purges_the_listings_too() {
    use crate::{Purge, SiteDiff};
    let old = load_site(&minimal(), "site").expect("valid site");
    let renamed = "category = \"bags\"\nimage = \"tote.svg\"\nname = { en = \"Big tote\", nl = \"Grote tas\" }\n[description]\nen = \"A tote.\"\nnl = \"Een tas.\"\n";
    let diff = SiteDiff::between(&old, &changed("site/catalogue/products/tote.toml", renamed));
    assert_eq!(diff.products[0].id, "tote");
    assert_eq!(
        diff.purge(),
        Purge::Groups(vec![vec!["catalogue".into()], vec!["product:tote".into()]])
    );
}

fn uploaded(manifest: &str, version: &str) -> std::sync::Arc<crate::PluginPackage> {
    let folder = upload_folder("pickup", version);
    let mut files = MemorySource::default();
    files.insert(format!("{folder}/plugin.toml"), manifest);
    files.insert(format!("{folder}/plugin.wasm"), "not compiled here");
    files.insert(format!("{folder}/locales/en/main.ftl"), "hello = Hello\n");
    std::sync::Arc::new(read_uploaded(&files, "pickup", version).expect("a valid upload"))
}

#[test]
fn a_rollout_runs_the_chosen_version_where_its_market_suits_it_and_the_sites_elsewhere() {
    let s = with_plugin(
        GOOD_MANIFEST,
        "[plugins.pickup]\ngrant = [\"catalogue:read\"]\nsettings = { radius = \"10\" }\n",
    );
    let site = load_site(&s, "site").expect("valid");
    let two = uploaded(&GOOD_MANIFEST.replace("1.0.0", "2.0.0"), "2.0.0");
    let greedy = GOOD_MANIFEST
        .replace("1.0.0", "3.0.0")
        .replace("[\"catalogue:read\"]", "[\"catalogue:read\", \"storage\"]");
    let three = uploaded(&greedy, "3.0.0");
    let activate = |version: &str| crate::Activation {
        plugin: "pickup".into(),
        version: version.into(),
        storefronts: vec!["nl-nl".into()],
    };
    let runs = |rollout: &crate::Rollout| {
        let plan = rollout.plan(&site);
        let running: Vec<(String, Vec<String>)> = plan
            .versions
            .iter()
            .map(|v| {
                (
                    v.package.version.clone(),
                    v.storefronts.iter().cloned().collect(),
                )
            })
            .collect();
        (running, plan.problems)
    };
    let none = crate::Rollout::new([Arc::clone(&two)], []);
    let (running, problems) = runs(&none);
    assert_eq!(running, [("1.0.0".to_owned(), vec!["nl-nl".to_owned()])]);
    assert!(problems.is_empty());

    let forward = crate::Rollout::new([Arc::clone(&two)], [activate("2.0.0")]);
    let (running, _) = runs(&forward);
    assert_eq!(
        running,
        [
            ("1.0.0".to_owned(), vec![]),
            ("2.0.0".to_owned(), vec!["nl-nl".to_owned()])
        ],
        "the site's version stays loaded (checked) while no storefront runs it"
    );
    let plan = forward.plan(&site);
    assert_eq!(
        plan.versions[1].markets["nl"].settings,
        [("radius".to_owned(), "10".to_owned())],
        "the market's settings, resolved for the version"
    );

    let unfit = crate::Rollout::new([two, three], [activate("3.0.0")]);
    let (running, problems) = runs(&unfit);
    assert_eq!(running, [("1.0.0".to_owned(), vec!["nl-nl".to_owned()])]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].rule.contains("needs capability `storage`"),
        "{problems:?}"
    );
    let missing = crate::Rollout::new([], [activate("9.9.9")]);
    let (running, problems) = runs(&missing);
    assert_eq!(running, [("1.0.0".to_owned(), vec!["nl-nl".to_owned()])]);
    assert!(problems[0].rule.contains("not uploaded"), "{problems:?}");
}

#[test]
fn an_upload_must_carry_the_id_and_version_it_is_uploaded_as() {
    let refused = |manifest: String| -> Vec<String> {
        let folder = upload_folder("pickup", "2.0.0");
        let mut files = MemorySource::default();
        files.insert(format!("{folder}/plugin.toml"), manifest);
        files.insert(format!("{folder}/plugin.wasm"), "x");
        files.insert(format!("{folder}/locales/en/main.ftl"), "hello = Hello\n");
        read_uploaded(&files, "pickup", "2.0.0")
            .expect_err("refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    let other_id = GOOD_MANIFEST
        .replace("\"pickup\"", "\"other\"")
        .replace("1.0.0", "2.0.0");
    assert_eq!(
        refused(other_id),
        ["pickup@2.0.0/plugin.toml: `id`: the id must be the plugin the upload names, `pickup`"]
    );
    assert_eq!(
        refused(GOOD_MANIFEST.to_owned()),
        [
            "pickup@2.0.0/plugin.toml: `version`: the version must be the one the upload names, `2.0.0`"
        ]
    );
}

#[test]
fn listing_sizes_and_product_dates_out_of_bounds_are_problems() {
    let mut s = minimal();
    s.insert(
        "themes/t/theme.toml",
        "name = \"t\"\nversion = \"1\"\nstylesheets = [\"base.css\"]\n[tokens]\ncolor-brand = { value = \"#123456\", overridable = false }\n[listing]\npage_size = 0\nhome_products = 500\n",
    );
    s.insert(
        "site/catalogue/products/tote.toml",
        "category = \"bags\"\nimage = \"tote.svg\"\nadded = 2026-11-01T10:00:00Z\nname = { en = \"Tote\", nl = \"Tas\" }\n[description]\nen = \"A tote.\"\nnl = \"Een tas.\"\n",
    );
    let found = problems(&s);
    for expected in [
        "themes/t/theme.toml: `listing.page_size`: must be between 1 and 96",
        "themes/t/theme.toml: `listing.home_products`: must be between 0 and 96",
        "site/catalogue/products/tote.toml: `added`: `2026-11-01T10:00:00Z` is not a plain date (YYYY-MM-DD)",
    ] {
        assert!(
            found.iter().any(|p| p == expected),
            "{expected} in {found:?}"
        );
    }
}
