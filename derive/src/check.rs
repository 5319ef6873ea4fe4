//! Stage 3: rules across fields and attributes, one function per rule.
//!
//! Each rule reports into the [`Ctxt`] on the token to fix and does not stop the others,
//! so one compile shows every broken rule.

use std::collections::BTreeMap;

use quote::quote;
use syn::{GenericParam, Type};

use crate::ast::{Container, Data, Field, Style};
use crate::attr::{Attr, Derive};
use crate::ctxt::Ctxt;

mod index;
mod lifecycle;
mod template;

pub(crate) fn check(cx: &Ctxt, cont: &Container<'_>) {
    shape_fits_derive(cx, cont);
    container_attributes_fit_derive(cx, cont);
    table_has_name(cx, cont);
    projection_names_its_table(cx, cont);
    projection_reads_an_attribute(cx, cont);
    capacities_come_in_pairs(cx, cont);
    key_is_on_newtype(cx, cont);
    rename_all_has_names(cx, cont);
    key_fields_only_in_table(cx, cont);
    exactly_one_partition_key(cx, cont);
    at_most_one_sort_key(cx, cont);
    no_field_is_both_keys(cx, cont);
    key_fields_are_plain(cx, cont);
    skipped_fields_take_no_other_attributes(cx, cont);
    nullable_fields_are_options(cx, cont);
    unnamed_fields_take_no_attributes(cx, cont);
    projection_fields_take_only_default(cx, cont);
    attribute_names_are_unique(cx, cont);
    variant_names_are_unique(cx, cont);
    table_owns_its_data(cx, cont);
    index::check(cx, cont);
    template::check(cx, cont);
    lifecycle::check(cx, cont);
}

/// Whether the container is a struct with named fields.
fn is_named_struct(cont: &Container<'_>) -> bool {
    matches!(cont.data, Data::Struct(Style::Named, _))
}

