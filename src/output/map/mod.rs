//! A world map of the places an output mentions, as SVG (and PNG, see
//! [`png`]): Natural Earth country outlines in an equirectangular
//! projection, one circle per place with its area proportional to its
//! mentions, the most mentioned places labelled, a title and a legend.
//!
//! Circles say how precise they are: cities are filled, regions lighter,
//! countries a dashed ring, so a country mention does not look like a town.
//! The SVG names a generic font family and needs no font file; the PNG
//! renderer embeds DejaVu Sans.
//!
//! ```no_run
//! use gazetag::output::{map, readback};
//!
//! let rb = readback::read_path("out.csv".as_ref())?;
//! let svg = map::svg(&rb, &map::MapOptions::default());
//! std::fs::write("map.svg", svg)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The outlines are Natural Earth's 1:110m countries (public domain), as
//! TopoJSON from the world-atlas package (ISC licence, see
//! `LICENSE-world-atlas` beside this file), embedded in the binary (108 KB).

use std::fmt::Write as _;

use super::readback::{EntityCount, Readback};
use crate::entity::Kind;

#[cfg(feature = "png")]
pub mod png;
mod topo;

/// Natural Earth 1:110m countries, TopoJSON (world-atlas 2).
pub const COUNTRIES_110M: &str = include_str!("countries-110m.json");

/// The font families the SVG asks for; the PNG renderer provides the first.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

/// What to draw.
#[derive(Clone, Debug)]
pub struct MapOptions {
    /// The title line; the subtitle gives the counts.
    pub title: String,
    /// How many of the most mentioned places get a label.
    pub labels: usize,
    /// Width in pixels (the height follows).
    pub width: f64,
}

impl Default for MapOptions {
    fn default() -> MapOptions {
        MapOptions {
            title: "Places mentioned".into(),
            labels: 12,
            width: 1200.0,
        }
    }
}

/// The latitudes shown: the inhabited world, not Antarctica.
const LAT_TOP: f64 = 84.0;
const LAT_BOTTOM: f64 = -58.0;
const HEADER: f64 = 64.0;
const FOOTER: f64 = 84.0;
const CITY: &str = "#c0392b";
const REGION: &str = "#e67e22";
const COUNTRY: &str = "#2c7fb8";

