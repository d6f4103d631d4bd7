//! Area-weighted centroids of TopoJSON polygons (US county outlines).
//!
//! A TopoJSON file stores shared borders once, as arcs. With a `transform`,
//! arc positions are quantized and delta-encoded: the first position of an arc
//! is absolute, each later one is the difference from the previous, and a
//! position is `translate + q * scale`. A polygon ring is a list of arc
//! indexes; a negative index `!i` (`-i - 1`) means arc `i` reversed. Rings
//! share their end points with the next arc's start, which is dropped.
//!
//! The centroid is the area-weighted mean of the ring centroids (shoelace
//! formula) on plain longitude/latitude, holes subtracting by their signed
//! area. At county scale the planar error is far below the point precision a
//! map needs.
use std::collections::BTreeMap;

use serde_json::Value;

/// Decoded geometry: for each object id, its centroid `(lat, lon)`.
pub fn centroids(json: &str, object: &str) -> Result<BTreeMap<String, (f64, f64)>, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let arcs = decode_arcs(&v)?;
    let geoms = v
        .get("objects")
        .and_then(|o| o.get(object))
        .and_then(|o| o.get("geometries"))
        .and_then(Value::as_array)
        .ok_or_else(|| format!("no objects.{object}.geometries array"))?;
    let mut out = BTreeMap::new();
    for g in geoms {
        let Some(id) = g.get("id").and_then(|i| match i {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }) else {
            continue;
        };
        let polygons: Vec<&Value> = match g.get("type").and_then(Value::as_str) {
            Some("Polygon") => g.get("arcs").into_iter().collect(),
            Some("MultiPolygon") => g
                .get("arcs")
                .and_then(Value::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            _ => continue,
        };
        let (mut a_sum, mut x_sum, mut y_sum) = (0.0, 0.0, 0.0);
        for poly in polygons {
            let rings = poly
                .as_array()
                .ok_or_else(|| format!("{id}: polygon is not an array"))?;
            for ring in rings {
                let idx = ring
                    .as_array()
                    .ok_or_else(|| format!("{id}: ring is not an array"))?;
                let pts = ring_points(&arcs, idx).map_err(|e| format!("{id}: {e}"))?;
                let (a, cx, cy) = ring_centroid(&pts);
                a_sum += a;
                x_sum += a * cx;
                y_sum += a * cy;
            }
        }
        if a_sum.abs() > 0.0 {
            out.insert(id, (y_sum / a_sum, x_sum / a_sum));
        }
    }
    Ok(out)
}

/// Decodes all arcs into absolute `(x, y)` positions.
fn decode_arcs(v: &Value) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let (scale, translate) = match v.get("transform") {
        Some(t) => {
            let pair = |k: &str| -> Result<(f64, f64), String> {
                let a = t
                    .get(k)
                    .and_then(Value::as_array)
                    .ok_or(format!("transform.{k} missing"))?;
                let x = a
                    .first()
                    .and_then(Value::as_f64)
                    .ok_or(format!("transform.{k}[0]"))?;
                let y = a
                    .get(1)
                    .and_then(Value::as_f64)
                    .ok_or(format!("transform.{k}[1]"))?;
                Ok((x, y))
            };
            (Some(pair("scale")?), pair("translate")?)
        }
        None => (None, (0.0, 0.0)),
    };
    let arcs = v
        .get("arcs")
        .and_then(Value::as_array)
        .ok_or("no arcs array")?;
    let mut out = Vec::with_capacity(arcs.len());
    for (i, arc) in arcs.iter().enumerate() {
        let pts = arc.as_array().ok_or(format!("arc {i} is not an array"))?;
        let mut decoded = Vec::with_capacity(pts.len());
        let (mut qx, mut qy) = (0.0, 0.0);
        for p in pts {
            let x = p
                .get(0)
                .and_then(Value::as_f64)
                .ok_or(format!("arc {i}: bad position"))?;
            let y = p
                .get(1)
                .and_then(Value::as_f64)
                .ok_or(format!("arc {i}: bad position"))?;
            match scale {
                Some((sx, sy)) => {
                    qx += x;
                    qy += y;
                    decoded.push((translate.0 + qx * sx, translate.1 + qy * sy));
                }
                None => decoded.push((x, y)),
            }
        }
        out.push(decoded);
    }
    Ok(out)
}

/// Stitches a ring from arc indexes (negative = reversed arc `!i`).
fn ring_points(arcs: &[Vec<(f64, f64)>], idx: &[Value]) -> Result<Vec<(f64, f64)>, String> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for i in idx {
        let i = i.as_i64().ok_or("arc index is not an integer")?;
        let (k, rev) = if i < 0 {
            ((!i) as usize, true)
        } else {
            (i as usize, false)
        };
        let arc = arcs.get(k).ok_or(format!("arc index {i} out of range"))?;
        let mut seg: Vec<(f64, f64)> = arc.clone();
        if rev {
            seg.reverse();
        }
        if !pts.is_empty() && !seg.is_empty() {
            seg.remove(0);
        }
        pts.extend(seg);
    }
    Ok(pts)
}

/// Signed area and centroid of a closed ring (shoelace formula).
fn ring_centroid(pts: &[(f64, f64)]) -> (f64, f64, f64) {
    let n = pts.len();
    if n < 3 {
        return (0.0, 0.0, 0.0);
    }
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (x0, y0) = pts[i];
        let (x1, y1) = pts[(i + 1) % n];
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let area = a / 2.0;
    (area, cx / (6.0 * area), cy / (6.0 * area))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×2 square (centroid 1,1) built from two quantized, delta-encoded
    /// arcs, the second used reversed; and a 4×2 rectangle with a 2×2 hole
    /// cut from its left half, whose centroid moves right to x = 3.
    #[test]
    fn decodes_quantized_arcs_and_centroids() {
        let json = r#"{
          "type": "Topology",
          "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
          "arcs": [
            [[0, 0], [4, 0], [0, 4]],
            [[0, 0], [0, 4], [4, 0]],
            [[0, 0], [8, 0], [0, 4], [-8, 0], [0, -4]],
            [[0, 0], [0, 4], [4, 0], [0, -4], [-4, 0]]
          ],
          "objects": {"counties": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "01001", "arcs": [[0, -2]]},
            {"type": "MultiPolygon", "id": "01003", "arcs": [[[2], [3]]]},
            {"type": "Polygon", "id": 1005, "arcs": [[0, -2]]}
          ]}}
        }"#;
        let c = centroids(json, "counties").unwrap();
        let (lat, lon) = c["01001"];
        assert!(
            (lon - 11.0).abs() < 1e-9 && (lat - 21.0).abs() < 1e-9,
            "{lat},{lon}"
        );
        // Rectangle x 10..14, y 20..22 (area 8, centroid 12,21) minus hole
        // x 10..12 (area 4, centroid 11,21): centroid (8*12 - 4*11)/4 = 13.
        let (lat, lon) = c["01003"];
        assert!(
            (lon - 13.0).abs() < 1e-9 && (lat - 21.0).abs() < 1e-9,
            "{lat},{lon}"
        );
        assert!(c.contains_key("1005"));
    }

    #[test]
    fn reports_bad_arc_index() {
        let json = r#"{"arcs": [[[0,0],[1,0],[0,1]]], "objects": {"c": {"geometries": [
            {"type": "Polygon", "id": "x", "arcs": [[5]]}]}}}"#;
        let err = centroids(json, "c").unwrap_err();
        assert!(err.contains("x: arc index 5 out of range"), "{err}");
    }
}