/// `#[derive(Table)]` applies to structs with named fields (an item is a map of named
/// attributes), and so does `#[derive(Projection)]` (each field is one of the table's).
/// `#[derive(Attribute)]` applies to structs with fields and to enums with variants. None
/// applies to unions.
fn shape_fits_derive(cx: &Ctxt, cont: &Container<'_>) {
    let ident = cont.ident;
    match (&cont.data, cont.derive) {
        (Data::Union(union), derive) => cx.error_spanned_by(
            quote!(#union #ident),
            format_args!("`#[derive({})]` does not support unions", derive.name()),
        ),
        (
            Data::Enum(_) | Data::Struct(Style::Newtype | Style::Tuple | Style::Unit, _),
            Derive::Projection,
        ) => cx.error_spanned_by(
            ident,
            "`#[derive(Projection)]` needs a struct with named fields, each named after a field of the table",
        ),
        (Data::Enum(_), Derive::Table) => cx.error_spanned_by(
            quote!(#ident),
            format_args!(
                "`#[derive(Table)]` needs a struct with named fields, not an enum\n\
                 help: derive `Attribute` to store `{ident}` as an attribute inside an item"
            ),
        ),
        (Data::Struct(Style::Newtype | Style::Tuple, _), Derive::Table) => {
            let syn::Data::Struct(data) = &cont.input.data else { return };
            let fields = &data.fields;
            cx.error_spanned_by(
                fields,
                "`#[derive(Table)]` needs a struct with named fields, not a tuple struct\n\
                 help: name the fields: each field is stored as an attribute of that name",
            );
        }
        (Data::Struct(Style::Unit, _), Derive::Table) => cx.error_spanned_by(
            ident,
            "`#[derive(Table)]` needs a struct with named fields, one of them the partition key",
        ),
        (Data::Struct(Style::Unit, _), Derive::Attribute) => cx.error_spanned_by(
            ident,
            "`#[derive(Attribute)]` needs a struct with fields, or an enum: a unit struct holds no value to store",
        ),
        (Data::Enum(variants), Derive::Attribute) if variants.is_empty() => cx.error_spanned_by(
            ident,
            "`#[derive(Attribute)]` needs an enum with at least one variant",
        ),
        _ => {}
    }
}

/// `table`, `read_capacity` and `write_capacity` describe a table and apply only to
/// `#[derive(Table)]`; `key` makes a newtype a key type and applies only to
/// `#[derive(Attribute)]`.
fn container_attributes_fit_derive(cx: &Ctxt, cont: &Container<'_>) {
    let attrs = &cont.attrs;
    let ident = cont.ident;
    match cont.derive {
        Derive::Attribute => {
            let table_keys = [
                ("table", attrs.table.as_ref().map(|a| &a.tokens)),
                (
                    "read_capacity",
                    attrs.read_capacity.as_ref().map(|a| &a.tokens),
                ),
                (
                    "write_capacity",
                    attrs.write_capacity.as_ref().map(|a| &a.tokens),
                ),
            ];
            for (name, tokens) in table_keys {
                if let Some(tokens) = tokens {
                    cx.error_spanned_by(
                        tokens,
                        format_args!(
                            "`{name}` applies to `#[derive(Table)]`: a `#[derive(Attribute)]` type is stored inside items, not in a table of its own\n\
                             help: derive `Table` to store `{ident}` as the items of a table"
                        ),
                    );
                }
            }
        }
        Derive::Table => {
            if let Some(key) = &attrs.key {
                cx.error_spanned_by(
                    key,
                    "`key` applies to newtype structs with `#[derive(Attribute)]`, such as `struct UserId(String);`\n\
                     help: mark the key fields of a table with `partition_key` and `sort_key`",
                );
            }
        }
        Derive::Projection => {
            let reasons = [
                (
                    "table",
                    attrs.table.as_ref().map(|a| &a.tokens),
                    "a projection reads the items of the table that `projection_of` names",
                ),
                (
                    "read_capacity",
                    attrs.read_capacity.as_ref().map(|a| &a.tokens),
                    "a projection reads the items of the table that `projection_of` names",
                ),
                (
                    "write_capacity",
                    attrs.write_capacity.as_ref().map(|a| &a.tokens),
                    "a projection reads the items of the table that `projection_of` names",
                ),
                (
                    "rename_all",
                    attrs.rename_all.as_ref().map(|a| &a.tokens),
                    "each field is read under the attribute name of the table's field of the same name",
                ),
                (
                    "key",
                    attrs.key.as_ref().map(|a| &a.tokens),
                    "`key` applies to newtype structs with `#[derive(Attribute)]`",
                ),
            ];
            for (name, tokens, reason) in reasons {
                if let Some(tokens) = tokens {
                    cx.error_spanned_by(
                        tokens,
                        format_args!(
                            "`{name}` does not apply to `#[derive(Projection)]`: {reason}"
                        ),
                    );
                }
            }
        }
    }
    if let (Some(projection_of), Derive::Table | Derive::Attribute) =
        (&attrs.projection_of, cont.derive)
    {
        cx.error_spanned_by(
            projection_of,
            format_args!(
                "`projection_of` applies to `#[derive(Projection)]`: a struct that reads some attributes of a table's items\n\
                 help: derive `Projection` instead of `{}`",
                cont.derive.name()
            ),
        );
    }
}

/// A table has a name: `#[dynamodel(table = "...")]`.
fn table_has_name(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Table && is_named_struct(cont) && cont.attrs.table.is_none() {
        let ident = cont.ident;
        cx.error_spanned_by(
            ident,
            format_args!(
                "`#[derive(Table)]` needs the table name\n\
                 help: add `#[dynamodel(table = \"...\")]` to `{ident}`"
            ),
        );
    }
}

/// A projection names the table it reads: `#[dynamodel(projection_of = Game)]`.
fn projection_names_its_table(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Projection
        && is_named_struct(cont)
        && cont.attrs.projection_of.is_none()
    {
        let ident = cont.ident;
        cx.error_spanned_by(
            ident,
            format_args!(
                "`#[derive(Projection)]` needs the table it reads\n\
                 help: add `#[dynamodel(projection_of = TableType)]` to `{ident}`"
            ),
        );
    }
}

/// A projection reads at least one attribute (DynamoDB rejects an empty
/// `ProjectionExpression`).
fn projection_reads_an_attribute(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Projection && is_named_struct(cont) && cont.fields().is_empty() {
        let ident = cont.ident;
        cx.error_spanned_by(
            ident,
            format_args!(
                "`{ident}` reads no attribute: a projection needs at least one field\n\
                 help: add fields named after the table's fields, with the same types"
            ),
        );
    }
}

/// Provisioned billing sets both capacities; neither means on-demand billing.
fn capacities_come_in_pairs(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Table {
        return;
    }
    let attrs = &cont.attrs;
    let pairs = [
        (
            &attrs.read_capacity,
            &attrs.write_capacity,
            "read_capacity",
            "write_capacity",
        ),
        (
            &attrs.write_capacity,
            &attrs.read_capacity,
            "write_capacity",
            "read_capacity",
        ),
    ];
    for (present, missing, present_name, missing_name) in pairs {
        if let (Some(present), None) = (present, missing) {
            cx.error_spanned_by(
                present,
                format_args!(
                    "`{present_name}` needs `{missing_name}`: provisioned billing sets both\n\
                     help: add `{missing_name} = N`, or remove `{present_name}` for on-demand billing"
                ),
            );
        }
    }
}

/// `key` applies to newtype structs, whose one field is the key value.
fn key_is_on_newtype(cx: &Ctxt, cont: &Container<'_>) {
    if let (Some(key), Derive::Attribute) = (&cont.attrs.key, cont.derive) {
        if !matches!(cont.data, Data::Struct(Style::Newtype, _)) {
            cx.error_spanned_by(
                key,
                "`key` applies to newtype structs, such as `struct UserId(String);`",
            );
        }
    }
}

/// `rename_all` renames named fields and enum variants, so the container has some.
fn rename_all_has_names(cx: &Ctxt, cont: &Container<'_>) {
    let Some(rename_all) = &cont.attrs.rename_all else {
        return;
    };
    if cont.derive == Derive::Projection {
        return; // `rename_all` does not apply at all (above).
    }
    if let Data::Struct(Style::Newtype | Style::Tuple | Style::Unit, _) = cont.data {
        cx.error_spanned_by(
            rename_all,
            "`rename_all` renames named fields and enum variants; this struct has none",
        );
    }
}

/// Every field of every struct and variant of the container.
fn all_fields<'c, 'a>(cont: &'c Container<'a>) -> Vec<&'c Field<'a>> {
    match &cont.data {
        Data::Struct(_, fields) => fields.iter().collect(),
        Data::Enum(variants) => variants.iter().flat_map(|v| &v.fields).collect(),
        Data::Union(_) => Vec::new(),
    }
}

/// Key attributes exist only in tables: a `#[derive(Attribute)]` type is stored inside
/// items and has no keys.
fn key_fields_only_in_table(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Attribute {
        return;
    }
    let ident = cont.ident;
    for field in all_fields(cont) {
        let keys = [
            ("partition_key", &field.attrs.partition_key),
            ("sort_key", &field.attrs.sort_key),
        ];
        for (name, attr) in keys {
            if let Some(attr) = attr {
                cx.error_spanned_by(
                    attr,
                    format_args!(
                        "`{name}` applies to fields of `#[derive(Table)]` structs: a `#[derive(Attribute)]` type is stored inside items and has no keys\n\
                         help: derive `Table` to store `{ident}` as the items of a table"
                    ),
                );
            }
        }
    }
}

/// The fields marked with one key attribute, with the attribute.
fn marked<'c, 'a>(
    cont: &'c Container<'a>,
    attr: impl Fn(&'c Field<'a>) -> &'c Option<Attr<()>>,
) -> Vec<(&'c Field<'a>, &'c Attr<()>)> {
    cont.fields()
        .iter()
        .filter_map(|field| attr(field).as_ref().map(|a| (field, a)))
        .collect()
}

/// A table has exactly one partition key.
fn exactly_one_partition_key(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Table || !is_named_struct(cont) {
        return;
    }
    let ident = cont.ident;
    let keys = marked(cont, |field| &field.attrs.partition_key);
    match keys.split_first() {
        // Built from a template instead (`template::key_is_a_field_or_a_template`).
        None if cont.attrs.partition_template.is_some() => {}
        None => cx.error_spanned_by(
            ident,
            format_args!(
                "`{ident}` has no partition key\n\
                 help: mark the field that identifies an item with `#[dynamodel(partition_key)]`"
            ),
        ),
        Some(((first, _), others)) => {
            for (_, attr) in others {
                cx.error_spanned_by(
                    attr,
                    format_args!(
                        "`{ident}` has two partition keys: `{}` is already the partition key\n\
                         help: a table has one partition key; mark a second key field `sort_key`",
                        first.rust_name()
                    ),
                );
            }
        }
    }
}

/// A table has at most one sort key.
fn at_most_one_sort_key(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Table {
        return;
    }
    let ident = cont.ident;
    let keys = marked(cont, |field| &field.attrs.sort_key);
    if let Some(((first, _), others)) = keys.split_first() {
        for (_, attr) in others {
            cx.error_spanned_by(
                attr,
                format_args!(
                    "`{ident}` has two sort keys: `{}` is already the sort key\n\
                     note: a table's primary key is one partition key and at most one sort key",
                    first.rust_name()
                ),
            );
        }
    }
}

/// The partition key and the sort key are two different attributes.
fn no_field_is_both_keys(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Projection {
        return; // Reported once, by `projection_fields_take_only_default`.
    }
    for field in cont.fields() {
        if let (Some(_), Some(sort_key)) = (&field.attrs.partition_key, &field.attrs.sort_key) {
            cx.error_spanned_by(
                sort_key,
                "a field cannot be both the partition key and the sort key",
            );
        }
    }
}

/// Every item stores its key attributes, never as NULL: key fields are not `skip`,
/// `nullable` or `default`.
fn key_fields_are_plain(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Projection {
        return; // Reported once, by `projection_fields_take_only_default`.
    }
    for field in cont.fields() {
        let key = if field.attrs.partition_key.is_some() {
            "partition key"
        } else if field.attrs.sort_key.is_some() {
            "sort key"
        } else {
            continue;
        };
        let conflicts = [
            (
                "skip",
                &field.attrs.skip,
                "every item stores its key attributes",
            ),
            (
                "nullable",
                &field.attrs.nullable,
                "key attributes cannot be NULL",
            ),
            (
                "default",
                &field.attrs.default,
                "every item has its key attributes",
            ),
        ];
        for (name, attr, reason) in conflicts {
            if let Some(attr) = attr {
                cx.error_spanned_by(
                    attr,
                    format_args!(
                        "the {key} `{}` cannot be `{name}`: {reason}",
                        field.rust_name()
                    ),
                );
            }
        }
    }
}

/// A skipped field is not stored and is filled with `Default::default()` when read, so
/// `rename`, `default` and `nullable` have nothing to act on. (Keys are checked above.)
fn skipped_fields_take_no_other_attributes(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Projection {
        return; // Reported once, by `projection_fields_take_only_default`.
    }
    for field in all_fields(cont) {
        if field.attrs.skip.is_none()
            || field.attrs.partition_key.is_some()
            || field.attrs.sort_key.is_some()
        {
            continue;
        }
        if let Some(default) = &field.attrs.default {
            cx.error_spanned_by(
                default,
                "`default` is implied by `skip`: a skipped field is filled with `Default::default()`",
            );
        }
        if let Some(nullable) = &field.attrs.nullable {
            cx.error_spanned_by(
                nullable,
                "`nullable` has no effect on a skipped field: it is not stored",
            );
        }
        if let Some(rename) = &field.attrs.rename {
            cx.error_spanned_by(
                rename,
                "`rename` has no effect on a skipped field: it is not stored",
            );
        }
    }
}

/// `nullable` stores `None` as NULL, so it applies to `Option` fields (which also read
/// NULL back as `None`).
fn nullable_fields_are_options(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Projection {
        return; // Reported once, by `projection_fields_take_only_default`.
    }
    for field in all_fields(cont) {
        if let Some(nullable) = &field.attrs.nullable {
            if !is_option(field.ty)
                && field.attrs.partition_key.is_none()
                && field.attrs.sort_key.is_none()
            {
                cx.error_spanned_by(
                    nullable,
                    "`nullable` applies to `Option` fields: it stores `None` as NULL instead of leaving the attribute out",
                );
            }
        }
    }
}

fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => {
            path.qself.is_none()
                && path
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "Option")
        }
        Type::Group(group) => is_option(&group.elem),
        Type::Paren(paren) => is_option(&paren.elem),
        _ => false,
    }
}

