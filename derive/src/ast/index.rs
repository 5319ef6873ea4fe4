//! Stage 2 for secondary indexes: each declared index with its field names resolved to the
//! struct's fields.

use syn::{GenericArgument, LitStr, PathArguments, Type};

use super::{Container, Field};
use crate::attr::{IndexAttr, IndexKind, ProjectionAttr};

/// A field named in an index declaration, and the field it names (`None` if unknown).
pub(crate) struct FieldRef<'c, 'a> {
    pub(crate) lit: &'c LitStr,
    pub(crate) field: Option<&'c Field<'a>>,
}

/// What an index projects, with its fields resolved.
pub(crate) enum Projected<'c, 'a> {
    All,
    KeysOnly,
    Include(Vec<FieldRef<'c, 'a>>),
}

/// One declared secondary index.
pub(crate) struct Index<'c, 'a> {
    pub(crate) attr: &'c IndexAttr,
    pub(crate) kind: IndexKind,
    /// The index name (empty when missing, which `check` reports).
    pub(crate) name: String,
    /// The index partition key fields as declared; for a local index, none (it shares the
    /// table's, see [`Index::partition_fields`]).
    pub(crate) partition_key: Vec<FieldRef<'c, 'a>>,
    pub(crate) sort_key: Vec<FieldRef<'c, 'a>>,
    pub(crate) projection: Projected<'c, 'a>,
}

impl<'a> Container<'a> {
    /// The declared secondary indexes, global and local, in declaration order.
    pub(crate) fn indexes(&self) -> Vec<Index<'_, 'a>> {
        self.attrs
            .indexes
            .iter()
            .map(|attr| Index::resolve(self, attr))
            .collect()
    }

    /// The stored field with this Rust name.
    pub(crate) fn field_named(&self, name: &str) -> Option<&Field<'a>> {
        self.fields().iter().find(|field| field.rust_name() == name)
    }
}

impl<'c, 'a> Index<'c, 'a> {
    fn resolve(cont: &'c Container<'a>, attr: &'c IndexAttr) -> Self {
        let refs = |lits: Option<&'c Vec<LitStr>>| -> Vec<FieldRef<'c, 'a>> {
            lits.into_iter()
                .flatten()
                .map(|lit| FieldRef {
                    lit,
                    field: cont.field_named(&lit.value()),
                })
                .collect()
        };
        let projection = match attr.projection.as_ref().map(|p| &p.value) {
            None | Some(ProjectionAttr::All) => Projected::All,
            Some(ProjectionAttr::KeysOnly) => Projected::KeysOnly,
            Some(ProjectionAttr::Include(fields)) => Projected::Include(refs(Some(fields))),
        };
        Index {
            attr,
            kind: attr.kind,
            name: attr
                .name
                .as_ref()
                .map_or_else(String::new, |name| name.value.clone()),
            partition_key: refs(attr.partition_key.as_ref().map(|a| &a.value)),
            sort_key: refs(attr.sort_key.as_ref().map(|a| &a.value)),
            projection,
        }
    }

    /// The index's partition key fields: the declared ones, or the table's partition key
    /// for a local index. Unknown fields are left out.
    pub(crate) fn partition_fields(&self, cont: &'c Container<'a>) -> Vec<&'c Field<'a>> {
        match self.kind {
            IndexKind::Global => self.partition_key.iter().filter_map(|r| r.field).collect(),
            IndexKind::Local => cont.partition_key().into_iter().collect(),
        }
    }

    /// The index's sort key fields (unknown ones left out).
    pub(crate) fn sort_fields(&self) -> Vec<&'c Field<'a>> {
        self.sort_key.iter().filter_map(|r| r.field).collect()
    }

    /// Every field the index holds in its items, in the struct's order: the table's keys,
    /// the index's keys and the included fields; `None` for an `ALL` projection.
    pub(crate) fn projected_fields(&self, cont: &'c Container<'a>) -> Option<Vec<&'c Field<'a>>> {
        let included: Vec<&Field<'a>> = match &self.projection {
            Projected::All => return None,
            Projected::KeysOnly => Vec::new(),
            Projected::Include(fields) => fields.iter().filter_map(|r| r.field).collect(),
        };
        let keys = self.key_fields(cont);
        Some(
            cont.fields()
                .iter()
                .filter(|field| {
                    field.attrs.partition_key.is_some()
                        || field.attrs.sort_key.is_some()
                        || keys.iter().any(|key| std::ptr::eq(*key, *field))
                        || included.iter().any(|inc| std::ptr::eq(*inc, *field))
                })
                .collect(),
        )
    }

    /// The index's key fields, partition first.
    pub(crate) fn key_fields(&self, cont: &'c Container<'a>) -> Vec<&'c Field<'a>> {
        let mut fields = self.partition_fields(cont);
        fields.extend(self.sort_fields());
        fields
    }

    /// The words of the index name, which its Rust names are built from.
    pub(crate) fn name_words(&self) -> Vec<String> {
        words(&self.name)
    }

    /// Whether `field` is one of the index's key fields.
    pub(crate) fn is_key(&self, cont: &'c Container<'a>, field: &Field<'a>) -> bool {
        self.key_fields(cont)
            .iter()
            .any(|key| std::ptr::eq(*key, field))
    }
}

/// The key type of an index key field: `T` for an `Option<T>` field (absent means "not in
/// the index"), the field's type otherwise.
pub(crate) fn key_type(ty: &Type) -> &Type {
    option_inner(ty).unwrap_or(ty)
}

/// `T` for `Option<T>` (written `Option`, `std::option::Option` or `core::option::Option`).
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let segment = path.path.segments.last()?;
    if segment.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// The words of an index name: split at characters other than letters and digits, and
/// where a lower-case letter or digit is followed by an upper-case letter (`byUser`).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            words.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c);
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn index_names_split_into_words() {
        assert_eq!(words("by_user"), ["by", "user"]);
        assert_eq!(words("byUser.v2"), ["by", "User", "v2"]);
        assert_eq!(words("GSI1"), ["GSI1"]);
        assert_eq!(words("by-date--x"), ["by", "date", "x"]);
    }
}
