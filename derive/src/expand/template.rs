//! `#[derive(Table)]` for single-table design: the key types generated from key templates
//! (`PostPartitionKey`, `PostSortKey`), the typed sort key prefixes (`PostSortPrefix<N>`),
//! the `Entity` impl, and what `to_item`/`from_item` add for them.
//!
//! ```text
//! pub struct PostSortKey { pub posted_at: u64, pub post_id: String }   // "POST#{posted_at}#{post_id}"
//! impl Attribute + KeyAttribute + BeginsWith + KeyTemplate for PostSortKey
//! pub struct PostSortPrefix<const N: usize>(KeyPrefix<PostSortKey>);   // N fields fixed
//! impl PostSortPrefix<0> { fn posted_at(..) -> PostSortPrefix<1>; fn posted_at_in(range) -> KeyRange<..> }
//! impl Post { fn key(author, posted_at, post_id); fn partition(author); fn sort_prefix(); fn parse_key(&Item) }
//! ```
//!
//! Template field types get higher-ranked `KeySegment` bounds on every impl that encodes
//! them, and one assertion function reports a type that is not a segment once, on the
//! field's type.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Type, WherePredicate, parse_quote};

use super::table::is_number;
use super::{codec, fields};
use crate::ast::{Container, Field, KeyDef, TemplatedKey};
use crate::attr::KeyRole;

