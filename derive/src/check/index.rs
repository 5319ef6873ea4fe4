//! Stage 3 for secondary indexes: the rules DynamoDB and the typed API put on
//! `global_index(...)` and `local_index(...)`, one function per rule.

use std::collections::BTreeMap;

use crate::ast::{Container, FieldRef, Index, Projected};
use crate::attr::{Derive, IndexKind, list, suggest};
use crate::ctxt::Ctxt;

/// DynamoDB's limits per table.
const MAX_GLOBAL_INDEXES: usize = 20;
const MAX_LOCAL_INDEXES: usize = 5;
/// Key attributes of one global index, per key part (multi-attribute keys).
const MAX_KEY_ATTRIBUTES: usize = 4;
/// Non-key attributes projected into all of a table's indexes together.
const MAX_PROJECTED_ATTRIBUTES: usize = 100;

pub(crate) fn check(cx: &Ctxt, cont: &Container<'_>) {
    if !indexes_only_on_tables(cx, cont) {
        return;
    }
    let indexes = cont.indexes();
    if indexes.is_empty() {
        return;
    }
    indexes_not_on_generic_tables(cx, cont);
    index_count_within_limits(cx, cont, &indexes);
    index_names_are_unique(cx, &indexes);
    index_rust_names_are_unique(cx, cont, &indexes);
    projected_attributes_within_limit(cx, &indexes);
    for index in &indexes {
        index_has_name(cx, index);
        global_index_has_partition_key(cx, index);
        local_index_shares_partition_key(cx, cont, index);
        local_index_has_one_sort_key(cx, cont, index);
        global_index_keys_within_limits(cx, index);
        index_fields_exist(cx, cont, index);
        index_key_fields_are_distinct(cx, index);
        index_key_fields_are_not_nullable(cx, index);
        included_fields_are_not_keys(cx, cont, index);
        throughput_fits_billing(cx, cont, index);
        item_derives_need_an_item_struct(cx, cont, index);
    }
}

/// `global_index` and `local_index` describe a table's indexes: `#[derive(Table)]` only.
/// Returns whether the indexes are worth checking further.
fn indexes_only_on_tables(cx: &Ctxt, cont: &Container<'_>) -> bool {
    if cont.derive == Derive::Table {
        return true;
    }
    for index in &cont.attrs.indexes {
        cx.error_spanned_by(
            &index.tokens,
            format_args!(
                "`{}` applies to `#[derive(Table)]`: secondary indexes belong to a table",
                index.kind.key()
            ),
        );
    }
    false
}

/// Index marker types are not generic, so a generic table has no indexes.
fn indexes_not_on_generic_tables(cx: &Ctxt, cont: &Container<'_>) {
    if cont.generics.params.is_empty() {
        return;
    }
    if let Some(index) = cont.attrs.indexes.first() {
        cx.error_spanned_by(
            &index.tokens,
            format_args!(
                "secondary indexes are not supported on generic tables: `{}` has type parameters\nhelp: declare the index on a non-generic table struct",
                cont.ident
            ),
        );
    }
}

/// A table has at most 20 global and 5 local secondary indexes.
fn index_count_within_limits(cx: &Ctxt, cont: &Container<'_>, indexes: &[Index<'_, '_>]) {
    for (kind, max) in [
        (IndexKind::Global, MAX_GLOBAL_INDEXES),
        (IndexKind::Local, MAX_LOCAL_INDEXES),
    ] {
        let of_kind: Vec<_> = indexes.iter().filter(|index| index.kind == kind).collect();
        for extra in of_kind.iter().skip(max) {
            cx.error_spanned_by(
                &extra.attr.tokens,
                format_args!(
                    "`{}` has more than {max} `{}`s: DynamoDB allows at most {max} per table",
                    cont.ident,
                    kind.key()
                ),
            );
        }
    }
}

/// Index names are unique within a table, across global and local indexes.
fn index_names_are_unique(cx: &Ctxt, indexes: &[Index<'_, '_>]) {
    let mut seen = BTreeMap::new();
    for index in indexes {
        let Some(name) = &index.attr.name else {
            continue;
        };
        if seen.insert(name.value.as_str(), ()).is_some() {
            cx.error_spanned_by(
                name,
                format_args!(
                    "two indexes are named `{}`: index names are unique within a table",
                    name.value
                ),
            );
        }
    }
}

/// Two index names do not give the same Rust names (`by_user` and `byUser` both give
/// `by_user()`): the generated items would clash.
fn index_rust_names_are_unique(cx: &Ctxt, cont: &Container<'_>, indexes: &[Index<'_, '_>]) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for index in indexes {
        let Some(name) = &index.attr.name else {
            continue;
        };
        let key = index.name_words().join("_").to_ascii_lowercase();
        match seen.get(&key) {
            Some(first) if *first != name.value => cx.error_spanned_by(
                name,
                format_args!(
                    "indexes `{first}` and `{}` would both generate `{}::{key}()`\nhelp: rename one of them",
                    name.value, cont.ident
                ),
            ),
            Some(_) => {} // The same name, reported by `index_names_are_unique`.
            None => {
                seen.insert(key, &name.value);
            }
        }
    }
}

