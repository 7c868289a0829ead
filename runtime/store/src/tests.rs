use super::*;

async fn db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(dir.path()).await.expect("open");
    (dir, db)
}

#[tokio::test]
async fn adding_twice_sums_quantities() {
    let (_dir, db) = db().await;
    db.add_to_cart("s1", "nl", "tote", 2).await.expect("add");
    db.add_to_cart("s1", "nl", "tote", 3).await.expect("add");
    let cart = db.cart("s1", "nl").await.expect("cart");
    assert_eq!(
        cart,
        [CartItem {
            product: "tote".into(),
            quantity: 5
        }]
    );
    assert!(
        db.cart("s1", "be").await.expect("cart").is_empty(),
        "carts are per market"
    );
}

#[tokio::test]
async fn exceeding_99_units_leaves_the_cart_unchanged() {
    let (_dir, db) = db().await;
    db.add_to_cart("s1", "nl", "tote", 98).await.expect("add");
    assert!(db.add_to_cart("s1", "nl", "tote", 2).await.is_err());
    assert_eq!(db.cart("s1", "nl").await.expect("cart")[0].quantity, 98);
}

#[tokio::test]
async fn placing_an_order_empties_the_cart_and_keeps_prices() {
    let (_dir, db) = db().await;
    db.add_to_cart("s1", "nl", "tote", 2).await.expect("add");
    let order = NewOrder {
        session: "s1".into(),
        market: "nl".into(),
        storefront: "nl-nl".into(),
        currency: "EUR".into(),
        lines: vec![OrderLineRecord {
            product: "tote".into(),
            quantity: 2,
            unit_price: 4900,
        }],
        name: "A".into(),
        email: "a@example.com".into(),
        street: "Kalverstraat 1".into(),
        postcode: "1012 AB".into(),
        city: "Amsterdam".into(),
        country: "NL".into(),
        delivery: Some("click-and-collect:amsterdam".into()),
        delivery_label: Some("Collect at Amsterdam".into()),
    };
    let id = db.place_order(&order).await.expect("order");
    assert!(db.cart("s1", "nl").await.expect("cart").is_empty());
    let stored = db.order(&id).await.expect("query").expect("exists");
    assert_eq!(stored.order.lines, order.lines);
    assert_eq!(stored.order.session, "s1");
    assert_eq!(stored.order.country, "NL");
    assert_eq!(
        stored.order.delivery.as_deref(),
        Some("click-and-collect:amsterdam")
    );
}

#[tokio::test]
async fn the_secret_survives_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = Db::open(dir.path())
        .await
        .expect("open")
        .secret()
        .await
        .expect("secret");
    let second = Db::open(dir.path())
        .await
        .expect("open")
        .secret()
        .await
        .expect("secret");
    assert_eq!(first, second);
    assert_eq!(first.len(), 32);
}

#[tokio::test]
async fn postcode_consent_can_be_granted_and_withdrawn() {
    let (_dir, db) = db().await;
    assert_eq!(db.consented_postcode("s1").await.expect("read"), None);
    db.grant_postcode("s1", "1012 AB").await.expect("grant");
    assert_eq!(
        db.consented_postcode("s1").await.expect("read").as_deref(),
        Some("1012 AB")
    );
    assert_eq!(
        db.consented_postcode("s2").await.expect("read"),
        None,
        "per session"
    );
    db.withdraw_postcode("s1").await.expect("withdraw");
    assert_eq!(db.consented_postcode("s1").await.expect("read"), None);
}

