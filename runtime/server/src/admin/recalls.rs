//! `/admin/recalls`: take a product off sale in every storefront (or some) with one call,
//! list the recalls in effect, lift one. The recall is in the database first, then in the
//! snapshot every request reads, and the pages showing the product are purged in the same
//! step; when the call returns, every storefront of this node has stopped offering it.

use std::collections::BTreeSet;

use hyper::StatusCode;
use serde_json::{Value, json};
use vitrine_site::{Purge, RecallScope, Recalls, Site, Tag};
use vitrine_store::{AuditEntry, Db, NewRecall, RecallRecord, StoreError};

use super::input::Fields;
use super::reply::{ApiError, Reply, timestamp};
use crate::AppState;

/// The longest reason an operator may give.
const MAX_REASON_CHARS: usize = 500;

/// The recalls in effect, as the snapshot carries them.
pub async fn in_effect(db: &Db) -> Result<Recalls, StoreError> {
    Ok(recall_set(&db.recalls_in_effect().await?))
}

fn recall_set(records: &[RecallRecord]) -> Recalls {
    Recalls::new(
        records
            .iter()
            .map(|r| (r.recall.product.clone(), scope_of(&r.recall))),
    )
}

fn scope_of(recall: &NewRecall) -> RecallScope {
    match &recall.storefronts {
        None => RecallScope::Everywhere,
        Some(ids) => RecallScope::Storefronts(ids.iter().cloned().collect()),
    }
}

/// `POST /admin/recalls` `{"product", "storefronts"?, "reason"}`.
pub async fn create(
    state: &AppState,
    mut fields: Fields,
    request_id: &str,
) -> Result<Reply, ApiError> {
    let site = state.snapshot().site.clone();
    let recall = read(&site, &mut fields);
    fields.finish()?;
    let Some(recall) = recall else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the request is not valid",
        ));
    };
    let audit = AuditEntry {
        action: "recall".into(),
        target: recall.product.clone(),
        result: "ok".into(),
        request_id: request_id.to_owned(),
    };
    let _control = state.control().await;
    let db = state.db();
    let record = db
        .recall(&recall, &audit)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let purged = apply(state).await?;
    let mut body = view(&record);
    body["storefronts_affected"] = json!(affected(&site, &record.recall));
    body["pages_purged"] = json!(purged);
    tracing::info!(recall = %record.id, product = %recall.product, purged, "product recalled");
    Ok(Reply::created(recall.product, body).audited())
}

/// `DELETE /admin/recalls/{id}`.
pub async fn lift(state: &AppState, id: &str, request_id: &str) -> Result<Reply, ApiError> {
    let audit = AuditEntry {
        action: "lift-recall".into(),
        target: id.to_owned(),
        result: "ok".into(),
        request_id: request_id.to_owned(),
    };
    let _control = state.control().await;
    let lifted = state
        .db()
        .lift_recall(id, &audit)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let Some(record) = lifted else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no recall in effect has the id `{id}`"),
        ));
    };
    let purged = apply(state).await?;
    let mut body = view(&record);
    body["pages_purged"] = json!(purged);
    tracing::info!(recall = %id, product = %record.recall.product, purged, "recall lifted");
    Ok(Reply::ok(id, body).audited())
}

/// `GET /admin/recalls[?all=true]`: the recalls in effect, or every recall ever made.
pub async fn list(state: &AppState, all: bool) -> Result<Reply, ApiError> {
    let db = state.db();
    let records = if all {
        db.all_recalls().await
    } else {
        db.recalls_in_effect().await
    }
    .map_err(|e| ApiError::unavailable(&e))?;
    let recalls: Vec<Value> = records.iter().map(view).collect();
    Ok(Reply::ok("recalls", json!({ "recalls": recalls })))
}

/// Rebuilds the snapshot's recalls from the database and publishes them with the purge
/// they need; returns how many pages were dropped.
async fn apply(state: &AppState) -> Result<usize, ApiError> {
    let records = state
        .db()
        .recalls_in_effect()
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let current = state.snapshot();
    let next = recall_set(&records);
    let tags = purged_tags(&current.site, &current.recalls, &next);
    Ok(state.publish(current.with_recalls(next), &Purge::Tags(tags)))
}

/// What a change of recalls makes stale: every page naming a product whose recalls changed
/// (its own, listings, other storefronts' alternates) and, when a product comes back
/// somewhere, the listings that left it out (they do not name it, so they go by
/// `catalogue`).
fn purged_tags(site: &Site, before: &Recalls, after: &Recalls) -> Vec<String> {
    // Only products recalled before or after can have changed.
    let candidates: BTreeSet<&str> = before.products().chain(after.products()).collect();
    let mut tags = Vec::new();
    let mut returned = false;
    for product in candidates {
        let mut changed = false;
        for storefront in &site.storefronts {
            let (was, is) = (
                before.covers(product, &storefront.id),
                after.covers(product, &storefront.id),
            );
            changed |= was != is;
            returned |= was && !is;
        }
        if changed {
            tags.push(Tag::Product(product).to_string());
        }
    }
    if returned {
        tags.push(Tag::Catalogue.to_string());
    }
    tags
}

fn read(site: &Site, fields: &mut Fields) -> Option<NewRecall> {
    let product = fields.text("product", 200);
    let storefronts = fields.list("storefronts", site.storefronts.len().max(1));
    let reason = fields.text("reason", MAX_REASON_CHARS);
    let product = match product {
        Some(id) if !site.products.contains_key(&id) => {
            fields.problem("product", &format!("no product has the id `{id}`"))
        }
        known => known,
    };
    let storefronts = match storefronts {
        Some(list) if !known_storefronts(site, list.as_deref(), fields) => None,
        known => known,
    };
    Some(NewRecall {
        product: product?,
        storefronts: storefronts?.map(dedup),
        reason: reason?,
    })
}

fn known_storefronts(site: &Site, list: Option<&[String]>, fields: &mut Fields) -> bool {
    let mut known = true;
    for (i, id) in list.unwrap_or_default().iter().enumerate() {
        if site.storefront(id).is_none() {
            fields.problem::<()>(
                &format!("storefronts[{i}]"),
                &format!("no storefront has the id `{id}`"),
            );
            known = false;
        }
    }
    known
}

fn dedup(list: Vec<String>) -> Vec<String> {
    let set: BTreeSet<String> = list.into_iter().collect();
    set.into_iter().collect()
}

/// The storefronts a recall takes the product out of (those whose market sells it).
fn affected(site: &Site, recall: &NewRecall) -> Vec<String> {
    scope_of(recall)
        .storefronts_in(site)
        .into_iter()
        .filter(|s| site.market_of(s).sells(&recall.product))
        .map(|s| s.id.clone())
        .collect()
}

fn view(record: &RecallRecord) -> Value {
    json!({
        "id": record.id,
        "product": record.recall.product,
        "storefronts": record.recall.storefronts,
        "reason": record.recall.reason,
        "created_at": timestamp(record.created_ms),
        "lifted_at": record.lifted_ms.map(timestamp),
    })
}
