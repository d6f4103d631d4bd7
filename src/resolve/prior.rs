//! Prior: without other evidence, the bigger place wins.
//!
//! Score `log10(population + 1)`: a city of a million (6.0) beats a town of
//! ten thousand (4.0) by a margin the later rules can overturn. Entities
//! without a population (people, agencies) start at zero.

use super::{Context, Pending, Rule};

/// The population prior.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prior;

impl Rule for Prior {
    fn name(&self) -> &'static str {
        "prior"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for span in spans {
            for c in &mut span.candidates {
                let pop = ctx.gazetteer.get(c.entity).population.unwrap_or(0);
                c.score += (pop as f64 + 1.0).log10();
            }
        }
    }
}
