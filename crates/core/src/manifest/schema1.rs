//! Docker image manifest schema 1 (`docs/spec/manifest-v2-1.md`): legacy, rejected by GitLab.

use super::advice;
use super::checks::{schema_version, Analysis};
use super::descriptor::{self as desc, missing, req_str, wrong_type};
use super::findings::{child, index, Ctx};
use super::media;
use crate::json::Value;

pub(super) fn schema1(ctx: &mut Ctx, root: &Value, path: &str, signed: bool, a: &mut Analysis) {
    advice::schema1(ctx, root, path, signed);
    if root.as_object().is_none() {
        return;
    }
    schema_version(ctx, root, path, 1);
    for key in ["name", "tag", "architecture"] {
        req_str(ctx, root, path, key);
    }
    let fs_len = match root.get("fsLayers") {
        None => {
            missing(ctx, path, root, "fsLayers");
            None
        }
        Some(v) => match v.as_array() {
            None => {
                wrong_type(ctx, &child(path, "fsLayers"), v, "array");
                None
            }
            Some(items) => {
                a.references += items.len();
                for (i, item) in items.iter().enumerate() {
                    let p = index(&child(path, "fsLayers"), i);
                    if item.as_object().is_none() {
                        wrong_type(ctx, &p, item, "object");
                    } else if let Some(b) = item.get("blobSum") {
                        desc::digest(ctx, b, &child(&p, "blobSum"));
                    } else {
                        missing(ctx, &p, item, "blobSum");
                    }
                }
                Some(items.len())
            }
        },
    };
    let hist_len = match root.get("history") {
        None => {
            missing(ctx, path, root, "history");
            None
        }
        Some(v) => match v.as_array() {
            None => {
                wrong_type(ctx, &child(path, "history"), v, "array");
                None
            }
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = index(&child(path, "history"), i);
                    if item.as_object().is_none() {
                        wrong_type(ctx, &p, item, "object");
                    } else {
                        req_str(ctx, item, &p, "v1Compatibility");
                    }
                }
                Some(items.len())
            }
        },
    };
    if let (Some(f), Some(h)) = (fs_len, hist_len) {
        if f != h {
            ctx.error(
                "schema1-history-mismatch",
                &child(path, "history"),
                root.get("history"),
                format!("`history` has {h} entries but `fsLayers` has {f}; schema 1 needs one per layer."),
                format!("`history` のエントリは {h} 個ですが、`fsLayers` は {f} 個です。スキーマ 1 ではレイヤーごとに 1 つ必要です。"),
            );
        }
    }
    match root.get("signatures") {
        None if root.get("mediaType").and_then(Value::as_str) == Some(media::DOCKER_V1_SIGNED) => {
            missing(ctx, path, root, "signatures")
        }
        None => {}
        Some(v) => match v.as_array() {
            None => wrong_type(ctx, &child(path, "signatures"), v, "array"),
            Some(sigs) => {
                for (i, s) in sigs.iter().enumerate() {
                    let p = index(&child(path, "signatures"), i);
                    if s.as_object().is_none() {
                        wrong_type(ctx, &p, s, "object");
                        continue;
                    }
                    match s.get("header") {
                        None => missing(ctx, &p, s, "header"),
                        Some(h) if h.as_object().is_none() => wrong_type(ctx, &child(&p, "header"), h, "object"),
                        Some(_) => {}
                    }
                    req_str(ctx, s, &p, "signature");
                    req_str(ctx, s, &p, "protected");
                }
            }
        },
    }
}
