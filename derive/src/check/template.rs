//! Stage 3 for key templates and entities: one function per rule.

use std::collections::BTreeMap;

use quote::ToTokens;

use crate::ast::Container;
use crate::attr::{Derive, KeyRole, list, suggest};
use crate::ctxt::Ctxt;

pub(super) fn check(cx: &Ctxt, cont: &Container<'_>) {
    single_table_attributes_only_in_tables(cx, cont);
    key_is_a_field_or_a_template(cx, cont);
    template_fields_exist(cx, cont);
    key_only_fields_are_template_fields(cx, cont);
    key_and_entity_attributes_are_unique(cx, cont);
    entity_attribute_needs_entity(cx, cont);
    templates_are_not_generic(cx, cont);
}

/// Key templates, entities and `key_only` describe how a table stores its items; they
/// apply to `#[derive(Table)]` only.
fn single_table_attributes_only_in_tables(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Table {
        return;
    }
    let attrs = &cont.attrs;
    let container = [
        attrs.partition_template.as_ref().map(|t| &t.tokens),
        attrs.sort_template.as_ref().map(|t| &t.tokens),
        attrs.entity.as_ref().map(|a| &a.tokens),
        attrs.entity_attribute.as_ref().map(|a| &a.tokens),
    ];
    for tokens in container.into_iter().flatten() {
        cx.error_spanned_by(
            tokens,
            format_args!(
                "key templates and entities apply to `#[derive(Table)]`, not `#[derive({})]`",
                cont.derive.name()
            ),
        );
    }
    for field in cont.fields() {
        if let Some(key_only) = &field.attrs.key_only {
            cx.error_spanned_by(
                key_only,
                "`key_only` applies to the key template fields of a `#[derive(Table)]` struct",
            );
        }
    }
}

/// A key is either a marked field or a template on the struct, not both.
fn key_is_a_field_or_a_template(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Table {
        return;
    }
    for role in [KeyRole::Partition, KeyRole::Sort] {
        let field = match role {
            KeyRole::Partition => cont.partition_key(),
            KeyRole::Sort => cont.sort_key(),
        };
        if let (Some(field), Some(template)) = (field, cont.template_key(role)) {
            cx.error_spanned_by(
                &template.tokens,
                format_args!(
                    "`{}` has two {} keys: the field `{}` and this template\n\
                     help: remove `#[dynamodel({})]` from the field, or this template",
                    cont.ident,
                    if role == KeyRole::Partition {
                        "partition"
                    } else {
                        "sort"
                    },
                    field.rust_name(),
                    role.key(),
                ),
            );
        }
    }
}

/// Every `{field}` of a template names a stored field of the struct.
fn template_fields_exist(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Table {
        return;
    }
    let names: Vec<String> = cont.fields().iter().map(|f| f.rust_name()).collect();
    for role in [KeyRole::Partition, KeyRole::Sort] {
        let Some(template) = cont.template_key(role).and_then(|t| t.template.as_ref()) else {
            continue;
        };
        for name in template.fields() {
            match cont.field_named(name) {
                None => {
                    let mut message = format!(
                        "the key template `{}` names `{name}`, which is not a field of `{}`",
                        template.text, cont.ident
                    );
                    if let Some(near) = suggest(name, names.iter().map(String::as_str)) {
                        message += &format!("\nhelp: did you mean `{near}`?");
                    }
                    let fields: Vec<&str> = names.iter().map(String::as_str).collect();
                    message += &format!("\nnote: the fields are {}", list(&fields));
                    cx.error_spanned_by(&template.lit, message);
                }
                Some(field) if field.attrs.skip.is_some() => cx.error_spanned_by(
                    &template.lit,
                    format_args!(
                        "the key template `{}` names the skipped field `{name}`: a key is written from stored values\n\
                         help: remove `skip`, or use `key_only` to store the field only inside the key",
                        template.text
                    ),
                ),
                Some(_) => {}
            }
        }
    }
}

