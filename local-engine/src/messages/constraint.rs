//! DynamoDB's parameter-constraint errors: `N validation error(s) detected: ...`.
//!
//! Format ([capture], [dynalite]): each violation reads
//! `Value '<value>' at '<member>' failed to satisfy constraint: <constraint>` (or `Value null`
//! for an absent member, or `Value at '<Member>'` in the newer form that no longer echoes the
//! value); violations are joined with `; ` after a count.

use dynamodel::Error;

/// The violations found in one request, reported together.
#[derive(Debug, Default)]
pub(crate) struct Violations {
    found: Vec<String>,
}

impl Violations {
    pub(crate) fn new() -> Self {
        Violations::default()
    }

    fn push(&mut self, value: Option<&str>, member: &str, constraint: &str) {
        let value = match value {
            Some(value) => format!("'{value}'"),
            None => "null".to_owned(),
        };
        self.found.push(format!(
            "Value {value} at '{member}' failed to satisfy constraint: {constraint}"
        ));
    }

    pub(crate) fn min_length(&mut self, value: &str, member: &str, min: usize) {
        self.push(
            Some(value),
            member,
            &format!("Member must have length greater than or equal to {min}"),
        );
    }

    pub(crate) fn max_length(&mut self, value: &str, member: &str, max: usize) {
        self.push(
            Some(value),
            member,
            &format!("Member must have length less than or equal to {max}"),
        );
    }

    pub(crate) fn pattern(&mut self, value: &str, member: &str, pattern: &str) {
        self.push(
            Some(value),
            member,
            &format!("Member must satisfy regular expression pattern: {pattern}"),
        );
    }

    /// An unknown enum value; `allowed` in DynamoDB's listing order.
    pub(crate) fn enum_value(&mut self, value: &str, member: &str, allowed: &[&str]) {
        self.push(
            Some(value),
            member,
            &format!(
                "Member must satisfy enum value set: [{}]",
                allowed.join(", ")
            ),
        );
    }

    pub(crate) fn min_value(&mut self, value: i64, member: &str, min: i64) {
        self.push(
            Some(&value.to_string()),
            member,
            &format!("Member must have value greater than or equal to {min}"),
        );
    }

    pub(crate) fn max_value(&mut self, value: i64, member: &str, max: i64) {
        self.push(
            Some(&value.to_string()),
            member,
            &format!("Member must have value less than or equal to {max}"),
        );
    }

    /// The newer form ([capture], Scan and Query since 2026): no value, capitalised member.
    pub(crate) fn min_value_unechoed(&mut self, member: &str, min: i64) {
        self.found.push(format!(
            "Value at '{member}' failed to satisfy constraint: Member must have value greater \
             than or equal to {min}"
        ));
    }

    /// A list with too few members, in the newer form that does not echo the value ([capture]:
    /// `Value at 'TransactItems' ...`, the member named as the request spells it, in the regions
    /// DynamoDB has rolled it out to in 2026; a list of structures has no useful echo anyway).
    pub(crate) fn min_items(&mut self, member: &str, min: usize) {
        self.found.push(format!(
            "Value at '{member}' failed to satisfy constraint: Member must have length greater \
             than or equal to {min}"
        ));
    }

    /// A list with too many members; see [`Violations::min_items`].
    pub(crate) fn max_items(&mut self, member: &str, max: usize) {
        self.found.push(format!(
            "Value at '{member}' failed to satisfy constraint: Member must have length less \
             than or equal to {max}"
        ));
    }

    /// `Err` with every violation, or `Ok` when there are none.
    pub(crate) fn finish(self) -> Result<(), Error> {
        match self.found.len() {
            0 => Ok(()),
            1 => Err(Error::validation(format!(
                "1 validation error detected: {}",
                self.found.join("; ")
            ))),
            n => Err(Error::validation(format!(
                "{n} validation errors detected: {}",
                self.found.join("; ")
            ))),
        }
    }
}
