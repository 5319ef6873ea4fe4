//! `#[derive(Projection)]`: `Projection` for a struct that reads some attributes of a
//! table's items.
//!
//! Each field is taken from the table's generated paths through
//! `__private::projected::<Table, FieldType, _>(paths.field)`, spanned at the field: a
//! field the table does not have is "no field `x` on type `GamePaths`", and a field of
//! another type is a mismatched-types error, both on the projection's field. The attribute
//! name comes from the path, so the table's `rename`s apply.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Type, WherePredicate, parse_quote};

use super::{bounded_generics, codec, default_of};
use crate::ast::{Container, Field};

pub(super) fn expand(cont: &Container<'_>) -> TokenStream {
    // `check` guarantees the table; stay total regardless.
    let Some(table) = &cont.attrs.projection_of else {
        return TokenStream::new();
    };
    let table = &table.value;
    let ident = cont.ident;
    let generics = bounded_generics(
        cont,
        &quote!(::dynamodel::Attribute),
        &table_bound(cont, table),
    );
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let fields = cont.fields();
    let paths = fields.iter().map(|field| projected(table, field));
    let takes = fields.iter().map(|field| {
        let member = &field.member;
        let codec = codec(field.ty);
        let path = projected(table, field);
        if field.attrs.default.is_some() {
            let default = default_of(field.ty);
            quote!(#member: #codec.take_or_default(&mut __item, #path.head(), #default)?,)
        } else {
            quote!(#member: #codec.take(&mut __item, #path.head())?,)
        }
    });
    let mutability = (!fields.is_empty()).then(|| quote!(mut));
    let field_names = fields.iter().map(|field| field.rust_name());

    quote! {
        #[automatically_derived]
        impl #impl_generics ::dynamodel::expr::Projection for #ident #ty_generics #where_clause {
            type Table = #table;

            const FIELDS: &'static [&'static str] = &[#(#field_names),*];

            fn projected_paths() -> ::dynamodel::__private::Vec<::dynamodel::expr::RawPath> {
                let __paths = <#table as ::dynamodel::Table>::paths();
                ::dynamodel::__private::Vec::from([#(#paths),*])
            }

            fn from_item(#mutability __item: ::dynamodel::Item) -> ::dynamodel::Result<Self> {
                let __paths = <#table as ::dynamodel::Table>::paths();
                ::dynamodel::__private::Result::Ok(Self { #(#takes)* })
            }
        }
    }
}

/// A generic projection requires its table to be a table for its type arguments.
pub(crate) fn table_bound(cont: &Container<'_>, table: &Type) -> Vec<WherePredicate> {
    if cont.generics.type_params().next().is_some() {
        vec![parse_quote!(#table: ::dynamodel::Table)]
    } else {
        Vec::new()
    }
}

/// `projected::<Table, FieldType, _>(__paths.field)`, the field's path in the table,
/// spanned at the field so that a missing field or a type mismatch is reported there.
fn projected(table: &Type, field: &Field<'_>) -> TokenStream {
    let (member, ty) = (&field.member, field.ty);
    quote_spanned! {field.original.span()=>
        ::dynamodel::__private::projected::<#table, #ty, _>(__paths.#member)
    }
}