/// The Rust type of a key: the field's type, or the generated key type.
pub(crate) fn key_type(key: &KeyDef<'_, '_>) -> TokenStream {
    match key {
        KeyDef::Field(field) => {
            let ty = field.ty;
            quote!(#ty)
        }
        KeyDef::Template(key) => {
            let ident = &key.ident;
            quote!(#ident)
        }
    }
}

/// The key of `self`, as an expression.
pub(crate) fn key_value(key: &KeyDef<'_, '_>) -> TokenStream {
    match key {
        KeyDef::Field(field) => {
            let member = &field.member;
            quote!(::dynamodel::__private::Clone::clone(&self.#member))
        }
        KeyDef::Template(key) => {
            let ident = &key.ident;
            let members = key.fields.iter().map(|field| &field.member);
            quote!(#ident { #(#members: ::dynamodel::__private::Clone::clone(&self.#members),)* })
        }
    }
}

/// The template fields' types that are not obviously segments (`String`, integers), once.
fn segment_types<'a>(cont: &Container<'a>) -> Vec<&'a Type> {
    let mut types: Vec<&'a Type> = Vec::new();
    let keys = [cont.partition_key_def(), cont.sort_key_def()];
    for key in keys.iter().flatten().filter_map(KeyDef::templated) {
        for field in &key.fields {
            let builtin = (is_number(field.ty) && !is_float(field.ty)) || is_string(field.ty);
            if !builtin && !types.contains(&field.ty) {
                types.push(field.ty);
            }
        }
    }
    types
}

/// A higher-ranked `KeySegment` bound for each template field type, so that the impls
/// type-check even when one is not a segment (reported once by `segment_assertions`).
pub(crate) fn segment_bounds(cont: &Container<'_>) -> Vec<WherePredicate> {
    segment_types(cont)
        .into_iter()
        .map(|ty| parse_quote!(for<'__dynamodel> #ty: ::dynamodel::KeySegment))
        .collect()
}

fn where_clause(cont: &Container<'_>) -> TokenStream {
    let bounds = segment_bounds(cont);
    if bounds.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#bounds),*)
    }
}

/// The generated types users name (outside the `const _` wrapper): one struct per key
/// template, and the prefix builder of a sort key template with fields.
pub(crate) fn items(cont: &Container<'_>) -> TokenStream {
    let vis = cont.vis;
    let table = cont.ident;
    let mut items = TokenStream::new();
    for key in templated_keys(cont) {
        let ident = &key.ident;
        let doc = format!(
            " The {} of `{table}`: the key template `{}`, whose fields are below.",
            role_name(key.role),
            key.template.text
        );
        let fields = key.fields.iter().map(|field| {
            let (member, ty) = (&field.member, field.ty);
            let doc = format!(" `{{{}}}` of the template.", field.rust_name());
            quote!(#[doc = #doc] #vis #member: #ty)
        });
        items.extend(quote! {
            #[doc = #doc]
            #vis struct #ident { #(#fields,)* }
        });
        if key.role == KeyRole::Sort && !key.fields.is_empty() {
            let prefix = prefix_ident(cont);
            let doc = format!(
                " Typed prefixes of the sort key of `{table}` (`{}`), from `{table}::sort_prefix()`: `N` leading fields are fixed.",
                key.template.text
            );
            items.extend(quote! {
                #[doc = #doc]
                #vis struct #prefix<const N: usize>(::dynamodel::KeyPrefix<#ident>);
            });
        }
    }
    items
}

/// The impls of the generated types, the `Entity` impl, and the inherent functions
/// `partition`, `sort_prefix` and `parse_key` (inside the `const _` wrapper).
pub(crate) fn impls(cont: &Container<'_>) -> TokenStream {
    let mut impls = TokenStream::new();
    let keys = templated_keys(cont);
    for key in &keys {
        impls.extend(key_impls(cont, key));
        if key.role == KeyRole::Sort && !key.fields.is_empty() {
            impls.extend(prefix_impls(cont, key));
        }
    }
    impls.extend(entity_impl(cont));
    if !keys.is_empty() {
        impls.extend(inherent_fns(cont, &keys));
        impls.extend(segment_assertions(cont));
    }
    impls
}

fn templated_keys<'c, 'a>(cont: &'c Container<'a>) -> Vec<TemplatedKey<'c, 'a>> {
    [cont.partition_key_def(), cont.sort_key_def()]
        .into_iter()
        .flatten()
        .filter_map(|key| match key {
            KeyDef::Template(key) => Some(key),
            KeyDef::Field(_) => None,
        })
        .collect()
}

fn role_name(role: KeyRole) -> &'static str {
    match role {
        KeyRole::Partition => "partition key",
        KeyRole::Sort => "sort key",
    }
}

fn prefix_ident(cont: &Container<'_>) -> Ident {
    format_ident!("{}SortPrefix", cont.ident)
}

/// `Clone`, `Debug`, `PartialEq`, `Attribute`, `KeyAttribute`, `KeyTemplate` (and for a
/// sort key, `BeginsWith`) for a generated key type.
fn key_impls(cont: &Container<'_>, key: &TemplatedKey<'_, '_>) -> TokenStream {
    let ident = &key.ident;
    let name = ident.to_string();
    let template = &key.template.text;
    let where_clause = where_clause(cont);
    let members: Vec<_> = key.fields.iter().map(|field| &field.member).collect();
    let names: Vec<String> = key.fields.iter().map(|field| field.rust_name()).collect();
    let equal = if members.is_empty() {
        quote!(let _ = __other; true)
    } else {
        quote!(#(self.#members == __other.#members)&&*)
    };
    let begins_with = (key.role == KeyRole::Sort).then(|| {
        quote! {
            #[automatically_derived]
            impl ::dynamodel::BeginsWith for #ident #where_clause {}
        }
    });
    quote! {
        #[automatically_derived]
        impl ::dynamodel::__private::Clone for #ident #where_clause {
            fn clone(&self) -> Self {
                #ident { #(#members: ::dynamodel::__private::Clone::clone(&self.#members),)* }
            }
        }

        #[automatically_derived]
        impl ::dynamodel::__private::fmt::Debug for #ident #where_clause {
            fn fmt(&self, __f: &mut ::dynamodel::__private::fmt::Formatter<'_>) -> ::dynamodel::__private::fmt::Result {
                __f.debug_struct(#name) #(.field(#names, &self.#members))* .finish()
            }
        }

        #[automatically_derived]
        impl ::dynamodel::__private::PartialEq for #ident #where_clause {
            fn eq(&self, __other: &Self) -> bool {
                #equal
            }
        }

        #[automatically_derived]
        impl ::dynamodel::Attribute for #ident #where_clause {
            fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
                let mut __key = ::dynamodel::__private::KeyWriter::new(#template);
                #(__key.segment(#names, &self.#members)?;)*
                ::dynamodel::__private::Result::Ok(::dynamodel::AttributeValue::S(__key.finish()?))
            }

            fn from_attribute(__value: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
                #[allow(unused_mut)]
                let mut __key = ::dynamodel::__private::KeyReader::new(#template, __value)?;
                ::dynamodel::__private::Result::Ok(#ident { #(#members: __key.segment(#names)?,)* })
            }
        }

        #[automatically_derived]
        impl ::dynamodel::KeyAttribute for #ident #where_clause {
            const SCALAR_TYPE: ::dynamodel::__private::ScalarAttributeType =
                ::dynamodel::__private::ScalarAttributeType::S;
        }

        #[automatically_derived]
        impl ::dynamodel::KeyTemplate for #ident #where_clause {
            const TEMPLATE: &'static str = #template;
        }

        #begins_with
    }
}

/// The steps of the prefix builder: step `n` fixes field `n` (not the last, which would
/// make the whole key: compare it with `sort_eq`) or takes a range of it.
fn prefix_impls(cont: &Container<'_>, key: &TemplatedKey<'_, '_>) -> TokenStream {
    let vis = cont.vis;
    let prefix = prefix_ident(cont);
    let key_ident = &key.ident;
    let where_clause = where_clause(cont);
    let template = &key.template.text;
    let last = key.fields.len() - 1;
    let steps = key.fields.iter().enumerate().map(|(step, field)| {
        let name = field.rust_name();
        let ty = field.ty;
        let fix = (step < last).then(|| {
            let method = field_ident(field);
            let next = step + 1;
            let doc = format!(
                " Fixes `{name}`: the keys of `{template}` with this `{name}` and any later fields."
            );
            let (param, value) = parameter(field);
            let param_name = field_ident(field);
            quote! {
                #[doc = #doc]
                #vis fn #method(self, #param_name: #param) -> #prefix<#next> {
                    #prefix(self.0.fix::<#ty>(#name, &#value))
                }
            }
        });
        // Strings have no fixed-width encoding, so they take no ranges (`OrderedSegment`).
        let range = (!is_string(ty)).then(|| {
            let method = format_ident!("{name}_in");
            let doc = format!(
                " The keys of `{template}` whose `{name}` is in an inclusive range (`a..=b`, `a..`, `..=b`), in `{name}` order; `{name}` must be an `OrderedSegment`."
            );
            quote! {
                #[doc = #doc]
                #vis fn #method(self, range: impl ::dynamodel::key_template::SegmentRange<#ty>) -> ::dynamodel::KeyRange<#key_ident> {
                    self.0.range::<#ty>(#name, range)
                }
            }
        });
        quote! {
            #[automatically_derived]
            impl #prefix<#step> #where_clause {
                #fix
                #range
            }
        }
    });
    quote! {
        #(#steps)*

        #[automatically_derived]
        impl<const N: usize> ::dynamodel::expr::AsValue<#key_ident> for #prefix<N> #where_clause {
            fn to_value(self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
                ::dynamodel::expr::AsValue::<#key_ident>::to_value(self.0)
            }
        }

        #[automatically_derived]
        impl<const N: usize> ::dynamodel::__private::SortKeyMatch for #prefix<N> #where_clause {
            type Key = #key_ident;

            fn sort_condition(self) -> ::dynamodel::Result<::dynamodel::client::SortCondition> {
                ::dynamodel::__private::SortKeyMatch::sort_condition(self.0)
            }
        }

        #[automatically_derived]
        impl<const N: usize> ::dynamodel::__private::fmt::Debug for #prefix<N> {
            fn fmt(&self, __f: &mut ::dynamodel::__private::fmt::Formatter<'_>) -> ::dynamodel::__private::fmt::Result {
                ::dynamodel::__private::fmt::Debug::fmt(&self.0, __f)
            }
        }
    }
}