/// Every index has a name: `name = "..."`.
fn index_has_name(cx: &Ctxt, index: &Index<'_, '_>) {
    if index.attr.name.is_none() {
        cx.error_spanned_by(
            &index.attr.tokens,
            format_args!(
                "`{}` needs a name\nhelp: add `name = \"...\"`, as in `{}`",
                index.kind.key(),
                crate::attr::index_form(index.kind)
            ),
        );
    }
}

/// A global index has its own partition key: `partition_key = "field"`.
fn global_index_has_partition_key(cx: &Ctxt, index: &Index<'_, '_>) {
    if index.kind == IndexKind::Global && index.attr.partition_key.is_none() {
        cx.error_spanned_by(
            &index.attr.tokens,
            "a `global_index` needs a partition key\nhelp: add `partition_key = \"field\"` (or `partition_key(\"a\", \"b\")` for a multi-attribute key)",
        );
    }
}

/// A local index shares the table's partition key and declares none of its own.
fn local_index_shares_partition_key(cx: &Ctxt, cont: &Container<'_>, index: &Index<'_, '_>) {
    if let (IndexKind::Local, Some(partition_key)) = (index.kind, &index.attr.partition_key) {
        let table_key = cont
            .partition_key()
            .map_or_else(String::new, |field| format!(" `{}`", field.rust_name()));
        cx.error_spanned_by(
            partition_key,
            format_args!(
                "a `local_index` shares the table's partition key{table_key}\nhelp: remove `partition_key`, or declare a `global_index` to partition by another field"
            ),
        );
    }
}

/// A local index has exactly one sort key attribute, on a table that has a sort key.
fn local_index_has_one_sort_key(cx: &Ctxt, cont: &Container<'_>, index: &Index<'_, '_>) {
    if index.kind != IndexKind::Local {
        return;
    }
    match &index.attr.sort_key {
        None => cx.error_spanned_by(
            &index.attr.tokens,
            "a `local_index` needs a sort key\nhelp: add `sort_key = \"field\"`",
        ),
        Some(sort_key) if sort_key.value.len() > 1 => cx.error_spanned_by(
            sort_key,
            "a `local_index` has one sort key attribute: multi-attribute keys are for `global_index`",
        ),
        Some(_) => {}
    }
    if cont.sort_key().is_none() {
        cx.error_spanned_by(
            &index.attr.tokens,
            format_args!(
                "`{}` has no sort key, so it cannot have a `local_index`: DynamoDB only adds local indexes to tables with a sort key\nhelp: declare a `global_index` instead",
                cont.ident
            ),
        );
    }
}

/// A global index key has at most 4 partition and 4 sort attributes.
fn global_index_keys_within_limits(cx: &Ctxt, index: &Index<'_, '_>) {
    if index.kind != IndexKind::Global {
        return;
    }
    let parts = [
        ("partition", &index.attr.partition_key),
        ("sort", &index.attr.sort_key),
    ];
    for (part, key) in parts {
        if let Some(key) = key {
            if key.value.len() > MAX_KEY_ATTRIBUTES {
                cx.error_spanned_by(
                    key,
                    format_args!(
                        "a {part} key has at most {MAX_KEY_ATTRIBUTES} attributes, found {}",
                        key.value.len()
                    ),
                );
            }
        }
    }
}

/// Every field an index names is a stored field of the struct.
fn index_fields_exist(cx: &Ctxt, cont: &Container<'_>, index: &Index<'_, '_>) {
    let included: &[FieldRef<'_, '_>] = match &index.projection {
        Projected::Include(fields) => fields,
        Projected::All | Projected::KeysOnly => &[],
    };
    let names: Vec<String> = cont
        .fields()
        .iter()
        .filter(|field| field.is_stored())
        .map(|field| field.rust_name())
        .collect();
    for field_ref in index
        .partition_key
        .iter()
        .chain(&index.sort_key)
        .chain(included)
    {
        let name = field_ref.lit.value();
        match field_ref.field {
            None => {
                let mut message = format!("`{}` has no field `{name}`", cont.ident);
                if let Some(suggestion) = suggest(&name, names.iter().map(String::as_str)) {
                    message += &format!("\nhelp: did you mean `{suggestion}`?");
                }
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                message += &format!(
                    "\nnote: index settings name the struct's fields: {}",
                    list(&names)
                );
                cx.error_spanned_by(field_ref.lit, message);
            }
            Some(field) if !field.is_stored() => cx.error_spanned_by(
                field_ref.lit,
                format_args!(
                    "the field `{name}` is `skip`: it is not stored, so no index can hold it"
                ),
            ),
            Some(_) => {}
        }
    }
}

