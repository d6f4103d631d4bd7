//! Where a person lives, as news writes it: "Ana Ruiz, 54, of Dayton said"
//! and "a Dayton resident". Not a rule of its own: `support` and
//! `person_word` take either as local support for a town's name, like a
//! preposition ("in Dayton") or a direction ("35 miles south of Dayton",
//! "the outskirts of Dayton"; [`local_support`]), so that a town named like
//! a person or a common word ("Tyler", "Hammond", "Fairfield told
//! reporters") is kept.

/// Whether the text before a span ends with ", AGE, of " (an age of one
/// to three digits between commas, then "of"): "Ana Ruiz, 54, of".
pub(super) fn age_of_before(before: &str) -> bool {
    let Some(r) = before.strip_suffix(", of ") else {
        return false;
    };
    let digits = r.len() - r.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (1..=3).contains(&digits) && r[..r.len() - digits].ends_with(", ")
}

/// Whether the text after a span starts with " resident", " residents",
/// " native" or " natives" as a whole word: "a Dayton resident".
pub(super) fn resident_after(after: &str) -> bool {
    let Some(r) = after.strip_prefix(' ') else {
        return false;
    };
    ["residents", "resident", "natives", "native"]
        .iter()
        .any(|w| {
            r.strip_prefix(w)
                .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
        })
}

/// Either of the two around the span `start..end` of `text`.
pub(super) fn residence(text: &str, start: usize, end: usize) -> bool {
    age_of_before(&text[..start]) || resident_after(&text[end..])
}

/// Words right before a town's name that place it: "in Dayton".
pub(super) const PLACE_BEFORE: [&str; 6] = ["in", "from", "near", "at", "to", "outside"];

/// Words before "of" that place what follows: "south of Dayton".
const DIRECTION_OF: [&str; 13] = [
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "outskirts",
];

/// Whether the text before a span ends with a direction and "of": "35
/// miles south of ", "the outskirts of ".
pub(super) fn direction_of_before(before: &str) -> bool {
    let Some(r) = before.strip_suffix(" of ") else {
        return false;
    };
    DIRECTION_OF.iter().any(|d| {
        r.strip_suffix(d)
            .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
    })
}

/// Local support for the town's name at `start..end` of `text`, as
/// `support` and `person_word` both take it: one of [`PLACE_BEFORE`]
/// (any case) right before it, a direction and "of", or a residence.
pub(super) fn local_support(text: &str, start: usize, end: usize) -> bool {
    let prev = super::support::word_before(text, start);
    PLACE_BEFORE.iter().any(|w| prev.eq_ignore_ascii_case(w))
        || direction_of_before(&text[..start])
        || residence(text, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_then_of() {
        assert!(age_of_before("said Ana Ruiz, 54, of "));
        assert!(age_of_before("Ana Ruiz, 7, of "));
        assert!(!age_of_before("Ana Ruiz, 1054, of "));
        assert!(!age_of_before("the Bank of "));
        assert!(!age_of_before("Ana Ruiz, of "));
        assert!(!age_of_before("in 54, of "));
    }

    #[test]
    fn direction_then_of() {
        assert!(direction_of_before("35 miles south of "));
        assert!(direction_of_before("on the outskirts of "));
        assert!(direction_of_before("just north-east of "));
        assert!(!direction_of_before("the Bank of "));
        assert!(!direction_of_before("the Southeast of "));
        assert!(!direction_of_before("midwest of "));
        assert!(!direction_of_before("south "));
    }

    #[test]
    fn resident_word_after() {
        assert!(resident_after(" resident, said"));
        assert!(resident_after(" residents."));
        assert!(resident_after(" native who"));
        assert!(!resident_after(" residential zone"));
        assert!(!resident_after("resident"));
        assert!(residence("a Dayton resident", 2, 8));
        assert!(!residence("in Dayton today", 3, 9));
    }
}
