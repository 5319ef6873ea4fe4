//! What a failed derive emits besides its errors: stub impls of its traits (bodies
//! `unreachable!()`, never run because the crate does not compile), so that code using the
//! type does not add a cascade of "trait not implemented" errors to the real ones. The
//! typed paths of a struct with named fields are generated as usual: they depend only on
//! the field names, and code that uses them sees no "no field" errors either.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::{Container, Data, Style};
use crate::attr::Derive;
use crate::ctxt::Ctxt;
use crate::expand::index;
use crate::expand::paths::{self, document_stub};
use crate::expand::projection::table_bound as projection_table_bound;
use crate::expand::table::{constructor, key_bounds, key_types, table_bound};
use crate::expand::{bounded_generics, with_paths, wrap};

/// The errors of `#[derive(Table)]`, with stub `Attribute` and `Table` impls, the key
/// constructor when the partition key is known, and the typed paths.
pub(crate) fn table(input: TokenStream, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let Ok(input) = syn::parse2::<DeriveInput>(input) else {
        return errors;
    };
    // The attributes are parsed again for the model; their errors are in `errors` already.
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, &input, Derive::Table);
    let _ = cx.check();
    // A table cannot borrow (`Table: 'static`): stubs would only add lifetime errors.
    if cont.generics.lifetimes().next().is_some() {
        return errors;
    }

    let ident = cont.ident;
    let key_types = key_types(&cont);
    let generics = bounded_generics(&cont, &table_bound(), &key_bounds(&key_types));
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let table_name = cont
        .attrs
        .table
        .as_ref()
        .map_or("", |table| table.value.as_str());
    let partition_key = cont.partition_key();
    let sort_key = cont.sort_key();
    let partition_key_type = match partition_key {
        Some(field) => {
            let ty = field.ty;
            quote!(#ty)
        }
        None => quote!(::dynamodel::__private::String),
    };
    let sort_key_type = match sort_key {
        Some(field) => {
            let ty = field.ty;
            quote!(#ty)
        }
        None => quote!(::dynamodel::NoSortKey),
    };
    let constructor = partition_key.map(|partition_key| {
        let constructor = constructor(&cont, table_name, partition_key, sort_key);
        quote! {
            impl #impl_generics #ident #ty_generics #where_clause {
                #constructor
            }
        }
    });
    let stubs = quote! {
        impl #impl_generics ::dynamodel::Attribute for #ident #ty_generics #where_clause {
            fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
                ::core::unreachable!()
            }

            fn from_attribute(_: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
                ::core::unreachable!()
            }
        }

        impl #impl_generics ::dynamodel::Table for #ident #ty_generics #where_clause {
            const TABLE_NAME: &'static str = #table_name;
            const PARTITION_KEY: &'static str = "";
            const SORT_KEY: ::dynamodel::__private::Option<&'static str> = ::dynamodel::__private::Option::None;

            type PartitionKey = #partition_key_type;
            type SortKey = #sort_key_type;

            fn schema() -> ::dynamodel::TableSchema {
                ::core::unreachable!()
            }

            fn to_item(&self) -> ::dynamodel::Result<::dynamodel::Item> {
                ::core::unreachable!()
            }

            fn from_item(_: ::dynamodel::Item) -> ::dynamodel::Result<Self> {
                ::core::unreachable!()
            }

            fn primary_key(&self) -> ::dynamodel::Key<Self> {
                ::core::unreachable!()
            }
        }

        #constructor
    };
    // A table that is not a struct with named fields has no paths, but `Table` needs
    // `Document`.
    let document = paths::paths(&cont).is_none().then(|| document_stub(&cont));
    // The indexes as usual: their impls only need the stub `Table`.
    let indexes = index::expand(&cont);
    let (index_items, index_impls) = (indexes.items, indexes.impls);
    let stubs = with_paths(&cont, quote!(#stubs #document #index_impls));
    quote!(#errors #index_items #stubs)
}

/// The errors of `#[derive(Attribute)]`, with a stub `Attribute` impl, the typed paths and,
/// for a `key` newtype, stub `KeyAttribute` and `Ordered` impls.
pub(crate) fn attribute(input: TokenStream, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let Ok(input) = syn::parse2::<DeriveInput>(input) else {
        return errors;
    };
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, &input, Derive::Attribute);
    let _ = cx.check();

    let ident = cont.ident;
    let generics = bounded_generics(&cont, &quote!(::dynamodel::Attribute), &[]);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let key = match (&cont.attrs.key, &cont.data) {
        (Some(_), Data::Struct(Style::Newtype, fields)) => fields.first().map(|field| {
            let ty = field.ty;
            let generics = bounded_generics(
                &cont,
                &quote!(::dynamodel::KeyAttribute),
                &[
                    syn::parse_quote!(for<'__dynamodel> #ty: ::dynamodel::KeyAttribute),
                    syn::parse_quote!(for<'__dynamodel> Self: ::dynamodel::__private::Clone),
                ],
            );
            let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
            quote! {
                impl #impl_generics ::dynamodel::KeyAttribute for #ident #ty_generics #where_clause {
                    const SCALAR_TYPE: ::dynamodel::__private::ScalarAttributeType =
                        <#ty as ::dynamodel::KeyAttribute>::SCALAR_TYPE;
                }

                impl #impl_generics ::dynamodel::expr::Ordered for #ident #ty_generics #where_clause {}
            }
        }),
        _ => None,
    };
    let stubs = with_paths(
        &cont,
        quote! {
            impl #impl_generics ::dynamodel::Attribute for #ident #ty_generics #where_clause {
                fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
                    ::core::unreachable!()
                }

                fn from_attribute(_: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
                    ::core::unreachable!()
                }
            }

            #key
        },
    );
    quote!(#errors #stubs)
}

/// The errors of `#[derive(Projection)]`, with a stub `Projection` impl when the table is
/// known.
pub(crate) fn projection(input: TokenStream, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let Ok(input) = syn::parse2::<DeriveInput>(input) else {
        return errors;
    };
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, &input, Derive::Projection);
    let _ = cx.check();
    let Some(table) = &cont.attrs.projection_of else {
        return errors;
    };
    let table = &table.value;
    let ident = cont.ident;
    let generics = bounded_generics(
        &cont,
        &quote!(::dynamodel::Attribute),
        &projection_table_bound(&cont, table),
    );
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let stubs = wrap(quote! {
        impl #impl_generics ::dynamodel::expr::Projection for #ident #ty_generics #where_clause {
            type Table = #table;

            const FIELDS: &'static [&'static str] = &[];

            fn projected_paths() -> ::dynamodel::__private::Vec<::dynamodel::expr::RawPath> {
                ::core::unreachable!()
            }

            fn from_item(_: ::dynamodel::Item) -> ::dynamodel::Result<Self> {
                ::core::unreachable!()
            }
        }
    });
    quote!(#errors #stubs)
}