/// Field attributes apply to named fields: unnamed fields are stored by position.
fn unnamed_fields_take_no_attributes(cx: &Ctxt, cont: &Container<'_>) {
    for field in all_fields(cont) {
        if field.original.ident.is_some() {
            continue;
        }
        for tokens in field.attrs.all() {
            cx.error_spanned_by(
                tokens,
                "field attributes apply to named fields; unnamed fields are stored by position",
            );
        }
    }
}

/// A projection reads each field under the name of the table's field of the same name, and
/// the table declares keys and how absent and skipped attributes read: projection fields
/// take only `default` (an absent attribute reads as `Default::default()`).
fn projection_fields_take_only_default(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Projection {
        return;
    }
    for field in cont.fields() {
        if field.original.ident.is_none() {
            continue; // Reported as a shape error, and by `unnamed_fields_take_no_attributes`.
        }
        let attrs = &field.attrs;
        let rejected = [
            (
                "partition_key",
                attrs.partition_key.as_ref().map(|a| &a.tokens),
                "the table declares its keys",
            ),
            (
                "sort_key",
                attrs.sort_key.as_ref().map(|a| &a.tokens),
                "the table declares its keys",
            ),
            (
                "rename",
                attrs.rename.as_ref().map(|a| &a.tokens),
                "a field is read under the attribute name of the table's field of the same name",
            ),
            (
                "skip",
                attrs.skip.as_ref().map(|a| &a.tokens),
                "every field of a projection is read from the item; remove the field instead",
            ),
            (
                "nullable",
                attrs.nullable.as_ref().map(|a| &a.tokens),
                "a projection only reads items",
            ),
        ];
        for (name, tokens, reason) in rejected {
            if let Some(tokens) = tokens {
                cx.error_spanned_by(
                    tokens,
                    format_args!(
                        "`{name}` does not apply to the fields of a `#[derive(Projection)]` struct: {reason}\n\
                         note: projection fields take only `default`"
                    ),
                );
            }
        }
    }
}