/// The map as an SVG document.
pub fn svg(rb: &Readback, opts: &MapOptions) -> String {
    let w = opts.width;
    let k = w / 360.0;
    let map_h = (LAT_TOP - LAT_BOTTOM) * k;
    let h = HEADER + map_h + FOOTER;
    let proj = |lon: f64, lat: f64| ((lon + 180.0) * k, HEADER + (LAT_TOP - lat) * k);
    let places: Vec<&EntityCount> = rb
        .entities
        .iter()
        .filter(|e| e.kind.is_place() && e.coord.is_some() && e.mentions > 0)
        .collect();
    let max = places.iter().map(|p| p.mentions).max().unwrap_or(1);
    let r_max = (w / 40.0).max(8.0);
    let radius = |m: u64| (r_max * (m as f64 / max as f64).sqrt()).max(2.5);

    let mut s = String::with_capacity(1 << 18);
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"{FONT_FAMILY}\">"
    );
    let _ = write!(
        s,
        "<defs><clipPath id=\"map\"><rect x=\"0\" y=\"{HEADER}\" width=\"{w:.0}\" height=\"{map_h:.1}\"/></clipPath></defs>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <rect x=\"0\" y=\"{HEADER}\" width=\"{w:.0}\" height=\"{map_h:.1}\" fill=\"#dbe8f1\"/>\n"
    );

    // Outlines: one path for all land, thin borders.
    s.push_str("<g clip-path=\"url(#map)\"><path fill=\"#f3f0e8\" stroke=\"#a9a293\" stroke-width=\"0.5\" stroke-linejoin=\"round\" d=\"");
    // The embedded file is tested; a broken one draws no land, not a panic.
    for poly in topo::polygons(COUNTRIES_110M, "countries").unwrap_or_default() {
        for ring in poly {
            let ring = unwrap(&ring);
            let (lo, hi) = ring.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
                (lo.min(p.0), hi.max(p.0))
            });
            // A ring across the antimeridian is drawn on both sides; the
            // clip path cuts what falls outside the map.
            let mut shifts = vec![0.0];
            if lo < -180.0 {
                shifts.push(360.0);
            }
            if hi > 180.0 {
                shifts.push(-360.0);
            }
            for shift in shifts {
                for (i, &(lon, lat)) in ring.iter().enumerate() {
                    let (x, y) = proj(lon + shift, lat);
                    let _ = write!(s, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
                }
                s.push('Z');
            }
        }
    }
    s.push_str("\"/>\n");

    // Circles, largest first so small ones stay visible on top.
    let mut by_size = places.clone();
    by_size.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    for p in &by_size {
        let (lat, lon) = p.coord.unwrap_or_default();
        let (x, y) = proj(lon, lat);
        let _ = write!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" {}><title>",
            radius(p.mentions),
            style(p.kind)
        );
        escape(
            &mut s,
            &format!("{} ({}): {} mention(s)", p.name, p.kind, p.mentions),
        );
        s.push_str("</title></circle>\n");
    }
    s.push_str("</g>\n");

    // Labels for the most mentioned places, skipping any that would
    // overlap a label already placed.
    let size = 12.0;
    let mut boxes: Vec<(f64, f64, f64, f64)> = vec![];
    for p in places.iter().take(opts.labels) {
        let (lat, lon) = p.coord.unwrap_or_default();
        let (x, y) = proj(lon, lat);
        let r = radius(p.mentions);
        let text = format!("{} ({})", p.name, p.mentions);
        let tw = text.chars().count() as f64 * size * 0.6;
        let right = (x + r + 3.0, y - size / 2.0, tw, size);
        let left = (x - r - 3.0 - tw, y - size / 2.0, tw, size);
        let fits = |b: &(f64, f64, f64, f64)| {
            b.0 >= 0.0
                && b.0 + b.2 <= w
                && !boxes.iter().any(|o| {
                    b.0 < o.0 + o.2 && o.0 < b.0 + b.2 && b.1 < o.1 + o.3 && o.1 < b.1 + b.3
                })
        };
        let Some(b) = [right, left].into_iter().find(fits) else {
            continue;
        };
        boxes.push(b);
        let baseline = y + size * 0.35;
        for halo in [true, false] {
            let paint = if halo {
                "fill=\"#ffffff\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\""
            } else {
                "fill=\"#222222\""
            };
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{baseline:.1}\" font-size=\"{size}\" {paint}>",
                b.0
            );
            escape(&mut s, &text);
            s.push_str("</text>\n");
        }
    }

    // Title and subtitle.
    let _ = write!(
        s,
        "<text x=\"16\" y=\"30\" font-size=\"22\" font-weight=\"bold\" fill=\"#222222\">"
    );
    escape(&mut s, &opts.title);
    s.push_str("</text>\n");
    let mentions: u64 = places.iter().map(|p| p.mentions).sum();
    let mut sub = format!("{mentions} mention(s) of {} place(s)", places.len());
    if rb.documents > 0 {
        let _ = write!(sub, " in {} document(s)", rb.documents);
    }
    if places.is_empty() {
        sub = "no places mentioned".into();
    }
    let _ = write!(
        s,
        "<text x=\"16\" y=\"52\" font-size=\"13\" fill=\"#555555\">"
    );
    escape(&mut s, &sub);
    s.push_str("</text>\n");

    // Legend: sizes, then what the styles mean, then credits.
    let ly = HEADER + map_h + 34.0;
    let mut x = 24.0;
    let mut samples = vec![max, (max / 4).max(1), 1];
    samples.dedup();
    for m in samples {
        let r = radius(m);
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{ly:.1}\" r=\"{r:.1}\" fill=\"none\" stroke=\"#555555\"/>",
            x + r
        );
        let label = format!("{m} mention(s)");
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#333333\">{label}</text>",
            x + 2.0 * r + 6.0,
            ly + 4.0
        );
        x += 2.0 * r + 6.0 + label.len() as f64 * 12.0 * 0.6 + 24.0;
    }
    x += 20.0;
    for kind in [Kind::City, Kind::Region, Kind::Country] {
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{ly:.1}\" r=\"7\" {}/>",
            x + 7.0,
            style(kind)
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#333333\">{kind}</text>",
            x + 20.0,
            ly + 4.0
        );
        x += 90.0;
    }
    let mut credit = String::from("Outlines: Natural Earth (public domain). Equirectangular projection. Circle area ∝ mentions.");
    if let Some(v) = &rb.gazetteer {
        let _ = write!(credit, " Gazetteer {v}.");
    }
    let _ = write!(
        s,
        "<text x=\"16\" y=\"{:.1}\" font-size=\"11\" fill=\"#777777\">",
        h - 12.0
    );
    escape(&mut s, &credit);
    s.push_str("</text>\n</svg>\n");
    s
}

/// Makes a ring's longitudes continuous: a step of more than 180° is a
/// crossing of the antimeridian, so the rest of the ring moves by 360°.
fn unwrap(ring: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(ring.len());
    let mut offset = 0.0;
    for &(lon, lat) in ring {
        if let Some(&(prev, _)) = out.last() {
            let step = lon + offset - prev;
            if step > 180.0 {
                offset -= 360.0;
            } else if step < -180.0 {
                offset += 360.0;
            }
        }
        out.push((lon + offset, lat));
    }
    out
}

fn style(kind: Kind) -> String {
    match kind {
        Kind::Country => format!(
            "fill=\"{COUNTRY}\" fill-opacity=\"0.12\" stroke=\"{COUNTRY}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\""
        ),
        Kind::Region => format!(
            "fill=\"{REGION}\" fill-opacity=\"0.55\" stroke=\"#ffffff\" stroke-width=\"0.8\""
        ),
        _ => format!("fill=\"{CITY}\" fill-opacity=\"0.75\" stroke=\"#ffffff\" stroke-width=\"0.8\""),
    }
}

/// Appends `text` escaped for XML character data and attributes.
fn escape(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            _ => s.push(c),
        }
    }
}