/// The parameter type of a field in a constructor (numbers by value, so that literals
/// infer their type; others `impl Into<T>`), and the expression of its value.
fn parameter(field: &Field<'_>) -> (TokenStream, TokenStream) {
    let ty = field.ty;
    let ident = field_ident(field);
    if is_number(ty) {
        (quote!(#ty), quote!(#ident))
    } else {
        (
            quote!(impl ::dynamodel::__private::Into<#ty>),
            quote!(::dynamodel::__private::Into::<#ty>::into(#ident)),
        )
    }
}

fn field_ident(field: &Field<'_>) -> Ident {
    field
        .original
        .ident
        .clone()
        .unwrap_or_else(|| format_ident!("field"))
}

/// `key(..)`, `partition(..)`, `sort_prefix()` and `parse_key(&item)`.
fn inherent_fns(cont: &Container<'_>, keys: &[TemplatedKey<'_, '_>]) -> TokenStream {
    let vis = cont.vis;
    let ident = cont.ident;
    let where_clause = where_clause(cont);
    let mut fns = TokenStream::new();
    if let Some(key) = keys.iter().find(|key| key.role == KeyRole::Partition) {
        let key_ident = &key.ident;
        let params = key.fields.iter().map(|field| {
            let (param, _) = parameter(field);
            let name = field_ident(field);
            quote!(#name: #param)
        });
        let values = key.fields.iter().map(|field| {
            let (_, value) = parameter(field);
            let member = &field.member;
            quote!(#member: #value)
        });
        let doc = format!(
            " The partition key `{}` of the `{ident}` items with these fields: query a partition with it.",
            key.template.text
        );
        fns.extend(quote! {
            #[doc = #doc]
            #[allow(dead_code)]
            #vis fn partition(#(#params),*) -> #key_ident {
                #key_ident { #(#values,)* }
            }
        });
    }
    if let Some(key) = keys
        .iter()
        .find(|key| key.role == KeyRole::Sort && !key.fields.is_empty())
    {
        let prefix = prefix_ident(cont);
        let template = &key.template.text;
        let doc = format!(
            " The prefix of every `{ident}` sort key (`{template}`); fix leading fields with its methods."
        );
        fns.extend(quote! {
            #[doc = #doc]
            #[allow(dead_code)]
            #vis fn sort_prefix() -> #prefix<0> {
                #prefix(::dynamodel::KeyPrefix::new(#template))
            }
        });
    }
    let sort = match cont.sort_key_def() {
        Some(key) => {
            let name = key.name();
            quote!(::dynamodel::__private::read_key(__item, #name)?)
        }
        None => quote!(::dynamodel::NoSortKey),
    };
    let partition = cont
        .partition_key_def()
        .map(|key| key.name().to_owned())
        .unwrap_or_default();
    fns.extend(quote! {
        /// Reads the primary key of an item of this table (such as a page's
        /// `last_evaluated_key`), parsing the key templates.
        #[allow(dead_code)]
        #vis fn parse_key(__item: &::dynamodel::Item) -> ::dynamodel::Result<::dynamodel::Key<Self>> {
            ::dynamodel::__private::Result::Ok(::dynamodel::Key::new(
                ::dynamodel::__private::read_key(__item, #partition)?,
                #sort,
            ))
        }
    });
    quote! {
        #[automatically_derived]
        impl #ident #where_clause {
            #fns
        }
    }
}

/// `pub fn key(..) -> Key<Self>` for a table with a key template: one parameter per field
/// of either key, in order of first appearance.
pub(crate) fn constructor(
    cont: &Container<'_>,
    partition_key: &KeyDef<'_, '_>,
    sort_key: Option<&KeyDef<'_, '_>>,
) -> TokenStream {
    let vis = cont.vis;
    let mut fields: Vec<&Field<'_>> = Vec::new();
    for field in key_fields(partition_key)
        .into_iter()
        .chain(sort_key.map(key_fields).unwrap_or_default())
    {
        if !fields.iter().any(|f| f.member == field.member) {
            fields.push(field);
        }
    }
    let params = fields.iter().map(|field| {
        let (param, _) = parameter(field);
        let name = field_ident(field);
        quote!(#name: #param)
    });
    let locals = fields.iter().map(|field| {
        let (_, value) = parameter(field);
        let (name, ty) = (field_ident(field), field.ty);
        quote!(let #name: #ty = #value;)
    });
    let value = |key: &KeyDef<'_, '_>| match key {
        KeyDef::Field(field) => {
            let name = field_ident(field);
            quote!(::dynamodel::__private::Clone::clone(&#name))
        }
        KeyDef::Template(key) => {
            let ident = &key.ident;
            let members = key.fields.iter().map(|field| &field.member);
            let names = key.fields.iter().map(|field| field_ident(field));
            quote!(#ident { #(#members: ::dynamodel::__private::Clone::clone(&#names),)* })
        }
    };
    let partition = value(partition_key);
    let sort = sort_key.map_or_else(|| quote!(::dynamodel::NoSortKey), value);
    let names: Vec<String> = fields.iter().map(|field| field.rust_name()).collect();
    let doc = format!(
        " The primary key of the `{}` item with these fields: {}.",
        cont.ident,
        names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    quote! {
        #[doc = #doc]
        #[allow(dead_code)]
        #vis fn key(#(#params),*) -> ::dynamodel::Key<Self> {
            #(#locals)*
            ::dynamodel::Key::new(#partition, #sort)
        }
    }
}

/// The fields a key is built from.
fn key_fields<'c, 'a>(key: &KeyDef<'c, 'a>) -> Vec<&'c Field<'a>> {
    match key {
        KeyDef::Field(field) => vec![*field],
        KeyDef::Template(key) => key.fields.clone(),
    }
}

/// `impl Entity` when the table names its entity.
fn entity_impl(cont: &Container<'_>) -> TokenStream {
    let Some(entity) = &cont.attrs.entity else {
        return TokenStream::new();
    };
    let entity = &entity.value;
    let attribute = cont.entity_attribute();
    let ident = cont.ident;
    let (shape, values) = match cont.partition_key_def() {
        Some(KeyDef::Template(key)) => {
            let types = key.fields.iter().map(|field| field.ty);
            (key.template.shape(), quote!((#(#types,)*)))
        }
        Some(KeyDef::Field(field)) => {
            let ty = field.ty;
            (String::new(), quote!(#ty))
        }
        None => (String::new(), quote!(())),
    };
    let generics = super::bounded_generics(cont, &super::table::table_bound(), &[]);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let mut predicates: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(|p| quote!(#p)).collect())
        .unwrap_or_default();
    predicates.extend(segment_bounds(cont).iter().map(|p| quote!(#p)));
    quote! {
        #[automatically_derived]
        impl #impl_generics ::dynamodel::Entity for #ident #ty_generics where #(#predicates,)* {
            const ENTITY: &'static str = #entity;
            const ENTITY_ATTRIBUTE: &'static str = #attribute;
            const PARTITION_SHAPE: &'static str = #shape;
            type PartitionValues = #values;
        }
    }
}

/// A function that requires each template field type to be a `KeySegment`, outside the
/// impls whose where clauses assume it, so that a type that is not one is reported once.
fn segment_assertions(cont: &Container<'_>) -> TokenStream {
    let types = segment_types(cont);
    if types.is_empty() {
        return TokenStream::new();
    }
    let assertions = types
        .iter()
        .map(|ty| quote_spanned!(ty.span()=> ::dynamodel::__private::assert_segment::<#ty>();));
    quote! {
        #[allow(dead_code)]
        fn __dynamodel_assert_segment_types() {
            #(#assertions)*
        }
    }
}

/// Statements of `to_item` after the stored fields: the template keys and the entity.
pub(crate) fn put_keys(cont: &Container<'_>) -> TokenStream {
    let keys = (!templated_keys(cont).is_empty()).then(|| {
        quote! {
            __item.extend(::dynamodel::Key::to_item(&<Self as ::dynamodel::Table>::primary_key(self))?);
        }
    });
    let entity = cont.attrs.entity.as_ref().map(|entity| {
        let (entity, attribute) = (&entity.value, cont.entity_attribute());
        quote!(::dynamodel::__private::put_entity(&mut __item, #attribute, #entity);)
    });
    quote!(#keys #entity)
}

/// How many attributes `put_keys` adds: the primary key's (when a key is templated) and the
/// entity's.
pub(crate) fn extra_attributes(cont: &Container<'_>) -> usize {
    let keys = if templated_keys(cont).is_empty() {
        0
    } else {
        1 + usize::from(cont.sort_key_def().is_some())
    };
    keys + usize::from(cont.attrs.entity.is_some())
}

/// Whether `from_item` needs more than the field reads: an entity check or key templates.
pub(crate) fn reads_keys(cont: &Container<'_>) -> bool {
    cont.attrs.entity.is_some() || !templated_keys(cont).is_empty()
}

/// The body of `from_item` for a table with an entity or key templates: check the entity,
/// move the attributes into their slots, parse the template keys, then read each field:
/// template fields from their attribute, checked against the keys, or from the keys alone
/// (`key_only`).
pub(crate) fn from_item(cont: &Container<'_>) -> TokenStream {
    let entity = cont.attrs.entity.as_ref().map(|entity| {
        let (entity, attribute) = (&entity.value, cont.entity_attribute());
        quote!(::dynamodel::__private::check_entity(&__item, #attribute, #entity)?;)
    });
    let keys = templated_keys(cont);
    let local = |key: &TemplatedKey<'_, '_>| match key.role {
        KeyRole::Partition => format_ident!("__partition_key"),
        KeyRole::Sort => format_ident!("__sort_key"),
    };
    // Not `__slot_*`, the fields' slots.
    let key_slot = |key: &TemplatedKey<'_, '_>| format_ident!("{}_slot", local(key));
    let mut slots = fields::stored_slots(cont.fields());
    slots.extend(keys.iter().map(|key| (key.name, key_slot(key))));
    let fill = fields::fill_slots(&slots);
    let parse = keys.iter().map(|key| {
        let (local, slot, ident, name) = (local(key), key_slot(key), &key.ident, key.name);
        quote! {
            let #local: #ident = ::dynamodel::__private::field::<#ident>().read(#slot, #name)?;
        }
    });
    let inits = cont.fields().iter().map(|field| {
        let member = &field.member;
        let holders: Vec<&TemplatedKey<'_, '_>> = keys
            .iter()
            .filter(|key| key.fields.iter().any(|f| f.member == field.member))
            .collect();
        let Some((first, others)) = holders.split_first() else {
            let value = fields::read_field(field);
            return quote!(#member: #value,);
        };
        // Stored: the attribute, checked against every key. `key_only`: the first key,
        // checked against the others.
        let (mut value, checked) = if field.is_stored() {
            let (codec, slot, name) = (codec(field.ty), fields::slot(field), &field.name);
            (quote!(#codec.read(#slot, #name)?), &holders[..])
        } else {
            let local = local(first);
            (quote!(#local.#member), others)
        };
        let rust_name = field.rust_name();
        for key in checked {
            let (local, name, template) = (local(key), key.name, &key.template.text);
            value = quote! {
                ::dynamodel::__private::checked_key_field(#value, &#local.#member, #rust_name, #name, #template)?
            };
        }
        quote!(#member: #value,)
    });
    quote! {
        #entity
        #fill
        #(#parse)*
        ::dynamodel::__private::Result::Ok(Self { #(#inits)* })
    }
}

/// `f32` or `f64`, which are numbers but not key segments.
fn is_float(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.is_ident("f32") || path.path.is_ident("f64"))
}

/// A plain `String` path type.
fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.len() == 1
        && path.path.segments.first().is_some_and(|s| s.ident == "String" && s.arguments.is_none()))
}
