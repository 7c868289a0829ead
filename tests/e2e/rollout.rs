//! Plugin rollout as a market team uses it: a new version of click-and-collect is uploaded,
//! checked and stored; switched on in one storefront while the others keep theirs; kept
//! across a restart; rolled back in one call. Broken packages and impossible activations
//! are refused with every problem while the shop keeps its versions.

use reqwest::StatusCode;
use serde_json::json;

use crate::harness::Server;
use crate::harness::admin::{admin, click_and_collect_as, replace_in, upload};

const HEADING_NOW: &str = "Afhalen in de winkel";
const HEADING_NEXT: &str = "Ophalen in de winkel";
const PRODUCT: &str = "/p/canvas-tote";

/// Version 1.1.0: the same component, with a new Dutch heading.
fn next_version(gzip: bool) -> Vec<u8> {
    click_and_collect_as("1.1.0", gzip, |package| {
        replace_in(
            package,
            "locales/nl/main.ftl",
            &format!("collect-heading = {HEADING_NOW}"),
            &format!("collect-heading = {HEADING_NEXT}"),
        );
    })
}

async fn heading(server: &Server, storefront: &str) -> &'static str {
    let page = server
        .shopper()
        .get(&format!("/{storefront}{PRODUCT}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    if page.body.contains(HEADING_NEXT) {
        HEADING_NEXT
    } else if page.body.contains(HEADING_NOW) {
        HEADING_NOW
    } else {
        panic!("{storefront}: no click-and-collect heading")
    }
}

#[tokio::test]
async fn a_version_is_uploaded_activated_in_one_storefront_kept_and_rolled_back() {
    let server = Server::start();
    for storefront in ["nl-nl", "nl-be"] {
        assert_eq!(heading(&server, storefront).await, HEADING_NOW);
        assert_eq!(
            heading(&server, storefront).await,
            HEADING_NOW,
            "now cached"
        );
    }

    let stored = upload(&server, "click-and-collect", "1.1.0", next_version(true)).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    assert_eq!(stored.body["version"], "1.1.0");
    assert_eq!(stored.body["sha256"].as_str().map(str::len), Some(64));
    // The same files packed again (uncompressed, new file times) are the same version.
    let again = upload(&server, "click-and-collect", "1.1.0", next_version(false)).await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "the same files: {}",
        again.body
    );
    assert_eq!(again.body["unchanged"], true);
    assert_eq!(again.body["sha256"], stored.body["sha256"]);
    let other = click_and_collect_as("1.1.0", true, |package| {
        replace_in(package, "locales/nl/main.ftl", HEADING_NOW, "Afhalen!");
    });
    let changed = upload(&server, "click-and-collect", "1.1.0", other).await;
    assert_eq!(
        changed.status,
        StatusCode::CONFLICT,
        "versions never change: {}",
        changed.body
    );
    assert_eq!(
        heading(&server, "nl-nl").await,
        HEADING_NOW,
        "stored, not running"
    );

    let body = json!({ "version": "1.1.0", "storefronts": ["nl-nl"] });
    let on = admin(
        &server,
        "POST",
        "/admin/plugins/click-and-collect/activate",
        Some(body),
    )
    .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    assert_eq!(on.body["before"]["nl-nl"], "1.0.0");
    assert_eq!(on.body["now"]["nl-nl"], "1.1.0");
    assert_eq!(on.body["now"]["nl-be"], "1.0.0");
    assert_eq!(
        on.body["now"]["en-us"],
        serde_json::Value::Null,
        "no pickup there"
    );
    assert_eq!(
        heading(&server, "nl-nl").await,
        HEADING_NEXT,
        "cached page purged"
    );
    assert_eq!(
        heading(&server, "nl-be").await,
        HEADING_NOW,
        "another storefront, same language"
    );

    let status = admin(&server, "GET", "/admin/status", None).await;
    let versions: Vec<(String, serde_json::Value)> = status.body["plugins"]
        .as_array()
        .expect("plugins")
        .iter()
        .map(|p| {
            (
                p["version"].as_str().unwrap_or("").to_owned(),
                p["storefronts"].clone(),
            )
        })
        .collect();
    assert!(
        versions.contains(&("1.1.0".to_owned(), json!(["nl-nl"]))),
        "status lists each version with its storefronts: {versions:?}"
    );

    let server = server.restart();
    assert_eq!(
        heading(&server, "nl-nl").await,
        HEADING_NEXT,
        "kept across a restart"
    );
    assert_eq!(heading(&server, "nl-be").await, HEADING_NOW);
    let listed = admin(&server, "GET", "/admin/plugins", None).await;
    let plugin = &listed.body["plugins"][0];
    assert_eq!(plugin["site_version"], "1.0.0");
    assert_eq!(plugin["uploaded"][0]["version"], "1.1.0");
    assert_eq!(plugin["storefronts"]["nl-nl"], "1.1.0");
    assert_eq!(plugin["activations"][0]["storefronts"], json!(["nl-nl"]));

    let back = admin(
        &server,
        "POST",
        "/admin/plugins/click-and-collect/rollback",
        None,
    )
    .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(back.body["now"]["nl-nl"], "1.0.0");
    assert_eq!(
        heading(&server, "nl-nl").await,
        HEADING_NOW,
        "back in one call"
    );
    let nothing = admin(
        &server,
        "POST",
        "/admin/plugins/click-and-collect/rollback",
        None,
    )
    .await;
    assert_eq!(nothing.status, StatusCode::CONFLICT, "{}", nothing.body);

    let audit = admin(&server, "GET", "/admin/audit?limit=20", None).await;
    let actions: Vec<&str> = audit.body["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in ["upload-plugin", "activate-plugin", "rollback-plugin"] {
        assert!(actions.contains(&action), "{action} audited: {actions:?}");
    }
}

