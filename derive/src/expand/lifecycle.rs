//! `#[derive(Table)]` for the attributes dynamodel maintains: `Table::LIFECYCLE`, the
//! time-to-live attribute of the schema, `impl Versioned`, and the epoch-seconds storage of
//! a `ttl` field.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Container, Field};

fn marked<'c, 'a>(
    cont: &'c Container<'a>,
    attr: impl Fn(&Field<'a>) -> bool,
) -> Option<&'c Field<'a>> {
    cont.fields().iter().find(|field| attr(field))
}

/// `const LIFECYCLE: Lifecycle = ...;` for the `Table` impl, or nothing when no field is
/// maintained (the trait's default, `Lifecycle::NONE`).
pub(crate) fn lifecycle_const(cont: &Container<'_>) -> TokenStream {
    let version = marked(cont, |f| f.attrs.version.is_some());
    let ttl = marked(cont, |f| f.attrs.ttl.is_some());
    let created_at = marked(cont, |f| f.attrs.created_at.is_some());
    let updated_at = marked(cont, |f| f.attrs.updated_at.is_some());
    if [version, ttl, created_at, updated_at]
        .iter()
        .all(Option::is_none)
    {
        return TokenStream::new();
    }
    let name = |field: Option<&Field<'_>>| match field {
        Some(field) => {
            let name = &field.name;
            quote!(::dynamodel::__private::Option::Some(#name))
        }
        None => quote!(::dynamodel::__private::Option::None),
    };
    let timestamp = |field: Option<&Field<'_>>| match field {
        Some(field) => {
            let (name, ty) = (&field.name, field.ty);
            let encode = quote_spanned!(ty.span()=> ::dynamodel::__private::timestamp_value::<#ty>);
            quote! {
                ::dynamodel::__private::Option::Some(::dynamodel::__private::TimestampAttribute {
                    name: #name,
                    encode: #encode,
                })
            }
        }
        None => quote!(::dynamodel::__private::Option::None),
    };
    let (version, ttl) = (name(version), name(ttl));
    let (created_at, updated_at) = (timestamp(created_at), timestamp(updated_at));
    quote! {
        const LIFECYCLE: ::dynamodel::Lifecycle = ::dynamodel::Lifecycle {
            version: #version,
            created_at: #created_at,
            updated_at: #updated_at,
            ttl: #ttl,
        };
    }
}

/// The schema's `time_to_live`: the `ttl` field's attribute name, if any.
pub(crate) fn time_to_live(cont: &Container<'_>) -> TokenStream {
    match marked(cont, |f| f.attrs.ttl.is_some()) {
        Some(field) => {
            let name = &field.name;
            quote!(::dynamodel::__private::Option::Some(::dynamodel::__private::String::from(#name)))
        }
        None => quote!(::dynamodel::__private::Option::None),
    }
}

/// `impl Versioned` for a table with a `version` field (a `u64`, checked before).
pub(crate) fn versioned(cont: &Container<'_>) -> TokenStream {
    let Some(field) = marked(cont, |f| f.attrs.version.is_some()) else {
        return TokenStream::new();
    };
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let (member, name) = (&field.member, &field.name);
    quote! {
        #[automatically_derived]
        impl #impl_generics ::dynamodel::Versioned for #ident #ty_generics #where_clause {
            const VERSION_ATTRIBUTE: &'static str = #name;

            fn version(&self) -> u64 {
                self.#member
            }

            fn set_version(&mut self, version: u64) {
                self.#member = version;
            }
        }
    }
}

/// The attribute of a `ttl` field, whole epoch seconds whatever its type (an
/// `Option<AttributeValue>` result); `None` when the field is not a `ttl` field.
pub(crate) fn ttl_attribute(field: &Field<'_>, value: &TokenStream) -> Option<TokenStream> {
    field.attrs.ttl.as_ref()?;
    let (name, ty) = (&field.name, field.ty);
    let attribute = quote_spanned!(ty.span()=> ::dynamodel::__private::ttl_attribute::<#ty>);
    Some(quote!(#attribute(#value, #name)))
}

/// Reading a `ttl` field back from epoch seconds in `slot` (a `Result`); `None` when the
/// field is not a `ttl` field.
pub(crate) fn read_ttl(field: &Field<'_>, slot: &Ident) -> Option<TokenStream> {
    field.attrs.ttl.as_ref()?;
    let (name, ty) = (&field.name, field.ty);
    let read = quote_spanned!(ty.span()=> ::dynamodel::__private::read_ttl::<#ty>);
    Some(quote!(#read(#slot, #name)))
}