#[tokio::test]
async fn plugin_storage_is_committed_per_call_and_scoped_to_plugin_and_market() {
    let (_dir, db) = db().await;
    let writes = vec![
        ("store:cart1".to_owned(), Some(b"amsterdam".to_vec())),
        ("tmp".to_owned(), Some(b"x".to_vec())),
    ];
    let events = vec![("picked".to_owned(), "{}".to_owned())];
    db.kv_commit("click-and-collect", "nl", &writes, &events)
        .await
        .expect("commit");
    assert_eq!(
        db.kv_get("click-and-collect", "nl", "store:cart1")
            .await
            .expect("get")
            .as_deref(),
        Some(&b"amsterdam"[..])
    );
    assert_eq!(
        db.kv_get("click-and-collect", "be", "store:cart1")
            .await
            .expect("get"),
        None,
        "per market"
    );
    assert_eq!(
        db.kv_get("other-plugin", "nl", "store:cart1")
            .await
            .expect("get"),
        None,
        "per plugin"
    );
    db.kv_commit("click-and-collect", "nl", &[("tmp".to_owned(), None)], &[])
        .await
        .expect("delete");
    assert_eq!(
        db.kv_count("click-and-collect", "nl").await.expect("count"),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_cart_writes_from_many_sessions_all_succeed() {
    let (_dir, db) = db().await;
    let writers = (0..64).map(|i| {
        let db = db.clone();
        tokio::spawn(async move {
            db.add_to_cart(&format!("session-{i}"), "nl", "tote", 1)
                .await
        })
    });
    for writer in writers {
        writer
            .await
            .expect("task")
            .expect("every concurrent write succeeds");
    }
    for i in 0..64 {
        assert_eq!(
            db.cart(&format!("session-{i}"), "nl")
                .await
                .expect("cart")
                .len(),
            1
        );
    }
}

fn batch(prefix: &str, keys: usize, value_bytes: usize) -> Vec<(String, Option<Vec<u8>>)> {
    (0..keys)
        .map(|i| (format!("{prefix}-{i}"), Some(vec![b'v'; value_bytes])))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_commits_cannot_each_spend_the_whole_key_quota() {
    let (_dir, db) = db().await;
    // 120 calls of 100 new keys each race for a 10,000-key quota.
    let commits = (0..120).map(|call| {
        let db = db.clone();
        tokio::spawn(async move {
            db.kv_commit("filler", "nl", &batch(&format!("c{call}"), 100, 1), &[])
                .await
        })
    });
    let mut refused = 0;
    for commit in commits {
        match commit.await.expect("task") {
            Ok(()) => {}
            Err(StoreError::QuotaExceeded { .. }) => refused += 1,
            Err(other) => panic!("unexpected error: {other}"),
        }
    }
    let usage = db.kv_usage("filler", "nl").await.expect("usage");
    assert_eq!(
        usage.keys, MAX_KEYS,
        "the quota is filled exactly, never passed"
    );
    assert_eq!(refused, 20, "every commit past the quota is refused whole");
}

#[tokio::test]
async fn the_byte_quota_holds_and_freeing_space_always_lands() {
    let (_dir, db) = db().await;
    let big = MAX_VALUE_BYTES;
    let per_call = 16;
    let mut landed = 0;
    for call in 0..64 {
        if db
            .kv_commit(
                "filler",
                "be",
                &batch(&format!("b{call}"), per_call, big),
                &[],
            )
            .await
            .is_ok()
        {
            landed += 1;
        }
    }
    let usage = db.kv_usage("filler", "be").await.expect("usage");
    assert!(usage.bytes <= MAX_STORED_BYTES, "{usage:?}");
    assert!(landed < 64 && landed > 0, "{landed} commits landed");
    let frees: Vec<_> = (0..per_call).map(|i| (format!("b0-{i}"), None)).collect();
    db.kv_commit("filler", "be", &frees, &[])
        .await
        .expect("a commit that frees space lands");
    let after = db.kv_usage("filler", "be").await.expect("usage");
    assert_eq!(after.keys, usage.keys - per_call as i64);
}

#[tokio::test]
async fn overwriting_a_key_counts_its_new_size_once() {
    let (_dir, db) = db().await;
    let write = |value: &[u8]| vec![("k".to_owned(), Some(value.to_vec()))];
    db.kv_commit("p", "nl", &write(b"four"), &[])
        .await
        .expect("first");
    db.kv_commit("p", "nl", &write(b"sixsix"), &[])
        .await
        .expect("overwrite");
    let twice = vec![
        ("k".to_owned(), Some(b"x".to_vec())),
        ("k".to_owned(), Some(b"two".to_vec())),
    ];
    db.kv_commit("p", "nl", &twice, &[])
        .await
        .expect("last write wins");
    assert_eq!(
        db.kv_usage("p", "nl").await.expect("usage"),
        KvUsage { keys: 1, bytes: 4 }
    );
    assert_eq!(
        db.kv_get("p", "nl", "k").await.expect("get").as_deref(),
        Some(&b"two"[..])
    );
}

#[tokio::test]
async fn usage_of_a_database_from_before_quotas_is_counted_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let db = Db::open(dir.path()).await.expect("open");
        db.kv_commit("p", "nl", &batch("old", 3, 10), &[])
            .await
            .expect("commit");
        sqlx::query("DROP TABLE plugin_kv_usage")
            .execute(&db.pool)
            .await
            .expect("drop");
        db.close().await;
    }
    let db = Db::open(dir.path()).await.expect("reopen");
    assert_eq!(
        db.kv_usage("p", "nl").await.expect("usage"),
        KvUsage {
            keys: 3,
            bytes: 3 * (5 + 10)
        }
    );
}

fn audit(action: &str) -> AuditEntry {
    AuditEntry {
        action: action.into(),
        target: "canvas-tote".into(),
        result: "ok".into(),
        request_id: "0123456789abcdef".into(),
    }
}

#[tokio::test]
async fn a_recall_survives_reopening_until_it_is_lifted_and_every_step_is_audited() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(dir.path()).await.expect("open");
    let everywhere = NewRecall {
        product: "canvas-tote".into(),
        storefronts: None,
        reason: "strap defect".into(),
    };
    let some = NewRecall {
        storefronts: Some(vec!["fr-be".into(), "nl-be".into()]),
        ..everywhere.clone()
    };
    let first = db
        .recall(&everywhere, &audit("recall"))
        .await
        .expect("recall");
    let second = db.recall(&some, &audit("recall")).await.expect("recall");
    assert_ne!(first.id, second.id);
    db.close().await;

    let db = Db::open(dir.path()).await.expect("reopen");
    let in_effect = db.recalls_in_effect().await.expect("recalls");
    assert_eq!(in_effect.len(), 2, "recalls are durable");
    assert_eq!(
        in_effect[1].recall, some,
        "storefronts read back as recorded"
    );
    let lifted = db.lift_recall(&first.id, &audit("lift-recall")).await;
    assert!(lifted.expect("lift").is_some_and(|r| r.lifted_ms.is_some()));
    let again = db.lift_recall(&first.id, &audit("lift-recall")).await;
    assert_eq!(
        again.expect("lift"),
        None,
        "a lifted recall is not in effect"
    );
    assert_eq!(db.recalls_in_effect().await.expect("recalls").len(), 1);
    assert_eq!(
        db.all_recalls().await.expect("recalls").len(),
        2,
        "history kept"
    );

    let log = db.audit_log(10, None).await.expect("audit");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["lift-recall", "recall", "recall"],
        "newest first; a refused lift leaves no entry of its own here"
    );
    let older = db.audit_log(10, Some(log[0].id)).await.expect("audit");
    assert_eq!(older.len(), 2, "paged by id");
}

