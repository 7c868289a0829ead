//! Product images served from the site folder on disk, under content-hashed URLs: the
//! bytes of the file, cacheable forever, and never other bytes under the same URL when the
//! file is edited before a reload gives it a new one.

use reqwest::StatusCode;

use crate::harness::admin::admin;
use crate::harness::{Headers, Server, TestSite, attribute_after};

const IMAGE: &str = "site/catalogue/images/wool-scarf.svg";

/// The URL of the product image on a product page.
async fn image_url(server: &Server, product: &str) -> String {
    let page = server.shopper().get(&format!("/en-gb/p/{product}")).await;
    attribute_after(&page.body, "<img class=\"product-image\" src=\"").expect("product image")
}

#[tokio::test]
async fn an_image_is_served_from_its_file_under_a_url_that_names_its_bytes() {
    let site = TestSite::demo();
    let server = site.start(&["--no-watch"]);
    let url = image_url(&server, "wool-scarf").await;
    let image = server.shopper().get(&url).await;
    assert_eq!(image.status, StatusCode::OK);
    let file =
        std::fs::read_to_string(site.site.parent().expect("root").join(IMAGE)).expect("image file");
    assert_eq!(image.body, file, "the file's bytes");
    assert_eq!(image.header("content-type"), Some("image/svg+xml"));
    assert_eq!(
        image.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
}

#[tokio::test]
async fn an_image_edited_on_disk_is_never_served_under_its_old_url() {
    let site = TestSite::demo();
    let server = site.start(&["--no-watch"]);
    let old = image_url(&server, "wool-scarf").await;
    site.replace(IMAGE, "<svg", "<svg data-edited=\"yes\"");
    let stale = server.shopper().get(&old).await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND, "{}", stale.body);
    assert!(
        server
            .wait_for_log(
                |l| l.contains("asset file not served") && l.contains("changed on disk"),
                std::time::Duration::from_secs(5),
            )
            .is_some(),
        "the operator is told why"
    );
    let reloaded = admin(&server, "POST", "/admin/reload", None).await;
    assert_eq!(reloaded.status, StatusCode::OK, "{:?}", reloaded.body);
    let new = image_url(&server, "wool-scarf").await;
    assert_ne!(new, old, "a new URL for new bytes");
    let image = server.shopper().get(&new).await;
    assert_eq!(image.status, StatusCode::OK);
    assert!(image.body.contains("data-edited=\"yes\""), "{}", image.body);
    assert_eq!(
        server.shopper().get(&old).await.status,
        StatusCode::NOT_FOUND
    );
}