#[tokio::test]
async fn activating_everywhere_then_rolling_back_restores_each_storefronts_version() {
    let server = Server::start();
    assert_eq!(
        upload(&server, "click-and-collect", "1.1.0", next_version(false))
            .await
            .status,
        StatusCode::CREATED
    );
    let path = "/admin/plugins/click-and-collect/activate";
    let one = json!({ "version": "1.1.0", "storefronts": ["nl-be"] });
    assert_eq!(
        admin(&server, "POST", path, Some(one)).await.status,
        StatusCode::OK
    );
    let all = admin(&server, "POST", path, Some(json!({ "version": "1.0.0" }))).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_eq!(
        all.body["storefronts"],
        json!(["de-de", "en-gb", "fr-be", "fr-fr", "nl-be", "nl-nl"]),
        "by default every storefront whose market enables the plugin"
    );
    assert_eq!(heading(&server, "nl-be").await, HEADING_NOW);
    let back = admin(
        &server,
        "POST",
        "/admin/plugins/click-and-collect/rollback",
        None,
    )
    .await;
    assert_eq!(back.body["now"]["nl-be"], "1.1.0", "{}", back.body);
    assert_eq!(back.body["now"]["nl-nl"], "1.0.0");
    assert_eq!(
        heading(&server, "nl-be").await,
        HEADING_NEXT,
        "the version it ran before"
    );
}