#[tokio::test]
async fn uploaded_versions_never_change_and_rollbacks_undo_the_latest_activation_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(dir.path()).await.expect("open");
    let version = |v: &str, archive: &[u8]| NewVersion {
        plugin: "click-and-collect".into(),
        version: v.into(),
        digest: format!("{:x}", archive.len()),
        archive: archive.to_vec(),
    };
    let upload = audit("upload");
    let put = |v: NewVersion| {
        let db = db.clone();
        let upload = upload.clone();
        async move { db.put_plugin_version(&v, &upload).await.expect("put") }
    };
    assert!(matches!(
        put(version("1.1.0", b"one")).await,
        PutVersion::Created(_)
    ));
    assert!(matches!(
        put(version("1.1.0", b"one")).await,
        PutVersion::Unchanged(_)
    ));
    assert!(matches!(
        put(version("1.1.0", b"other")).await,
        PutVersion::Conflict(_)
    ));
    let stored = db.plugin_archive("click-and-collect", "1.1.0").await;
    assert_eq!(stored.expect("archive").as_deref(), Some(&b"one"[..]));

    let storefronts = |ids: &[&str]| ids.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let first = db
        .activate_plugin(
            "click-and-collect",
            "1.1.0",
            &storefronts(&["nl-nl", "fr-be"]),
            &audit("activate"),
        )
        .await
        .expect("activate");
    let second = db
        .activate_plugin(
            "click-and-collect",
            "1.2.0",
            &storefronts(&["nl-nl"]),
            &audit("activate"),
        )
        .await
        .expect("activate");
    db.close().await;

    let db = Db::open(dir.path()).await.expect("reopen");
    assert_eq!(
        db.activations_in_effect().await.expect("read").len(),
        2,
        "durable"
    );
    let undone = db
        .roll_back_plugin("click-and-collect", &audit("rollback"))
        .await;
    assert_eq!(
        undone.expect("rollback").map(|a| a.id),
        Some(second.id),
        "latest first"
    );
    let in_effect = db.activations_in_effect().await.expect("read");
    assert_eq!(in_effect.len(), 1);
    assert_eq!(
        in_effect[0].storefronts,
        ["nl-nl", "fr-be"],
        "read back as recorded"
    );
    let undone = db
        .roll_back_plugin("click-and-collect", &audit("rollback"))
        .await;
    assert_eq!(undone.expect("rollback").map(|a| a.id), Some(first.id));
    let none = db
        .roll_back_plugin("click-and-collect", &audit("rollback"))
        .await;
    assert_eq!(none.expect("rollback"), None, "nothing left to roll back");
    assert_eq!(
        db.all_activations().await.expect("read").len(),
        2,
        "history kept"
    );
    let actions: Vec<String> = db
        .audit_log(10, None)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["rollback", "rollback", "activate", "activate", "upload"],
        "an unchanged or conflicting upload and an empty rollback leave no entry here"
    );
}

