//! The per-document summary: one CSV row per input document (those without
//! mentions too), in input order, with the header always written.
//!
//! ```text
//! doc_id,mentions,n_country,n_region,n_city,n_agency,n_person,country1,country1_name,country1_weight,country2,...,city3_weight
//! tests/data/story.txt,18,6,3,4,3,2,iso:RU,Russia,0.400,iso:SY,Syria,0.400,iso:US,United States,0.200,cur:eastern-ghouta,Eastern Ghouta,0.400,gn:170062,Aleppo Governorate,0.400,gn:173578,Latakia Governorate,0.200,gn:4140963,Washington,0.400,gn:524901,Moscow,0.400,gn:170654,Damascus,0.200
//! ```
//!
//! | columns | type | meaning |
//! |---|---|---|
//! | `doc_id` | string | the document id, as in the CSV output |
//! | `mentions` | integer | all mentions in the document |
//! | `n_country`, `n_region`, `n_city`, `n_agency`, `n_person` | integer | mentions per kind |
//! | `country1`..`country3` | string | the entity ids of the three countries the document is most about ([`crate::focus`]), empty when fewer |
//! | `country1_name`..`country3_name` | string | their names |
//! | `country1_weight`..`country3_weight` | decimal | their focus weights, 3 decimals (all of a kind's weights sum to 1) |
//! | `region1`..`region3_weight`, `city1`..`city3_weight` | | the same for regions and cities |
//!
//! Then one column per `--keep` field, named after it. RFC 4180 quoting.

use crate::entity::{EntityId, Kind, Tagged};
use crate::input::Document;

use super::{Context, Format};

/// How many focus entries per kind get columns.
pub const TOP: usize = 3;

/// The per-document summary writer.
#[derive(Clone, Debug, Default)]
pub struct SummaryFormat {
    keep: Vec<String>,
}

impl SummaryFormat {
    /// A summary with extra `keep` columns after the fixed ones.
    pub fn new(keep: &[String]) -> SummaryFormat {
        SummaryFormat {
            keep: keep.to_vec(),
        }
    }
}

/// The fixed columns, in order.
pub fn columns() -> Vec<String> {
    let mut cols: Vec<String> = vec!["doc_id".into(), "mentions".into()];
    cols.extend(Kind::ALL.iter().map(|k| format!("n_{k}")));
    for kind in ["country", "region", "city"] {
        for i in 1..=TOP {
            cols.push(format!("{kind}{i}"));
            cols.push(format!("{kind}{i}_name"));
            cols.push(format!("{kind}{i}_weight"));
        }
    }
    cols
}

impl Format for SummaryFormat {
    fn header(&self, out: &mut Vec<u8>) {
        let mut w = ::csv::Writer::from_writer(out);
        // Writing to a Vec cannot fail.
        let _ = w.write_record(columns().iter().chain(self.keep.iter()));
        let _ = w.flush();
    }

    fn document(&self, doc: &Document, tagged: &Tagged, ctx: &Context<'_>, out: &mut Vec<u8>) {
        let mut per_kind = [0usize; Kind::ALL.len()];
        for m in &tagged.mentions {
            let k = tagged.entity(ctx.gazetteer, m.entity).kind;
            per_kind[Kind::ALL.iter().position(|x| *x == k).unwrap_or(0)] += 1;
        }
        let mut row: Vec<String> = vec![doc.id.clone(), tagged.mentions.len().to_string()];
        row.extend(per_kind.iter().map(|n| n.to_string()));
        let f = &tagged.focus;
        for list in [&f.countries, &f.regions, &f.cities] {
            top(&mut row, list, tagged, ctx);
        }
        let mut w = ::csv::Writer::from_writer(out);
        let _ = w.write_record(row.iter().chain(doc.keep.iter()));
        let _ = w.flush();
    }
}

fn top(row: &mut Vec<String>, list: &[(EntityId, f64)], tagged: &Tagged, ctx: &Context<'_>) {
    for i in 0..TOP {
        match list.get(i) {
            Some((id, w)) => {
                let e = tagged.entity(ctx.gazetteer, *id);
                row.push(e.id.clone());
                row.push(e.name.clone());
                row.push(format!("{w:.3}"));
            }
            None => row.extend([String::new(), String::new(), String::new()]),
        }
    }
}
