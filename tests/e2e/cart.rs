//! The cart and checkout through plain HTML forms: happy paths, durability, and every kind of
//! bad input answered with a localised 4xx and the cart unchanged.

use reqwest::StatusCode;

use crate::harness::{Headers, Server, Shopper, attribute_after, cart_lines};

fn lines(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(p, q)| ((*p).to_owned(), (*q).to_owned()))
        .collect()
}

#[tokio::test]
async fn adding_to_the_cart_sets_a_safe_session_cookie_and_redirects() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let reply = shopper.add_to_cart("nl-be", "canvas-tote", "2").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), Some("/nl-be/cart"));
    let cookie = reply.header("set-cookie").expect("cookie").to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(
        cart_lines(&mut shopper, "nl-be").await,
        lines(&[("canvas-tote", "2")])
    );
    shopper.add_to_cart("nl-be", "canvas-tote", "1").await;
    assert_eq!(
        cart_lines(&mut shopper, "nl-be").await,
        lines(&[("canvas-tote", "3")])
    );
}

#[tokio::test]
async fn carts_are_kept_per_market() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.add_to_cart("nl-be", "canvas-tote", "1").await;
    assert!(cart_lines(&mut shopper, "nl-nl").await.is_empty());
    assert_eq!(
        cart_lines(&mut shopper, "fr-be").await,
        lines(&[("canvas-tote", "1")]),
        "same market, other language"
    );
}