fn records(ids: std::ops::Range<usize>, body: impl Fn(usize) -> String) -> Vec<CatalogueRecord> {
    ids.map(|i| CatalogueRecord {
        kind: "product".into(),
        id: format!("p{i:05}"),
        body: body(i),
    })
    .collect()
}

#[tokio::test]
async fn an_import_writes_only_what_changed_and_says_so() {
    let (_dir, db) = db().await;
    let first = records(0..2_500, |i| format!("{{\"price\":{i}}}"));
    let stored = db
        .import_catalogue(&first, &audit("import-catalogue"))
        .await
        .expect("import");
    assert_eq!(
        (
            stored.added,
            stored.changed,
            stored.removed,
            stored.unchanged
        ),
        (2_500, 0, 0, 0)
    );
    let mut second = records(1_200..2_500, |i| format!("{{\"price\":{i}}}"));
    second[0].body = "{\"price\":1}".into();
    let stored = db
        .import_catalogue(&second, &audit("import-catalogue"))
        .await
        .expect("import");
    assert_eq!(
        (
            stored.added,
            stored.changed,
            stored.removed,
            stored.unchanged
        ),
        (0, 1, 1_200, 1_299),
        "the records it does not hold are removed"
    );
    let now = db.catalogue().await.expect("read");
    assert_eq!(now.len(), 1_300);
    assert_eq!(now[0].id, "p01200");
    assert_eq!(now[0].body, "{\"price\":1}");
    let log = db.audit_log(10, None).await.expect("audit");
    assert_eq!(
        log.len(),
        2,
        "each import is in the audit log with its rows"
    );
}