/// Two stored fields of one struct (or struct variant) have different attribute names
/// after renaming. (A projection's fields are read under the table's names.)
fn attribute_names_are_unique(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Projection {
        return; // A projection reads under the table's names, which are unique.
    }
    let groups: Vec<&[Field<'_>]> = match &cont.data {
        Data::Struct(Style::Named, fields) => vec![fields],
        Data::Enum(variants) => variants
            .iter()
            .filter(|v| v.style == Style::Named)
            .map(|v| &v.fields[..])
            .collect(),
        _ => Vec::new(),
    };
    for fields in groups {
        let mut seen: BTreeMap<&str, &Field<'_>> = BTreeMap::new();
        for field in fields.iter().filter(|field| field.is_stored()) {
            match seen.get(field.name.as_str()) {
                Some(first) => {
                    let message = format!(
                        "fields `{}` and `{}` are both stored as the attribute `{}`\n\
                         help: give one of them another name with `#[dynamodel(rename = \"...\")]`",
                        first.rust_name(),
                        field.rust_name(),
                        field.name
                    );
                    match &field.attrs.rename {
                        Some(rename) => cx.error_spanned_by(rename, message),
                        None => cx.error_spanned_by(&field.member, message),
                    }
                }
                None => {
                    seen.insert(&field.name, field);
                }
            }
        }
    }
}

/// Two variants of an enum have different stored names after renaming.
fn variant_names_are_unique(cx: &Ctxt, cont: &Container<'_>) {
    let Data::Enum(variants) = &cont.data else {
        return;
    };
    let mut seen = BTreeMap::new();
    for variant in variants {
        match seen.get(variant.name.as_str()) {
            Some(first) => {
                let message = format!(
                    "variants `{first}` and `{}` are both stored as `{}`\n\
                     help: give one of them another name with `#[dynamodel(rename = \"...\")]`",
                    variant.ident, variant.name
                );
                match &variant.attrs.rename {
                    Some(rename) => cx.error_spanned_by(rename, message),
                    None => cx.error_spanned_by(variant.ident, message),
                }
            }
            None => {
                seen.insert(variant.name.as_str(), variant.ident);
            }
        }
    }
}

/// A table's items are owned values (`Table` requires `'static`): no lifetime parameters.
fn table_owns_its_data(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Table {
        return;
    }
    for param in &cont.generics.params {
        if let GenericParam::Lifetime(lifetime) = param {
            cx.error_spanned_by(
                lifetime,
                "`#[derive(Table)]` types own their data: a table struct cannot have lifetime parameters",
            );
        }
    }
}
