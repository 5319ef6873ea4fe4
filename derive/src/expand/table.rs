//! `#[derive(Table)]`: `Attribute` (as `M`), `Table`, and the `key` constructor.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Member, Type, WherePredicate, parse_quote};

use super::{bounded_generics, fields, index, lifecycle, template};
use crate::ast::{Container, Field, KeyDef, key_type};

const NUMBERS: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64",
];

pub(super) fn expand(cont: &Container<'_>) -> TokenStream {
    // `check` guarantees a table name and a partition key; stay total regardless.
    let (Some(table), Some(partition_key)) = (&cont.attrs.table, cont.partition_key_def()) else {
        return TokenStream::new();
    };
    let sort_key = cont.sort_key_def();
    let ident = cont.ident;
    let table_name = &table.value;

    let key_types = key_types(cont);
    let bound = table_bound();
    let bounds = [key_bounds(&key_types), template::segment_bounds(cont)].concat();
    let generics = bounded_generics(cont, &bound, &bounds);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let key_assertions = key_assertions(cont, &bound, &key_types);

    let pk_name = partition_key.name();
    let pk_ty = template::key_type(&partition_key);
    let sort_key_name = match &sort_key {
        Some(key) => {
            let name = key.name();
            quote!(::dynamodel::__private::Option::Some(#name))
        }
        None => quote!(::dynamodel::__private::Option::None),
    };
    let sort_key_type = match &sort_key {
        Some(key) => template::key_type(key),
        None => quote!(::dynamodel::NoSortKey),
    };
    let sort_key_schema = match &sort_key {
        Some(key) => {
            let (name, ty) = (key.name(), template::key_type(key));
            quote! {
                ::dynamodel::__private::Option::Some((
                    ::dynamodel::__private::String::from(#name),
                    <#ty as ::dynamodel::KeyAttribute>::SCALAR_TYPE,
                ))
            }
        }
        None => quote!(::dynamodel::__private::Option::None),
    };
    let billing = match (&cont.attrs.read_capacity, &cont.attrs.write_capacity) {
        (Some(read), Some(write)) => {
            let (read, write) = (read.value, write.value);
            quote!(::dynamodel::Billing::Provisioned { read: #read, write: #write })
        }
        _ => quote!(::dynamodel::Billing::OnDemand),
    };

    let fields = cont.fields();
    let writes = fields::write_fields(fields, template::extra_attributes(cont), |_, field| {
        let member = &field.member;
        quote!(&self.#member)
    });
    let put_keys = template::put_keys(cont);
    let from_item = if template::reads_keys(cont) {
        template::from_item(cont)
    } else {
        fields::read_fields(fields, &quote!(Self))
    };
    let pk_value = template::key_value(&partition_key);
    let sort_key_value = match &sort_key {
        Some(key) => template::key_value(key),
        None => quote!(::dynamodel::NoSortKey),
    };
    let constructor = match (&partition_key, &sort_key) {
        (KeyDef::Field(pk), None) => constructor(cont, table_name, pk, None),
        (KeyDef::Field(pk), Some(KeyDef::Field(sk))) => constructor(cont, table_name, pk, Some(sk)),
        (pk, sk) => template::constructor(cont, pk, sk.as_ref()),
    };
    let template_impls = template::impls(cont);
    let (global_indexes, local_indexes) = index::schemas(cont);
    let (lifecycle, time_to_live) = (
        lifecycle::lifecycle_const(cont),
        lifecycle::time_to_live(cont),
    );
    let versioned = lifecycle::versioned(cont);

    quote! {
        #[automatically_derived]
        impl #impl_generics ::dynamodel::Attribute for #ident #ty_generics #where_clause {
            fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
                <Self as ::dynamodel::Table>::to_item(self).map(::dynamodel::AttributeValue::M)
            }

            fn from_attribute(__value: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
                <Self as ::dynamodel::Table>::from_item(::dynamodel::__private::take_map(__value)?)
            }
        }

        #[automatically_derived]
        impl #impl_generics ::dynamodel::Table for #ident #ty_generics #where_clause {
            const TABLE_NAME: &'static str = #table_name;
            const PARTITION_KEY: &'static str = #pk_name;
            const SORT_KEY: ::dynamodel::__private::Option<&'static str> = #sort_key_name;

            #lifecycle

            type PartitionKey = #pk_ty;
            type SortKey = #sort_key_type;

            fn schema() -> ::dynamodel::TableSchema {
                ::dynamodel::TableSchema {
                    table_name: ::dynamodel::__private::String::from(#table_name),
                    partition_key: (
                        ::dynamodel::__private::String::from(#pk_name),
                        <#pk_ty as ::dynamodel::KeyAttribute>::SCALAR_TYPE,
                    ),
                    sort_key: #sort_key_schema,
                    billing: #billing,
                    global_indexes: #global_indexes,
                    local_indexes: #local_indexes,
                    time_to_live: #time_to_live,
                    stream: ::dynamodel::__private::Option::None,
                    tags: ::dynamodel::__private::Default::default(),
                }
            }

            fn to_item(&self) -> ::dynamodel::Result<::dynamodel::Item> {
                #writes
                #put_keys
                ::dynamodel::__private::Result::Ok(__item.into_item())
            }

            fn from_item(__item: ::dynamodel::Item) -> ::dynamodel::Result<Self> {
                #from_item
            }

            fn primary_key(&self) -> ::dynamodel::Key<Self> {
                ::dynamodel::Key::new(#pk_value, #sort_key_value)
            }
        }

        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #constructor
        }

        #key_assertions
        #template_impls
        #versioned
    }
}

/// The bound on a table's type parameters (`Table` requires `Send + Sync + 'static`).
pub(crate) fn table_bound() -> TokenStream {
    quote!(
        ::dynamodel::Attribute
            + ::dynamodel::__private::Send
            + ::dynamodel::__private::Sync
            + 'static
    )
}

/// The key types that are not obviously key types (`String`, numbers, `Vec<u8>`): of the
/// table's keys and of its index keys (`T` for an `Option<T>` index key field), each once.
pub(crate) fn key_types<'a>(cont: &Container<'a>) -> Vec<&'a Type> {
    let table_keys = [cont.partition_key(), cont.sort_key()]
        .into_iter()
        .flatten()
        .map(|field| field.ty);
    let index_keys = cont
        .indexes()
        .into_iter()
        .flat_map(|index| index.key_fields(cont))
        .map(|field| key_type(field.ty));
    let mut types: Vec<&'a Type> = Vec::new();
    for ty in table_keys.chain(index_keys) {
        if !is_builtin_key_type(ty) && !types.contains(&ty) {
            types.push(ty);
        }
    }
    types
}

/// A higher-ranked `KeyAttribute` bound for each key type: the impls type-check even when
/// one is not a key type, and `key_assertions` reports that once, on the field's type.
pub(crate) fn key_bounds(key_types: &[&Type]) -> Vec<WherePredicate> {
    key_types
        .iter()
        .map(|ty| parse_quote!(for<'__dynamodel> #ty: ::dynamodel::KeyAttribute))
        .collect()
}

/// A function that requires each key type to be a `KeyAttribute`, outside the impls whose
/// where clauses assume it, so that a type that is not one is reported once, on the field.
fn key_assertions(cont: &Container<'_>, bound: &TokenStream, key_types: &[&Type]) -> TokenStream {
    if key_types.is_empty() {
        return TokenStream::new();
    }
    let generics = bounded_generics(cont, bound, &[]);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let assertions = key_types.iter().map(
        |ty| quote_spanned!(ty.span()=> let _ = <#ty as ::dynamodel::KeyAttribute>::SCALAR_TYPE;),
    );
    quote! {
        #[allow(dead_code)]
        fn __dynamodel_assert_key_types #impl_generics () #where_clause {
            #(#assertions)*
        }
    }
}

/// `pub fn key(pk: impl Into<Pk>[, sk: impl Into<Sk>]) -> Key<Self>`, with the struct's
/// visibility. Number keys are taken as they are, so that literals infer their type.
pub(crate) fn constructor(
    cont: &Container<'_>,
    table_name: &str,
    partition_key: &Field<'_>,
    sort_key: Option<&Field<'_>>,
) -> TokenStream {
    let vis = cont.vis;
    let param = |field: &Field<'_>| match &field.member {
        Member::Named(ident) => ident.clone(),
        Member::Unnamed(index) => format_ident!("key{}", index.index),
    };
    let param_type = |field: &Field<'_>| {
        let ty = field.ty;
        if is_number(ty) {
            quote!(#ty)
        } else {
            quote!(impl ::dynamodel::__private::Into<#ty>)
        }
    };
    let argument = |field: &Field<'_>| {
        let param = param(field);
        if is_number(field.ty) {
            quote!(#param)
        } else {
            quote!(::dynamodel::__private::Into::into(#param))
        }
    };
    let (pk_param, pk_type, pk_argument) = (
        param(partition_key),
        param_type(partition_key),
        argument(partition_key),
    );
    let field_name = |field: &Field<'_>| {
        field
            .original
            .ident
            .as_ref()
            .map_or(String::new(), |i| i.to_string())
    };
    match sort_key {
        Some(sort_key) => {
            let (sk_param, sk_type, sk_argument) =
                (param(sort_key), param_type(sort_key), argument(sort_key));
            let doc = format!(
                " The primary key of the `{table_name}` item with this `{}` (partition key) and `{}` (sort key).",
                field_name(partition_key),
                field_name(sort_key),
            );
            quote! {
                #[doc = #doc]
                #[allow(dead_code)]
                #vis fn key(#pk_param: #pk_type, #sk_param: #sk_type) -> ::dynamodel::Key<Self> {
                    ::dynamodel::Key::new(#pk_argument, #sk_argument)
                }
            }
        }
        None => {
            let doc = format!(
                " The primary key of the `{table_name}` item with this `{}` (partition key).",
                field_name(partition_key),
            );
            quote! {
                #[doc = #doc]
                #[allow(dead_code)]
                #vis fn key(#pk_param: #pk_type) -> ::dynamodel::Key<Self> {
                    ::dynamodel::Key::new(#pk_argument, ::dynamodel::NoSortKey)
                }
            }
        }
    }
}

/// The last path segment of a plain path type without generic arguments.
fn plain_ident(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last()?;
    (path.qself.is_none() && segment.arguments.is_none()).then(|| segment.ident.to_string())
}

/// A primitive number type, which a key constructor takes by value.
pub(crate) fn is_number(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.len() == 1)
        && plain_ident(ty).is_some_and(|ident| NUMBERS.contains(&ident.as_str()))
}

/// `String`, a number type, `Number` or `Vec<u8>`: types that are key attributes.
fn is_builtin_key_type(ty: &Type) -> bool {
    if let Some(ident) = plain_ident(ty) {
        return ident == "String" || ident == "Number" || NUMBERS.contains(&ident.as_str());
    }
    let Type::Path(path) = ty else { return false };
    let Some(segment) = path.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return false;
    };
    segment.ident == "Vec"
        && args.args.len() == 1
        && matches!(args.args.first(), Some(syn::GenericArgument::Type(inner)) if plain_ident(inner).as_deref() == Some("u8"))
}
