//! Stage 3 for the attributes dynamodel maintains (`version`, `ttl`, `created_at`,
//! `updated_at`), one function per rule. Wrong timestamp types are reported by rustc
//! through `dynamodel::Timestamp`, on the field's type.

use syn::Type;

use crate::ast::{Container, Field};
use crate::attr::{Attr, Derive};
use crate::ctxt::Ctxt;

pub(crate) fn check(cx: &Ctxt, cont: &Container<'_>) {
    lifecycle_fields_only_in_table(cx, cont);
    if cont.derive != Derive::Table {
        return;
    }
    each_lifecycle_attribute_at_most_once(cx, cont);
    lifecycle_fields_have_one_role(cx, cont);
    lifecycle_fields_are_stored_non_key_fields(cx, cont);
    version_is_a_u64(cx, cont);
    created_at_is_an_option(cx, cont);
}

/// The lifecycle attributes of a field, by name.
fn roles<'c>(field: &'c Field<'_>) -> [(&'static str, &'c Option<Attr<()>>); 4] {
    [
        ("version", &field.attrs.version),
        ("ttl", &field.attrs.ttl),
        ("created_at", &field.attrs.created_at),
        ("updated_at", &field.attrs.updated_at),
    ]
}

/// The lifecycle attributes written on a field.
fn written<'c>(field: &'c Field<'_>) -> Vec<(&'static str, &'c Attr<()>)> {
    roles(field)
        .into_iter()
        .filter_map(|(name, attr)| attr.as_ref().map(|attr| (name, attr)))
        .collect()
}

/// The client maintains these attributes when it writes a table's items: they mean
/// nothing on a `#[derive(Attribute)]` or `#[derive(Projection)]` type.
fn lifecycle_fields_only_in_table(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Table {
        return;
    }
    let fields: Vec<&Field<'_>> = match &cont.data {
        crate::ast::Data::Struct(_, fields) => fields.iter().collect(),
        crate::ast::Data::Enum(variants) => variants.iter().flat_map(|v| &v.fields).collect(),
        crate::ast::Data::Union(_) => Vec::new(),
    };
    for field in fields {
        for (name, attr) in written(field) {
            cx.error_spanned_by(
                attr,
                format_args!(
                    "`{name}` applies to fields of `#[derive(Table)]` structs: dynamodel maintains it when it writes a table's items"
                ),
            );
        }
    }
}

/// A table has at most one version, one time-to-live attribute and one of each timestamp.
fn each_lifecycle_attribute_at_most_once(cx: &Ctxt, cont: &Container<'_>) {
    for index in 0..4 {
        let marked: Vec<(&'static str, &Attr<()>)> = cont
            .fields()
            .iter()
            .filter_map(|field| {
                let (name, attr) = roles(field).into_iter().nth(index)?;
                attr.as_ref().map(|attr| (name, attr))
            })
            .collect();
        for (name, attr) in marked.iter().skip(1) {
            cx.error_spanned_by(
                attr,
                format_args!(
                    "a table has at most one `{name}` field; `{name}` is already on another field"
                ),
            );
        }
    }
}

/// One field holds one maintained value: a version is not a timestamp, and a creation time
/// is not an update time.
fn lifecycle_fields_have_one_role(cx: &Ctxt, cont: &Container<'_>) {
    for field in cont.fields() {
        let written = written(field);
        if let Some((first, _)) = written.first() {
            for (name, attr) in written.iter().skip(1) {
                cx.error_spanned_by(
                    attr,
                    format_args!(
                        "`{name}` and `{first}` cannot mark the same field: each needs a field of its own"
                    ),
                );
            }
        }
    }
}

/// Maintained attributes are stored non-key attributes: a key never changes, and a
/// `skip`ped field is not stored.
fn lifecycle_fields_are_stored_non_key_fields(cx: &Ctxt, cont: &Container<'_>) {
    for field in cont.fields() {
        let Some((name, attr)) = written(field).into_iter().next() else {
            continue;
        };
        let conflict = [
            ("partition_key", &field.attrs.partition_key),
            ("sort_key", &field.attrs.sort_key),
            ("skip", &field.attrs.skip),
            ("key_only", &field.attrs.key_only),
        ]
        .into_iter()
        .find_map(|(other, slot)| slot.as_ref().map(|_| other));
        if let Some(other) = conflict {
            cx.error_spanned_by(
                attr,
                format_args!(
                    "`{name}` cannot mark a `{other}` field: dynamodel writes it on every save, so it must be a stored, non-key attribute"
                ),
            );
        }
    }
}

/// The version is a `u64`, the type of [`Versioned::version`]: a narrower integer could
/// not hold every next version, and a negative one has no meaning.
fn version_is_a_u64(cx: &Ctxt, cont: &Container<'_>) {
    for field in cont.fields() {
        if field.attrs.version.is_some() && !is_plain(field.ty, "u64") {
            cx.error_spanned_by(
                field.ty,
                "a `version` field must be a `u64`: it counts the saves of an item, starting at 0 for one never saved",
            );
        }
    }
}

/// `created_at` is set when an item is written without one, so it must be able to be
/// absent: an `Option` of a timestamp type.
fn created_at_is_an_option(cx: &Ctxt, cont: &Container<'_>) {
    for field in cont.fields() {
        if field.attrs.created_at.is_some() && !super::is_option(field.ty) {
            cx.error_spanned_by(
                field.ty,
                "a `created_at` field must be an `Option` (such as `Option<SystemTime>`): dynamodel sets it when an item is written without one\n\
                 help: leave it `None` in new values; reads return the stored creation time",
            );
        }
    }
}

/// Whether `ty` is the plain path `name` (`u64`).
fn is_plain(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none() && path.path.is_ident(name))
}
