//! Stage 2 for key templates: the partition and sort keys of a table, each a field or a
//! template whose field names are resolved to the struct's fields.

use proc_macro2::Ident;
use quote::format_ident;

use super::{Container, Field};
use crate::attr::{KeyRole, Template, TemplateKey};

/// The default name of the attribute that records an item's entity.
pub(crate) const DEFAULT_ENTITY_ATTRIBUTE: &str = "__entity";

/// A table key built from a template, with its fields resolved.
pub(crate) struct TemplatedKey<'c, 'a> {
    pub(crate) role: KeyRole,
    /// The key attribute's name.
    pub(crate) name: &'c str,
    pub(crate) template: &'c Template,
    /// The template's fields, in template order.
    pub(crate) fields: Vec<&'c Field<'a>>,
    /// The generated key type: `PostPartitionKey` or `PostSortKey`.
    pub(crate) ident: Ident,
}

/// A table's partition or sort key.
pub(crate) enum KeyDef<'c, 'a> {
    /// A field marked `partition_key` or `sort_key`.
    Field(&'c Field<'a>),
    /// `partition_key(...)` or `sort_key(...)` on the struct.
    Template(TemplatedKey<'c, 'a>),
}

impl<'c, 'a> KeyDef<'c, 'a> {
    /// The key attribute's name.
    pub(crate) fn name(&self) -> &str {
        match self {
            KeyDef::Field(field) => &field.name,
            KeyDef::Template(key) => key.name,
        }
    }

    /// The template, if the key has one.
    pub(crate) fn templated(&self) -> Option<&TemplatedKey<'c, 'a>> {
        match self {
            KeyDef::Field(_) => None,
            KeyDef::Template(key) => Some(key),
        }
    }
}

impl<'a> Container<'a> {
    /// The partition key: the marked field, or else the template (when it is complete and
    /// names only fields of the struct).
    pub(crate) fn partition_key_def(&self) -> Option<KeyDef<'_, 'a>> {
        self.key_def(KeyRole::Partition)
    }

    /// The sort key, as [`partition_key_def`](Self::partition_key_def) does.
    pub(crate) fn sort_key_def(&self) -> Option<KeyDef<'_, 'a>> {
        self.key_def(KeyRole::Sort)
    }

    fn key_def(&self, role: KeyRole) -> Option<KeyDef<'_, 'a>> {
        let field = match role {
            KeyRole::Partition => self.partition_key(),
            KeyRole::Sort => self.sort_key(),
        };
        if let Some(field) = field {
            return Some(KeyDef::Field(field));
        }
        self.template_key(role).and_then(|key| {
            let template = key.template.as_ref()?;
            let fields = template
                .fields()
                .map(|name| self.field_named(name))
                .collect::<Option<Vec<_>>>()?;
            let suffix = match role {
                KeyRole::Partition => "PartitionKey",
                KeyRole::Sort => "SortKey",
            };
            Some(KeyDef::Template(TemplatedKey {
                role,
                name: &key.name.as_ref()?.value,
                template,
                fields,
                ident: format_ident!("{}{suffix}", self.ident),
            }))
        })
    }

    /// The `partition_key(...)` or `sort_key(...)` item, as written.
    pub(crate) fn template_key(&self, role: KeyRole) -> Option<&TemplateKey> {
        match role {
            KeyRole::Partition => self.attrs.partition_template.as_ref(),
            KeyRole::Sort => self.attrs.sort_template.as_ref(),
        }
    }

    /// Whether either key is built from a template.
    pub(crate) fn has_templates(&self) -> bool {
        self.attrs.partition_template.is_some() || self.attrs.sort_template.is_some()
    }

    /// The entity attribute's name, when the table names its entity.
    pub(crate) fn entity_attribute(&self) -> &str {
        self.attrs
            .entity_attribute
            .as_ref()
            .map_or(DEFAULT_ENTITY_ATTRIBUTE, |attr| attr.value.as_str())
    }
}

impl Container<'_> {
    /// Whether a key template names the field: its path is a key path, compared but never
    /// updated, since the key would no longer match it.
    pub(crate) fn in_key_template(&self, field: &Field<'_>) -> bool {
        let name = field.rust_name();
        [KeyRole::Partition, KeyRole::Sort].into_iter().any(|role| {
            self.template_key(role)
                .and_then(|key| key.template.as_ref())
                .is_some_and(|template| template.fields().any(|f| f == name))
        })
    }
}
