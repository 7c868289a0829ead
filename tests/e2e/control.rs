//! The control plane as an operator uses it: recalls that take a product off sale in every
//! storefront at once (cached and compressed pages, carts, checkout), survive a restart and
//! can be lifted; purges by tag; the admin API's authentication, limits and audit log.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::admin::{admin, admin_with};
use crate::harness::{ADMIN_TOKEN, Headers, Server, Shopper, attribute_after, client};

/// The storefronts of the demo site.
const STOREFRONTS: [&str; 9] = [
    "ar-ae", "nl-be", "fr-be", "de-ch", "de-de", "fr-fr", "en-gb", "nl-nl", "en-us",
];

/// GET a page with an `Accept-Encoding`; status, `Content-Encoding` and `Surrogate-Key`.
async fn fetch(server: &Server, path: &str, coding: &str) -> (StatusCode, String, String) {
    let response = client()
        .get(server.url(path))
        .header("accept-encoding", coding)
        .send()
        .await
        .expect("GET");
    let encoding = response
        .header("content-encoding")
        .unwrap_or("identity")
        .to_owned();
    let keys = response
        .header("surrogate-key")
        .unwrap_or_default()
        .to_owned();
    (response.status(), encoding, keys)
}

/// Fills the cache with every storefront's home, category and product page in every
/// coding, checking that each says in `Surrogate-Key` that it shows the product.
async fn warm(server: &Server, product: &str, category: &str) {
    for storefront in STOREFRONTS {
        for page in ["", &format!("c/{category}"), &format!("p/{product}")] {
            for coding in ["identity", "gzip", "br"] {
                let (status, _, keys) =
                    fetch(server, &format!("/{storefront}/{page}"), coding).await;
                assert_eq!(status, StatusCode::OK, "/{storefront}/{page}");
                let tag = format!("product:{product}");
                assert!(
                    keys.split(' ').any(|k| k == tag),
                    "/{storefront}/{page}: {keys}"
                );
            }
        }
        fetch(server, &format!("/{storefront}/search?q=canvas"), "br").await;
    }
}

#[tokio::test]
async fn a_recall_takes_a_product_off_sale_in_every_storefront_at_once() {
    let server = Server::start();
    warm(&server, "canvas-tote", "bags").await;
    let (_, encoding, _) = fetch(&server, "/nl-nl/p/canvas-tote", "br").await;
    assert_eq!(encoding, "br", "the compressed variant is cached too");

    let recall = json!({ "product": "canvas-tote", "reason": "strap may tear" });
    let reply = admin(&server, "POST", "/admin/recalls", Some(recall)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(
        reply.body["storefronts_affected"].as_array().map(Vec::len),
        Some(9)
    );
    assert!(
        reply.body["pages_purged"].as_u64() >= Some(9 * 3),
        "{}",
        reply.body
    );

    let mut shopper = server.shopper();
    for storefront in STOREFRONTS {
        for coding in ["identity", "gzip", "br"] {
            let (status, _, _) =
                fetch(&server, &format!("/{storefront}/p/canvas-tote"), coding).await;
            assert_eq!(status, StatusCode::GONE, "{storefront} {coding}");
        }
        for page in ["", "c/bags", "search?q=canvas", "p/linen-shirt"] {
            let body = shopper.get(&format!("/{storefront}/{page}")).await.body;
            assert!(
                !body.contains("/p/canvas-tote"),
                "/{storefront}/{page} still links it"
            );
            assert!(!body.contains("\"sku\": \"canvas-tote\""), "JSON-LD");
        }
    }
    let gone = shopper.get("/nl-nl/p/canvas-tote").await;
    assert!(
        gone.body.contains("Dit product is uit de verkoop genomen."),
        "localised"
    );
    let gone = shopper.get("/fr-be/p/canvas-tote").await;
    assert!(
        gone.body.contains("Ce produit a été retiré de la vente."),
        "localised"
    );
    let added = shopper.add_to_cart("nl-nl", "canvas-tote", "1").await;
    assert_eq!(
        added.status,
        StatusCode::GONE,
        "it cannot be added to a cart"
    );
    assert!(
        added
            .body
            .contains("Dat product is uit de verkoop genomen.")
    );
}

#[tokio::test]
async fn a_recall_in_some_storefronts_leaves_the_others_selling() {
    let server = Server::start();
    warm(&server, "canvas-tote", "bags").await;
    let recall =
        json!({ "product": "canvas-tote", "storefronts": ["fr-be"], "reason": "labelling" });
    let reply = admin(&server, "POST", "/admin/recalls", Some(recall)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["storefronts_affected"], json!(["fr-be"]));
    let (status, _, _) = fetch(&server, "/fr-be/p/canvas-tote", "br").await;
    assert_eq!(status, StatusCode::GONE);
    let mut shopper = server.shopper();
    let nl_be = shopper.get("/nl-be/p/canvas-tote").await;
    assert_eq!(
        nl_be.status,
        StatusCode::OK,
        "same market, other storefront"
    );
    assert!(
        !nl_be.body.contains("/fr-be/p/canvas-tote"),
        "neither an alternate link nor the switcher points at the recalled page"
    );
    assert!(
        nl_be.body.contains("/fr-fr/p/canvas-tote"),
        "other storefronts still do"
    );
}

#[tokio::test]
async fn a_recalled_line_is_flagged_in_the_cart_and_checkout_refuses_it() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.add_to_cart("nl-nl", "canvas-tote", "1").await;
    shopper.add_to_cart("nl-nl", "ceramic-mug", "2").await;
    let recall = json!({ "product": "canvas-tote", "storefronts": ["nl-nl"], "reason": "x" });
    assert_eq!(
        admin(&server, "POST", "/admin/recalls", Some(recall))
            .await
            .status,
        StatusCode::CREATED
    );

    let cart = shopper.get("/nl-nl/cart").await;
    assert!(
        cart.body
            .contains("Niet meer verkrijgbaar: verwijder dit product."),
        "flagged line"
    );
    assert!(
        cart.body
            .contains("Een product in je winkelwagen is uit de verkoop genomen.")
    );
    assert!(
        !cart.body.contains("href=\"/nl-nl/checkout\""),
        "no way to checkout from the cart"
    );
    let checkout = shopper.get("/nl-nl/checkout").await;
    assert!(
        checkout
            .body
            .contains("Een product in je winkelwagen is uit de verkoop genomen.")
    );

    let token = attribute_after(&cart.body, "name=\"csrf\" value=\"").expect("token");
    let placed = place_order(&mut shopper, &token).await;
    assert_eq!(
        placed.status,
        StatusCode::CONFLICT,
        "checkout refuses the recalled line"
    );

    let removed = shopper
        .post(
            "/nl-nl/cart/remove",
            &[("csrf", &token), ("product", "canvas-tote")],
        )
        .await;
    assert_eq!(
        removed.status,
        StatusCode::SEE_OTHER,
        "a recalled line can be removed"
    );
    let placed = place_order(&mut shopper, &token).await;
    assert_eq!(
        placed.status,
        StatusCode::SEE_OTHER,
        "the rest can be bought"
    );
    let order = shopper.get(placed.location().expect("order")).await;
    assert!(
        order.body.contains("€\u{a0}49,00"),
        "2 × 24,50 and nothing for the recalled line"
    );
}

