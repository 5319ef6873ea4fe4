//! What a failed derive emits besides its errors: stub impls of its traits (bodies
//! `unreachable!()`, never run because the crate does not compile), so that code using the
//! type does not add a cascade of "trait not implemented" errors to the real ones.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::{Container, Data, Style};
use crate::attr::Derive;
use crate::ctxt::Ctxt;
use crate::expand::table::{constructor, key_bounds, key_types, table_bound};
use crate::expand::{bounded_generics, wrap};

/// The errors of `#[derive(Table)]`, with stub `Attribute` and `Table` impls and the key
/// constructor when the partition key is known.
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
    let stubs = wrap(stubs);
    quote!(#errors #stubs)
}

/// The errors of `#[derive(Attribute)]`, with a stub `Attribute` impl and, for a `key`
/// newtype, a stub `KeyAttribute` impl.
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
            }
        }),
        _ => None,
    };
    let stubs = wrap(quote! {
        impl #impl_generics ::dynamodel::Attribute for #ident #ty_generics #where_clause {
            fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
                ::core::unreachable!()
            }

            fn from_attribute(_: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
                ::core::unreachable!()
            }
        }

        #key
    });
    quote!(#errors #stubs)
}