/// `key_only` stores a field only inside the keys it is part of, so it applies to template
/// fields, and `rename`, `default` and `nullable` have nothing to act on.
fn key_only_fields_are_template_fields(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Table {
        return;
    }
    let in_template = |name: &str| {
        [KeyRole::Partition, KeyRole::Sort].into_iter().any(|role| {
            cont.template_key(role)
                .and_then(|t| t.template.as_ref())
                .is_some_and(|t| t.fields().any(|field| field == name))
        })
    };
    for field in cont.fields() {
        let Some(key_only) = &field.attrs.key_only else {
            continue;
        };
        if !in_template(&field.rust_name()) {
            cx.error_spanned_by(
                key_only,
                format_args!(
                    "`{}` is `key_only` but no key template names it: it would not be stored anywhere",
                    field.rust_name()
                ),
            );
        }
        let others = [
            ("skip", field.attrs.skip.as_ref().map(|a| &a.tokens)),
            ("rename", field.attrs.rename.as_ref().map(|a| &a.tokens)),
            ("default", field.attrs.default.as_ref().map(|a| &a.tokens)),
            ("nullable", field.attrs.nullable.as_ref().map(|a| &a.tokens)),
        ];
        for (name, tokens) in others {
            if let Some(tokens) = tokens {
                cx.error_spanned_by(
                    tokens,
                    format_args!(
                        "`{name}` has no effect on a `key_only` field: it is read from the key, not from an attribute of its own"
                    ),
                );
            }
        }
    }
}

/// The template keys and the entity attribute are attributes of the item: their names
/// differ from each other and from the stored fields' names.
fn key_and_entity_attributes_are_unique(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive != Derive::Table {
        return;
    }
    let mut taken: BTreeMap<&str, String> = cont
        .fields()
        .iter()
        .filter(|field| field.is_stored())
        .map(|field| {
            (
                field.name.as_str(),
                format!("the field `{}`", field.rust_name()),
            )
        })
        .collect();
    let keys = [KeyRole::Partition, KeyRole::Sort]
        .into_iter()
        .filter_map(|role| cont.template_key(role))
        .filter_map(|key| {
            let name = key.name.as_ref()?;
            let what = format!("the {} template", key.role.key().replace('_', " "));
            Some((name.value.as_str(), name.to_token_stream(), what))
        });
    let entity = cont.attrs.entity.as_ref().map(|entity| {
        let tokens = cont
            .attrs
            .entity_attribute
            .as_ref()
            .map_or_else(|| entity.to_token_stream(), ToTokens::to_token_stream);
        (
            cont.entity_attribute(),
            tokens,
            "the entity attribute".to_owned(),
        )
    });
    for (name, tokens, what) in keys.chain(entity) {
        match taken.get(name) {
            Some(first) => cx.error_spanned_by(
                tokens,
                format_args!(
                    "{what} and {first} are both stored as the attribute `{name}`\n\
                     help: give one of them another name"
                ),
            ),
            None => {
                taken.insert(name, what);
            }
        }
    }
}

/// `entity_attribute` names where the entity is recorded, so it needs `entity`.
fn entity_attribute_needs_entity(cx: &Ctxt, cont: &Container<'_>) {
    if let (Some(attribute), None, Derive::Table) = (
        &cont.attrs.entity_attribute,
        &cont.attrs.entity,
        cont.derive,
    ) {
        cx.error_spanned_by(
            attribute,
            "`entity_attribute` needs `entity`: it names the attribute that records the entity\n\
             help: add `entity = \"...\"`",
        );
    }
}

/// The key types generated for templates are not generic.
fn templates_are_not_generic(cx: &Ctxt, cont: &Container<'_>) {
    if cont.derive == Derive::Table
        && cont.has_templates()
        && cont.generics.type_params().next().is_some()
    {
        cx.error_spanned_by(
            cont.generics,
            "key templates are not supported on generic tables: the generated key types are not generic",
        );
    }
}