async fn place_order(shopper: &mut Shopper, token: &str) -> crate::harness::Reply {
    let fields = [
        ("csrf", token),
        ("name", "Anna de Vries"),
        ("email", "anna@example.nl"),
        ("street", "Kalverstraat 1"),
        ("postcode", "1012 AB"),
        ("city", "Amsterdam"),
    ];
    shopper.post("/nl-nl/checkout", &fields).await
}

#[tokio::test]
async fn a_recall_survives_a_restart_until_it_is_lifted_and_every_call_is_audited() {
    let server = Server::start();
    let recall = json!({ "product": "wool-scarf", "reason": "dye" });
    let made = admin(&server, "POST", "/admin/recalls", Some(recall)).await;
    let id = made.body["id"].as_str().expect("recall id").to_owned();
    let server = server.restart();
    let (status, _, _) = fetch(&server, "/de-de/p/wool-scarf", "identity").await;
    assert_eq!(status, StatusCode::GONE, "the recall is in the database");
    let listed = admin(&server, "GET", "/admin/recalls", None).await;
    assert_eq!(listed.body["recalls"][0]["id"], json!(id));
    let status = admin(&server, "GET", "/admin/status", None).await;
    assert_eq!(status.body["recalls_in_effect"], json!([id]));

    let mut shopper = server.shopper();
    for _ in 0..2 {
        let home = shopper.get("/de-de/").await;
        assert!(
            !home.body.contains("/de-de/p/wool-scarf"),
            "not listed while recalled"
        );
    }
    let lifted = admin(&server, "DELETE", &format!("/admin/recalls/{id}"), None).await;
    assert_eq!(lifted.status, StatusCode::OK, "{}", lifted.body);
    assert!(lifted.body["lifted_at"].is_string());
    let (status, _, _) = fetch(&server, "/de-de/p/wool-scarf", "identity").await;
    assert_eq!(status, StatusCode::OK, "back on sale");
    let home = shopper.get("/de-de/").await;
    assert!(
        home.body.contains("/de-de/p/wool-scarf"),
        "listed again: the cached home was purged"
    );
    let again = admin(&server, "DELETE", &format!("/admin/recalls/{id}"), None).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);

    let audit = admin(&server, "GET", "/admin/audit", None).await;
    let entries = audit.body["entries"].as_array().expect("entries").clone();
    let summary: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["action"].as_str().unwrap_or(""),
                e["result"].as_str().unwrap_or("")
            )
        })
        .collect();
    let refused = format!("lift-recall refused (404): no recall in effect has the id `{id}`");
    assert_eq!(
        summary,
        [refused.as_str(), "lift-recall ok", "recall ok"],
        "newest first"
    );
    assert_eq!(
        entries[1]["request_id"],
        json!(lifted.request_id),
        "entries name their request"
    );
    assert_eq!(entries[2]["target"], json!("wool-scarf"));
}

