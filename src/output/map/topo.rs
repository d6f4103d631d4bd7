//! Just enough TopoJSON to draw the embedded Natural Earth outlines: a
//! quantized topology whose polygons are rings of shared, delta-encoded
//! arcs (<https://github.com/topojson/topojson-specification>).

use serde_json::Value;

/// A ring of `(lon, lat)` points.
pub type Ring = Vec<(f64, f64)>;

/// The polygons of every geometry in `object`, each a list of rings (the
/// outer ring first), in file order.
///
/// # Errors
///
/// A lowercase message when the document is not the TopoJSON expected.
pub fn polygons(topology: &str, object: &str) -> Result<Vec<Vec<Ring>>, String> {
    let v: Value = serde_json::from_str(topology).map_err(|e| format!("invalid JSON: {e}"))?;
    let pair = |v: Option<&Value>| -> Option<(f64, f64)> {
        let a = v?.as_array()?;
        Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
    };
    let scale = pair(v.pointer("/transform/scale")).unwrap_or((1.0, 1.0));
    let translate = pair(v.pointer("/transform/translate")).unwrap_or((0.0, 0.0));
    let arcs: Vec<Ring> = v
        .get("arcs")
        .and_then(Value::as_array)
        .ok_or("no arcs")?
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.as_array()
                .map(|pts| {
                    pts.iter()
                        .filter_map(|p| pair(Some(p)))
                        .map(|(dx, dy)| {
                            x += dx;
                            y += dy;
                            (x * scale.0 + translate.0, y * scale.1 + translate.1)
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let ring = |idx: &Value| -> Result<Ring, String> {
        let mut out: Ring = vec![];
        for i in idx.as_array().ok_or("a ring is not an array")? {
            let i = i.as_i64().ok_or("an arc index is not an integer")?;
            // A negative index is the one's complement of a reversed arc.
            let (k, rev) = if i < 0 { (!i, true) } else { (i, false) };
            let arc = arcs
                .get(usize::try_from(k).map_err(|_| "bad arc index")?)
                .ok_or("arc index out of range")?;
            let pts: Box<dyn Iterator<Item = &(f64, f64)>> = if rev {
                Box::new(arc.iter().rev())
            } else {
                Box::new(arc.iter())
            };
            // Consecutive arcs share their end points.
            let skip = usize::from(!out.is_empty());
            out.extend(pts.skip(skip));
        }
        Ok(out)
    };
    let geoms = v
        .pointer(&format!("/objects/{object}/geometries"))
        .and_then(Value::as_array)
        .ok_or_else(|| format!("no object {object:?}"))?;
    let mut polys = vec![];
    for g in geoms {
        let arcs = g.get("arcs");
        match g.get("type").and_then(Value::as_str) {
            Some("Polygon") => {
                let rings = arcs.and_then(Value::as_array).ok_or("no arcs")?;
                polys.push(rings.iter().map(ring).collect::<Result<_, _>>()?);
            }
            Some("MultiPolygon") => {
                for p in arcs.and_then(Value::as_array).ok_or("no arcs")? {
                    let rings = p.as_array().ok_or("a polygon is not an array")?;
                    polys.push(rings.iter().map(ring).collect::<Result<_, _>>()?);
                }
            }
            _ => {}
        }
    }
    Ok(polys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_and_reversed_arcs() {
        let topo = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[10,20]},
            "arcs":[[[0,0],[1,0],[0,1]],[[1,1],[-1,0],[0,-1]]],
            "objects":{"o":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","arcs":[[0,1]]},
              {"type":"MultiPolygon","arcs":[[[-2]]]}]}}}"#;
        let p = polygons(topo, "o").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0][0],
            vec![
                (10.0, 20.0),
                (11.0, 20.0),
                (11.0, 21.0),
                (10.0, 21.0),
                (10.0, 20.0)
            ]
        );
        assert_eq!(p[1][0], vec![(10.0, 20.0), (10.0, 21.0), (11.0, 21.0)]);
    }

    #[test]
    fn the_embedded_outlines_decode() {
        let p = polygons(super::super::COUNTRIES_110M, "countries").unwrap();
        assert!(p.len() > 200, "{}", p.len());
        for (lon, lat) in p.iter().flatten().flatten() {
            assert!((-180.0..=180.0).contains(lon) && (-90.0..=90.0).contains(lat));
        }
    }
}