/// An index key names each field once.
fn index_key_fields_are_distinct(cx: &Ctxt, index: &Index<'_, '_>) {
    let mut seen = BTreeMap::new();
    for field_ref in index.partition_key.iter().chain(&index.sort_key) {
        let name = field_ref.lit.value();
        if seen.insert(name.clone(), ()).is_some() {
            cx.error_spanned_by(
                field_ref.lit,
                format_args!(
                    "the field `{name}` appears twice in the key of index `{}`",
                    index.name
                ),
            );
        }
    }
}

/// A `nullable` field stores `None` as NULL, which DynamoDB rejects as an index key value
/// (an index key attribute is absent or of the key's type).
fn index_key_fields_are_not_nullable(cx: &Ctxt, index: &Index<'_, '_>) {
    for field_ref in index.partition_key.iter().chain(&index.sort_key) {
        if let Some(field) = field_ref
            .field
            .filter(|field| field.attrs.nullable.is_some())
        {
            cx.error_spanned_by(
                field_ref.lit,
                format_args!(
                    "the field `{}` is `nullable`, so it cannot be an index key: DynamoDB rejects a write whose index key attribute is NULL\nhelp: remove `nullable`: a `None` key is left out of the item, which leaves the item out of the index",
                    field.rust_name()
                ),
            );
        }
    }
}

/// `include(...)` names non-key fields, each once: every index holds the table's and its
/// own key attributes already.
fn included_fields_are_not_keys(cx: &Ctxt, cont: &Container<'_>, index: &Index<'_, '_>) {
    let Projected::Include(fields) = &index.projection else {
        return;
    };
    let mut seen = BTreeMap::new();
    for field_ref in fields {
        let name = field_ref.lit.value();
        if seen.insert(name.clone(), ()).is_some() {
            cx.error_spanned_by(field_ref.lit, format_args!("`{name}` is included twice"));
            continue;
        }
        let Some(field) = field_ref.field else {
            continue;
        };
        let table_key = field.attrs.partition_key.is_some() || field.attrs.sort_key.is_some();
        if table_key || index.is_key(cont, field) {
            let whose = if table_key { "the table" } else { "the index" };
            cx.error_spanned_by(
                field_ref.lit,
                format_args!(
                    "`{name}` is a key attribute of {whose}: every index holds the key attributes already\nhelp: remove it from `include(...)`"
                ),
            );
        }
    }
}

/// The `include(...)` lists of all of a table's indexes name at most 100 attributes.
fn projected_attributes_within_limit(cx: &Ctxt, indexes: &[Index<'_, '_>]) {
    let mut total = 0;
    for index in indexes {
        if let Projected::Include(fields) = &index.projection {
            total += fields.len();
            if total > MAX_PROJECTED_ATTRIBUTES {
                cx.error_spanned_by(
                    &index.attr.tokens,
                    format_args!(
                        "the indexes of a table project at most {MAX_PROJECTED_ATTRIBUTES} non-key attributes in all, found {total} in `include(...)` lists"
                    ),
                );
                return;
            }
        }
    }
}

/// A global index of a provisioned table has its own throughput; an on-demand table's
/// global indexes and every local index have none.
fn throughput_fits_billing(cx: &Ctxt, cont: &Container<'_>, index: &Index<'_, '_>) {
    let provisioned = cont.attrs.read_capacity.is_some() || cont.attrs.write_capacity.is_some();
    match (index.kind, &index.attr.throughput, provisioned) {
        (IndexKind::Local, Some(throughput), _) => cx.error_spanned_by(
            throughput,
            "a `local_index` uses the table's throughput: `throughput` applies to `global_index`",
        ),
        (IndexKind::Global, Some(throughput), false) => cx.error_spanned_by(
            throughput,
            format_args!(
                "`{}` is billed on demand, so its global indexes take no `throughput`\nhelp: remove `throughput`, or give the table `read_capacity` and `write_capacity`",
                cont.ident
            ),
        ),
        (IndexKind::Global, None, true) => cx.error_spanned_by(
            &index.attr.tokens,
            format_args!(
                "`{}` has provisioned capacity, so each global index needs its own\nhelp: add `throughput(read = 5, write = 5)`",
                cont.ident
            ),
        ),
        _ => {}
    }
}

/// `derive(...)` applies to the generated item struct, which an `ALL` index does not have
/// (its items are the table's struct).
fn item_derives_need_an_item_struct(cx: &Ctxt, cont: &Container<'_>, index: &Index<'_, '_>) {
    if let (Projected::All, Some(derives)) = (&index.projection, &index.attr.derives) {
        cx.error_spanned_by(
            derives,
            format_args!(
                "index `{}` projects all attributes, so its items are `{}` and no item struct is generated for `derive(...)`\nhelp: remove `derive(...)`",
                index.name, cont.ident
            ),
        );
    }
}