#[tokio::test]
async fn broken_packages_are_refused_with_every_problem_and_nothing_is_stored() {
    let server = Server::start();
    let refused = |reply: &crate::harness::admin::AdminReply| {
        reply.body["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .map(|p| {
                let place = p["file"].as_str().or(p["field"].as_str()).unwrap_or("");
                format!(
                    "{place} {} {}",
                    p["key"].as_str().unwrap_or(""),
                    p["rule"].as_str().unwrap_or("")
                )
            })
            .collect::<Vec<String>>()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not an archive",
            b"just some text, not a tar".repeat(40),
            "click-and-collect@2.0.0  ",
        ),
        (
            "a version other than the URL's",
            click_and_collect_as("2.0.1", false, |_| {}),
            "plugin.toml version the version must be the one the upload names",
        ),
        (
            "a message missing in one language",
            click_and_collect_as("2.0.0", false, |p| {
                replace_in(p, "locales/fr/main.ftl", "choose-store", "choose-a-store");
            }),
            "locales/fr choose-store message missing for fr-be, fr-fr",
        ),
        (
            "a component that does not compile",
            click_and_collect_as("2.0.0", false, |p| {
                std::fs::write(p.join("plugin.wasm"), b"\0asm garbage").expect("write");
            }),
            "plugin.wasm  the component fails to compile",
        ),
        (
            "an import it does not declare",
            click_and_collect_as("2.0.0", false, |p| {
                replace_in(p, "plugin.toml", "\"storage\", ", "");
            }),
            "without declaring capability `storage`",
        ),
        (
            "a file that is no part of a package",
            click_and_collect_as("2.0.0", false, |p| {
                std::fs::write(p.join("install.sh"), b"#!/bin/sh").expect("write");
            }),
            "click-and-collect@2.0.0/install.sh  is not part of a package",
        ),
    ];
    for (case, archive, expected) in cases {
        let reply = upload(&server, "click-and-collect", "2.0.0", archive).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{case}: {}",
            reply.body
        );
        let problems = refused(&reply);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{case}: expected `{expected}` in {problems:#?}"
        );
    }
    let unknown = upload(&server, "wishlist", "1.0.0", next_version(false)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    let same = upload(&server, "click-and-collect", "1.0.0", next_version(false)).await;
    assert_eq!(
        same.status,
        StatusCode::CONFLICT,
        "the site's own version: {}",
        same.body
    );
    let odd = upload(
        &server,
        "click-and-collect",
        "1.0%20beta",
        next_version(false),
    )
    .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", odd.body);

    let path = "/admin/plugins/click-and-collect/activate";
    let missing = admin(&server, "POST", path, Some(json!({ "version": "2.0.0" }))).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.body);
    let body = json!({ "version": "1.0.0", "storefronts": ["en-us", "xx-xx"], "when": "now" });
    let wrong = admin(&server, "POST", path, Some(body)).await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    let problems = refused(&wrong);
    assert_eq!(problems.len(), 1, "unknown fields first: {problems:?}");
    let body = json!({ "version": "1.0.0", "storefronts": ["en-us", "xx-xx"] });
    let wrong = admin(&server, "POST", path, Some(body)).await;
    let problems = refused(&wrong);
    assert!(
        problems[0].contains("storefronts[0]") && problems[0].contains("does not enable"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("storefronts[1]") && problems[1].contains("no storefront"),
        "{problems:?}"
    );

    let listed = admin(&server, "GET", "/admin/plugins", None).await;
    assert_eq!(
        listed.body["plugins"][0]["uploaded"],
        json!([]),
        "nothing stored"
    );
    assert_eq!(
        heading(&server, "nl-nl").await,
        HEADING_NOW,
        "the shop kept its version"
    );
}

#[tokio::test]
async fn an_activation_that_would_not_fit_the_plugin_memory_budget_changes_nothing() {
    // Version 1.0.0's calls reserve 7 MiB, 1.2.0's 15 MiB: both do not fit in 16 MiB, but
    // 1.2.0 alone does.
    let server = Server::builder()
        .args(&["--plugin-memory-mib", "16"])
        .start();
    let bigger = click_and_collect_as("1.2.0", false, |package| {
        replace_in(package, "plugin.toml", "memory_mib = 4", "memory_mib = 12");
    });
    let stored = upload(&server, "click-and-collect", "1.2.0", bigger).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    let path = "/admin/plugins/click-and-collect/activate";
    let body = json!({ "version": "1.2.0", "storefronts": ["nl-nl"] });
    let refused = admin(&server, "POST", path, Some(body)).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let rule = refused.body["problems"][0]["rule"]
        .as_str()
        .unwrap_or_default();
    assert!(rule.contains("a call needs 15 MiB"), "{}", refused.body);
    let listed = admin(&server, "GET", "/admin/plugins", None).await;
    assert_eq!(
        listed.body["plugins"][0]["activations"],
        json!([]),
        "nothing recorded"
    );
    assert_eq!(heading(&server, "nl-nl").await, HEADING_NOW);

    let everywhere = admin(&server, "POST", path, Some(json!({ "version": "1.2.0" }))).await;
    assert_eq!(
        everywhere.status,
        StatusCode::OK,
        "alone it fits: {}",
        everywhere.body
    );
    assert_eq!(everywhere.body["now"]["nl-nl"], "1.2.0");
    assert_eq!(
        heading(&server, "nl-nl").await,
        HEADING_NOW,
        "same messages, still served"
    );
}
