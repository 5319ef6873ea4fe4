//! The naming conventions of `rename_all`.

use std::fmt;

/// A naming convention that `rename_all` applies to field names (written in `snake_case`)
/// and variant names (written in `PascalCase`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl Case {
    /// Every case, with the name `rename_all` spells it with.
    pub(crate) const ALL: &'static [(&'static str, Case)] = &[
        ("camelCase", Case::Camel),
        ("snake_case", Case::Snake),
        ("PascalCase", Case::Pascal),
        ("SCREAMING_SNAKE_CASE", Case::ScreamingSnake),
        ("kebab-case", Case::Kebab),
        ("SCREAMING-KEBAB-CASE", Case::ScreamingKebab),
        ("lowercase", Case::Lower),
        ("UPPERCASE", Case::Upper),
    ];

    pub(crate) fn from_name(name: &str) -> Option<Case> {
        Case::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, case)| *case)
    }

    pub(crate) fn name(self) -> &'static str {
        Case::ALL
            .iter()
            .find(|(_, case)| *case == self)
            .map_or("", |(name, _)| name)
    }

    /// Renames a field written in `snake_case`.
    pub(crate) fn apply_to_field(self, field: &str) -> String {
        match self {
            Case::Lower | Case::Snake => field.to_owned(),
            Case::Upper | Case::ScreamingSnake => field.to_ascii_uppercase(),
            Case::Pascal => {
                let mut pascal = String::new();
                let mut capitalize = true;
                for ch in field.chars() {
                    if ch == '_' {
                        capitalize = true;
                    } else if capitalize {
                        pascal.push(ch.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        pascal.push(ch);
                    }
                }
                pascal
            }
            Case::Camel => lower_first(&Case::Pascal.apply_to_field(field)),
            Case::Kebab => field.replace('_', "-"),
            Case::ScreamingKebab => field.replace('_', "-").to_ascii_uppercase(),
        }
    }

    /// Renames a variant written in `PascalCase`.
    pub(crate) fn apply_to_variant(self, variant: &str) -> String {
        match self {
            Case::Pascal => variant.to_owned(),
            Case::Lower => variant.to_ascii_lowercase(),
            Case::Upper => variant.to_ascii_uppercase(),
            Case::Camel => lower_first(variant),
            Case::Snake => {
                let mut snake = String::new();
                for (i, ch) in variant.char_indices() {
                    if i > 0 && ch.is_uppercase() {
                        snake.push('_');
                    }
                    snake.push(ch.to_ascii_lowercase());
                }
                snake
            }
            Case::ScreamingSnake => Case::Snake.apply_to_variant(variant).to_ascii_uppercase(),
            Case::Kebab => Case::Snake.apply_to_variant(variant).replace('_', "-"),
            Case::ScreamingKebab => Case::ScreamingSnake
                .apply_to_variant(variant)
                .replace('_', "-"),
        }
    }
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::Case;

    #[test]
    fn renames_fields_and_variants() {
        let cases = [
            (Case::Camel, "order_id", "orderId", "OrderId", "orderId"),
            (Case::Snake, "order_id", "order_id", "OrderId", "order_id"),
            (Case::Pascal, "order_id", "OrderId", "OrderId", "OrderId"),
            (
                Case::ScreamingSnake,
                "order_id",
                "ORDER_ID",
                "OrderId",
                "ORDER_ID",
            ),
            (Case::Kebab, "order_id", "order-id", "OrderId", "order-id"),
            (
                Case::ScreamingKebab,
                "order_id",
                "ORDER-ID",
                "OrderId",
                "ORDER-ID",
            ),
            (Case::Lower, "order_id", "order_id", "OrderId", "orderid"),
            (Case::Upper, "order_id", "ORDER_ID", "OrderId", "ORDERID"),
        ];
        for (case, field, renamed_field, variant, renamed_variant) in cases {
            assert_eq!(case.apply_to_field(field), renamed_field, "{case} field");
            assert_eq!(
                case.apply_to_variant(variant),
                renamed_variant,
                "{case} variant"
            );
            assert_eq!(Case::from_name(case.name()), Some(case));
        }
    }
}