#[tokio::test]
async fn purge_by_tag_drops_exactly_the_tagged_pages() {
    let server = Server::start();
    let mut shopper = server.shopper();
    for path in [
        "/nl-nl/",
        "/nl-nl/p/canvas-tote",
        "/nl-nl/c/bags",
        "/fr-fr/p/canvas-tote",
        "/fr-fr/p/ceramic-mug",
    ] {
        shopper.get(path).await;
    }
    let purge = |tags: Value| {
        admin(
            &server,
            "POST",
            "/admin/purge",
            Some(json!({ "tags": tags })),
        )
    };
    let reply = purge(json!(["storefront:nl-nl"])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["pages_purged"], json!(3));
    assert_eq!(
        purge(json!(["storefront:nl-nl"])).await.body["pages_purged"],
        json!(0),
        "gone"
    );
    assert_eq!(
        purge(json!(["product:ceramic-mug"])).await.body["pages_purged"],
        json!(1)
    );
    assert_eq!(
        purge(json!(["market:fr", "locale:fr"])).await.body["pages_purged"],
        json!(1)
    );
    shopper.get("/de-ch/").await;
    let reply = purge(json!(["locale:de-CH", "theme:vitrine"])).await;
    assert_eq!(reply.body["pages_purged"], json!(1), "a page counts once");

    let bad = purge(json!(["storefront:nl-nl", "colour:red", 7])).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = bad.body["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["field"].as_str())
        .collect();
    assert_eq!(fields, ["tags[2]"], "{}", bad.body);
    let unknown = purge(json!(["colour:red"])).await;
    assert_eq!(
        unknown.body["problems"][0]["field"],
        json!("tags[0]"),
        "{}",
        unknown.body
    );
}

#[tokio::test]
async fn the_admin_api_wants_its_token_and_refuses_bad_calls_with_every_problem() {
    let server = Server::start();
    let call = |token| admin_with(&server, "GET", "/admin/status", None, token);
    let missing = call(None).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        missing
            .headers
            .get("www-authenticate")
            .map(|v| v.as_bytes()),
        Some(&b"Bearer"[..])
    );
    assert_eq!(
        call(Some("test-admin-token-012345678")).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(Some(ADMIN_TOKEN)).await.status, StatusCode::OK);

    let bad =
        json!({ "product": "no-such-thing", "storefronts": ["xx-yy"], "reason": "", "colour": 1 });
    let refused = admin(&server, "POST", "/admin/recalls", Some(bad)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields: Vec<&str> = refused.body["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["field"].as_str())
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["colour", "product", "reason", "storefronts[0]"],
        "{}",
        refused.body
    );
    let listed = admin(&server, "GET", "/admin/recalls", None).await;
    assert_eq!(listed.body["recalls"], json!([]), "nothing half-applied");

    let huge = json!({ "tags": vec!["catalogue"; 5000] });
    assert_eq!(
        admin(&server, "POST", "/admin/purge", Some(huge))
            .await
            .status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let not_json = client()
        .post(format!("{}/admin/purge", server.admin_base))
        .header("authorization", format!("Bearer {ADMIN_TOKEN}"))
        .body("tags=catalogue")
        .send()
        .await
        .expect("POST");
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        admin(&server, "GET", "/admin/nothing", None).await.status,
        StatusCode::NOT_FOUND
    );
    let wrong = admin(&server, "GET", "/admin/purge", None).await;
    assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        wrong.headers.get("allow").map(|v| v.as_bytes()),
        Some(&b"POST"[..])
    );
    let shop = server.shopper().get("/admin/status").await;
    assert_eq!(
        shop.status,
        StatusCode::NOT_FOUND,
        "the shop's port has no admin API"
    );
}

#[tokio::test]
async fn without_a_token_the_admin_api_says_how_to_open_it() {
    let server = Server::builder().env("VITRINE_ADMIN_TOKEN", "").start();
    let reply = admin(&server, "GET", "/admin/status", None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let error = reply.body["error"].as_str().unwrap_or_default();
    assert!(error.contains("VITRINE_ADMIN_TOKEN"), "{error}");
}

#[tokio::test]
async fn plugins_no_longer_see_a_recalled_product() {
    let server = Server::start();
    let recall = json!({ "product": "canvas-tote", "storefronts": ["nl-be"], "reason": "x" });
    assert_eq!(
        admin(&server, "POST", "/admin/recalls", Some(recall))
            .await
            .status,
        StatusCode::CREATED
    );
    // Picking a store sends the shopper back to the product when the plugin's catalogue
    // lookup finds it, else to the cart.
    let pick = |storefront: &str| {
        let path = format!("/{storefront}/x/click-and-collect/select-store");
        let mut shopper = server.shopper();
        async move {
            let fields = [("store", "antwerpen-meir"), ("product", "canvas-tote")];
            shopper.post(&path, &fields).await
        }
    };
    assert_eq!(
        pick("nl-be").await.location(),
        Some("/nl-be/cart"),
        "recalled here"
    );
    assert_eq!(
        pick("fr-be").await.location(),
        Some("/fr-be/p/canvas-tote"),
        "not there"
    );
}