#[tokio::test]
async fn update_and_remove_change_the_cart() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.add_to_cart("de-de", "ceramic-mug", "1").await;
    shopper.add_to_cart("de-de", "wool-scarf", "1").await;
    let token = shopper.csrf("/de-de/cart").await;
    let reply = shopper
        .post(
            "/de-de/cart/update",
            &[
                ("csrf", &token),
                ("product", "ceramic-mug"),
                ("quantity", "4"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let reply = shopper
        .post(
            "/de-de/cart/remove",
            &[("csrf", &token), ("product", "wool-scarf")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        cart_lines(&mut shopper, "de-de").await,
        lines(&[("ceramic-mug", "4")])
    );
}

/// `(action, form fields, expected status, expected message fragment)`.
type BadPost<'a> = (&'a str, Vec<(&'a str, &'a str)>, StatusCode, &'a str);

async fn shopper_with_a_cart(server: &Server) -> (Shopper, String) {
    let mut shopper = server.shopper();
    shopper.add_to_cart("fr-fr", "canvas-tote", "2").await;
    let token = shopper.csrf("/fr-fr/cart").await;
    (shopper, token)
}

#[tokio::test]
async fn bad_cart_input_gets_a_localised_4xx_and_leaves_the_cart_unchanged() {
    let server = Server::start();
    let (mut shopper, token) = shopper_with_a_cart(&server).await;
    let before = lines(&[("canvas-tote", "2")]);
    let cases: Vec<BadPost<'_>> = vec![
        (
            "add",
            vec![("csrf", &token), ("product", "unicorn"), ("quantity", "1")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "n’existe pas",
        ),
        (
            "add",
            vec![
                ("csrf", &token),
                ("product", "canvas-tote"),
                ("quantity", "0"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "entre 1 et 99",
        ),
        (
            "add",
            vec![
                ("csrf", &token),
                ("product", "canvas-tote"),
                ("quantity", "-3"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "entre 1 et 99",
        ),
        (
            "add",
            vec![
                ("csrf", &token),
                ("product", "canvas-tote"),
                ("quantity", "100"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "entre 1 et 99",
        ),
        (
            "add",
            vec![
                ("csrf", &token),
                ("product", "canvas-tote"),
                ("quantity", "98"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "entre 1 et 99",
        ),
        (
            "add",
            vec![
                ("csrf", &token),
                ("product", "canvas-tote"),
                ("quantity", "two"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "entre 1 et 99",
        ),
        (
            "add",
            vec![("csrf", &token), ("quantity", "1")],
            StatusCode::BAD_REQUEST,
            "n’a pas pu être lue",
        ),
        (
            "add",
            vec![
                ("csrf", "0000"),
                ("product", "canvas-tote"),
                ("quantity", "1"),
            ],
            StatusCode::FORBIDDEN,
            "session a expiré",
        ),
        (
            "add",
            vec![("product", "canvas-tote"), ("quantity", "1")],
            StatusCode::FORBIDDEN,
            "session a expiré",
        ),
        (
            "update",
            vec![
                ("csrf", &token),
                ("product", "canvas-tote"),
                ("quantity", "0"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "entre 1 et 99",
        ),
        (
            "update",
            vec![
                ("csrf", &token),
                ("product", "ceramic-mug"),
                ("quantity", "2"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "n’existe pas",
        ),
        (
            "remove",
            vec![("csrf", &token), ("product", "sunglasses")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "n’existe pas",
        ),
    ];
    for (action, fields, status, message) in cases {
        let reply = shopper
            .post(&format!("/fr-fr/cart/{action}"), &fields)
            .await;
        assert_eq!(reply.status, status, "{action} {fields:?}");
        assert!(
            reply.body.contains(message),
            "{action} {fields:?}: expected «{message}» in the page"
        );
        assert!(reply.body.contains("lang=\"fr-FR\""), "localised page");
        assert_eq!(
            cart_lines(&mut shopper, "fr-fr").await,
            before,
            "{action} {fields:?} changed the cart"
        );
    }
}

#[tokio::test]
async fn a_product_not_sold_in_the_market_cannot_be_added() {
    let server = Server::start();
    let mut shopper = server.shopper();
    let reply = shopper.add_to_cart("ar-ae", "wool-scarf", "1").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("dir=\"rtl\""));
    assert!(
        reply.headers.get("set-cookie").is_none(),
        "no session for a rejected request"
    );
}

#[tokio::test]
async fn oversized_and_malformed_forms_are_refused() {
    let server = Server::start();
    let (mut shopper, token) = shopper_with_a_cart(&server).await;
    let before = lines(&[("canvas-tote", "2")]);
    let huge = format!(
        "csrf={token}&product=canvas-tote&quantity=1&pad={}",
        "x".repeat(64 * 1024)
    );
    let reply = shopper
        .post_raw(
            "/fr-fr/cart/add",
            "application/x-www-form-urlencoded",
            huge.into_bytes(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.body.contains("trop volumineuse"), "localised 413");
    let json = format!("{{\"csrf\":\"{token}\",\"product\":\"canvas-tote\",\"quantity\":1}}");
    let reply = shopper
        .post_raw("/fr-fr/cart/add", "application/json", json.into_bytes())
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = shopper
        .post_raw(
            "/fr-fr/cart/add",
            "application/x-www-form-urlencoded",
            vec![0xff, 0xfe, 0x00],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(cart_lines(&mut shopper, "fr-fr").await, before);
}

#[tokio::test]
async fn a_cross_site_form_post_without_a_session_is_refused() {
    let server = Server::start();
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = crate::harness::client()
            .post(server.url("/en-gb/cart/add"))
            .header(header, value)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("product=canvas-tote&quantity=1")
            .send()
            .await
            .expect("POST");
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{header}: {value}"
        );
        assert!(response.headers().get("set-cookie").is_none());
    }
}

#[tokio::test]
async fn the_cart_survives_a_restart_and_a_kill_9() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.add_to_cart("en-gb", "rain-jacket", "2").await;
    let cookie = shopper.cookie.clone();
    let server = server.restart();
    let mut again = server.shopper();
    again.cookie = cookie.clone();
    assert_eq!(
        cart_lines(&mut again, "en-gb").await,
        lines(&[("rain-jacket", "2")])
    );
    again.add_to_cart("en-gb", "wool-scarf", "1").await;
    let server = server.crash_and_restart();
    let mut after_crash = server.shopper();
    after_crash.cookie = cookie;
    assert_eq!(
        cart_lines(&mut after_crash, "en-gb").await,
        lines(&[("rain-jacket", "2"), ("wool-scarf", "1")])
    );
}

#[tokio::test]
async fn checkout_records_the_order_and_shows_a_confirmation() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.add_to_cart("nl-nl", "leather-weekender", "1").await;
    shopper.add_to_cart("nl-nl", "ceramic-mug", "2").await;
    let form = shopper.get("/nl-nl/checkout").await;
    assert!(form.body.contains("autocomplete=\"postal-code\""));
    assert!(
        form.body.contains("Betalen hoort niet bij deze demowinkel"),
        "the page is honest about payment"
    );
    let token = attribute_after(&form.body, "name=\"csrf\" value=\"").expect("token");
    let fields = [
        ("csrf", token.as_str()),
        ("name", "Anna de Vries"),
        ("email", "anna@example.nl"),
        ("street", "Kalverstraat 1"),
        ("postcode", "1012 AB"),
        ("city", "Amsterdam"),
    ];
    let reply = shopper.post("/nl-nl/checkout", &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.location().expect("location").to_owned();
    assert!(location.starts_with("/nl-nl/orders/VT-"), "{location}");
    let order = shopper.get(&location).await;
    assert_eq!(order.status, StatusCode::OK);
    assert!(order.body.contains("Kalverstraat 1"));
    assert!(
        order.body.contains("€\u{a0}1.283,56"),
        "1234,56 + 2 × 24,50"
    );
    assert!(
        cart_lines(&mut shopper, "nl-nl").await.is_empty(),
        "the cart is emptied"
    );
    let mut stranger = server.shopper();
    assert_eq!(
        stranger.get(&location).await.status,
        StatusCode::NOT_FOUND,
        "orders are private to their session"
    );
    let server = server.restart();
    let mut back = server.shopper();
    back.cookie = shopper.cookie.clone();
    assert_eq!(
        back.get(&location).await.status,
        StatusCode::OK,
        "orders survive a restart"
    );
}

#[tokio::test]
async fn checkout_errors_name_the_fields_and_keep_the_input() {
    let server = Server::start();
    let mut shopper = server.shopper();
    shopper.add_to_cart("de-de", "ceramic-mug", "1").await;
    let token = shopper.csrf("/de-de/checkout").await;
    let fields = [
        ("csrf", token.as_str()),
        ("name", "Max"),
        ("email", "kein-email"),
        ("street", ""),
        ("postcode", "10115"),
        ("city", "Berlin"),
    ];
    let reply = shopper.post("/de-de/checkout", &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("id=\"f-email-error\""));
    assert!(reply.body.contains("id=\"f-street-error\""));
    assert!(reply.body.contains("value=\"Berlin\""), "input kept");
    assert_eq!(
        cart_lines(&mut shopper, "de-de").await,
        lines(&[("ceramic-mug", "1")])
    );
}

/// Regression: concurrent first posts (each starting its own session and transaction) were
/// refused with "database is locked" when SQLite could not upgrade a read lock.
#[tokio::test]
async fn concurrent_cart_posts_from_many_shoppers_all_succeed() {
    let server = Server::start();
    let url = server.url("/en-gb/cart/add");
    let posts = (0..48).map(|_| {
        let url = url.clone();
        tokio::spawn(async move {
            crate::harness::client()
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("product=canvas-tote&quantity=1")
                .send()
                .await
                .map(|r| r.status())
        })
    });
    let statuses: Vec<StatusCode> = statuses_of(posts).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
}

async fn statuses_of(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<reqwest::Result<StatusCode>>>,
) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        statuses.push(task.await.expect("task").expect("response"));
    }
    statuses
}
