//! `#[derive(Attribute)]`: structs as `M`, newtypes as their inner value, tuple structs as
//! `L`, unit-only enums as `S`, other enums externally tagged.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Type};

use super::{bounded_generics, codec, fields};
use crate::ast::{Container, Data, Field, Style, Variant};

pub(super) fn expand(cont: &Container<'_>) -> TokenStream {
    let body = match &cont.data {
        Data::Struct(Style::Named, fields) => named_struct(fields),
        Data::Struct(Style::Newtype, fields) => newtype_struct(fields),
        Data::Struct(Style::Tuple, fields) => tuple_struct(fields),
        Data::Enum(variants) if variants.iter().all(|v| v.style == Style::Unit) => {
            unit_enum(variants)
        }
        Data::Enum(variants) => data_enum(variants),
        // Rejected by `check`.
        Data::Struct(Style::Unit, _) | Data::Union(_) => return TokenStream::new(),
    };
    let ident = cont.ident;
    let generics = bounded_generics(cont, &quote!(::dynamodel::Attribute), &[]);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let key = key_attribute(cont);
    quote! {
        #[automatically_derived]
        impl #impl_generics ::dynamodel::Attribute for #ident #ty_generics #where_clause {
            #body
        }

        #key
    }
}

/// A struct with named fields: an `M` of its stored fields.
fn named_struct(fields: &[Field<'_>]) -> TokenStream {
    let writes = fields::write_fields(fields, 0, |_, field| {
        let member = &field.member;
        quote!(&self.#member)
    });
    let reads = fields::read_fields(fields, &quote!(Self));
    let item = map_binding(fields);
    quote! {
        fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
            #writes
            ::dynamodel::__private::Result::Ok(::dynamodel::AttributeValue::M(__item.into_item()))
        }

        fn from_attribute(__value: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
            let #item = ::dynamodel::__private::take_map(__value)?;
            #reads
        }
    }
}

/// The binding of the map a struct's fields are read from: `_` when none is stored.
fn map_binding(fields: &[Field<'_>]) -> TokenStream {
    if fields::any_stored(fields) {
        quote!(__item)
    } else {
        quote!(_)
    }
}

/// A newtype struct: stored as its inner value, absent when the inner value is.
fn newtype_struct(fields: &[Field<'_>]) -> TokenStream {
    let Some(field) = fields.first() else {
        return TokenStream::new();
    };
    let codec = codec(field.ty);
    quote! {
        fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
            #codec.to_attribute(&self.0)
        }

        fn from_attribute(__value: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
            #codec.from_attribute(__value).map(Self)
        }

        fn is_absent(&self) -> bool {
            #codec.is_absent(&self.0)
        }

        fn from_absent() -> ::dynamodel::Result<Self> {
            #codec.from_absent().map(Self)
        }
    }
}

/// A tuple struct: an `L` of its fields, in order.
fn tuple_struct(fields: &[Field<'_>]) -> TokenStream {
    let values = fields.iter().map(|field| {
        let member = &field.member;
        quote!(&self.#member)
    });
    let to_list = to_list(fields, values);
    let from_list = from_list(fields, quote!(__value), quote!(Self));
    quote! {
        fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
            #to_list
        }

        fn from_attribute(__value: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
            #from_list
        }
    }
}

/// `list([...])`: the fields as an `L`; `values` are `&T` expressions in field order.
fn to_list(fields: &[Field<'_>], values: impl Iterator<Item = TokenStream>) -> TokenStream {
    let elements = fields.iter().zip(values).map(|(field, value)| {
        let codec = codec(field.ty);
        quote!(#codec.to_attribute(#value))
    });
    quote!(::dynamodel::__private::list([#(#elements),*]))
}

/// Reads the fields of a tuple from the `L` in `value` and builds `constructor(...)`.
fn from_list(fields: &[Field<'_>], value: TokenStream, constructor: TokenStream) -> TokenStream {
    let count = Literal::usize_unsuffixed(fields.len());
    let elements: Vec<Ident> = (0..fields.len())
        .map(|index| format_ident!("__element{}", index))
        .collect();
    let reads = fields
        .iter()
        .zip(&elements)
        .enumerate()
        .map(|(index, (field, element))| {
            let codec = codec(field.ty);
            let index = Literal::usize_unsuffixed(index);
            quote!(#codec.from_element(#element, #index)?)
        });
    quote! {
        let [#(#elements),*] = ::dynamodel::__private::take_elements::<#count>(#value)?;
        ::dynamodel::__private::Result::Ok(#constructor(#(#reads),*))
    }
}

/// An enum of unit variants: the variant's name as `S`.
fn unit_enum(variants: &[Variant<'_>]) -> TokenStream {
    let to_arms = variants.iter().map(|variant| {
        let (ident, name) = (variant.ident, &variant.name);
        quote!(Self::#ident => #name,)
    });
    let from_arms = variants.iter().map(|variant| {
        let (ident, name) = (variant.ident, &variant.name);
        quote!(#name => ::dynamodel::__private::Result::Ok(Self::#ident),)
    });
    let names = variants.iter().map(|variant| &variant.name);
    quote! {
        fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
            let __name = match self {
                #(#to_arms)*
            };
            ::dynamodel::__private::Result::Ok(::dynamodel::AttributeValue::S(
                ::dynamodel::__private::String::from(__name),
            ))
        }

        fn from_attribute(__value: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
            let __name = <::dynamodel::__private::String as ::dynamodel::Attribute>::from_attribute(__value)?;
            match __name.as_str() {
                #(#from_arms)*
                _ => ::dynamodel::__private::Result::Err(
                    ::dynamodel::__private::unknown_variant(&__name, &[#(#names),*], &[]),
                ),
            }
        }
    }
}

/// An enum with data, externally tagged: a unit variant is the string `"Variant"`, any
/// other variant the one-entry map `{"Variant": data}`.
fn data_enum(variants: &[Variant<'_>]) -> TokenStream {
    let to_arms = variants.iter().map(to_variant);
    let from_arms = variants.iter().map(from_variant);
    let unit_names = variants
        .iter()
        .filter(|v| v.style == Style::Unit)
        .map(|v| &v.name);
    let data_names = variants
        .iter()
        .filter(|v| v.style != Style::Unit)
        .map(|v| &v.name);
    quote! {
        fn to_attribute(&self) -> ::dynamodel::Result<::dynamodel::AttributeValue> {
            match self {
                #(#to_arms)*
            }
        }

        fn from_attribute(__value: ::dynamodel::AttributeValue) -> ::dynamodel::Result<Self> {
            let (__name, __data) = ::dynamodel::__private::variant_parts(__value)?;
            match (__name.as_str(), __data) {
                #(#from_arms)*
                _ => ::dynamodel::__private::Result::Err(::dynamodel::__private::unknown_variant(
                    &__name,
                    &[#(#unit_names),*],
                    &[#(#data_names),*],
                )),
            }
        }
    }
}

/// The binding of the `index`th field of a variant.
fn binding(index: usize) -> Ident {
    format_ident!("__field{}", index)
}

fn to_variant(variant: &Variant<'_>) -> TokenStream {
    let (ident, name) = (variant.ident, &variant.name);
    let bindings: Vec<Ident> = (0..variant.fields.len()).map(binding).collect();
    match variant.style {
        Style::Unit => quote! {
            Self::#ident => ::dynamodel::__private::Result::Ok(::dynamodel::AttributeValue::S(
                ::dynamodel::__private::String::from(#name),
            )),
        },
        Style::Newtype => {
            let codec = variant.fields.first().map(|field| codec(field.ty));
            quote! {
                Self::#ident(__field0) => ::dynamodel::__private::variant_value(#name, #codec.to_attribute(__field0)),
            }
        }
        Style::Tuple => {
            let list = to_list(
                &variant.fields,
                bindings.iter().map(|binding| quote!(#binding)),
            );
            quote! {
                Self::#ident(#(#bindings),*) => ::dynamodel::__private::variant_value(#name, #list),
            }
        }
        Style::Named => {
            let stored: Vec<(&Field<'_>, &Ident)> = variant
                .fields
                .iter()
                .zip(&bindings)
                .filter(|(field, _)| field.is_stored())
                .collect();
            let patterns = stored.iter().map(|(field, binding)| {
                let member = &field.member;
                quote!(#member: #binding)
            });
            let rest = (stored.len() < variant.fields.len()).then(|| quote!(..));
            let writes = fields::write_fields(&variant.fields, 0, |index, _| {
                let binding = binding(index);
                quote!(#binding)
            });
            quote! {
                Self::#ident { #(#patterns,)* #rest } => ::dynamodel::__private::variant_value(
                    #name,
                    (|| -> ::dynamodel::Result<::dynamodel::AttributeValue> {
                        #writes
                        ::dynamodel::__private::Result::Ok(::dynamodel::AttributeValue::M(__item.into_item()))
                    })(),
                ),
            }
        }
    }
}

fn from_variant(variant: &Variant<'_>) -> TokenStream {
    let (ident, name) = (variant.ident, &variant.name);
    let in_variant = quote!(.map_err(|__error| __error.in_attribute(#name)));
    match variant.style {
        Style::Unit => quote! {
            (#name, ::dynamodel::__private::Option::None) => ::dynamodel::__private::Result::Ok(Self::#ident),
        },
        Style::Newtype => {
            let codec = variant.fields.first().map(|field| codec(field.ty));
            quote! {
                (#name, ::dynamodel::__private::Option::Some(__data)) => {
                    #codec.from_attribute(__data).map(Self::#ident)#in_variant
                }
            }
        }
        Style::Tuple => {
            let from_list = from_list(&variant.fields, quote!(__data), quote!(Self::#ident));
            quote! {
                (#name, ::dynamodel::__private::Option::Some(__data)) => {
                    (|| -> ::dynamodel::Result<Self> { #from_list })()#in_variant
                }
            }
        }
        Style::Named => {
            let reads = fields::read_fields(&variant.fields, &quote!(Self::#ident));
            let item = map_binding(&variant.fields);
            quote! {
                (#name, ::dynamodel::__private::Option::Some(__data)) => {
                    (|| -> ::dynamodel::Result<Self> {
                        let #item = ::dynamodel::__private::take_map(__data)?;
                        #reads
                    })()#in_variant
                }
            }
        }
    }
}

/// `#[dynamodel(key)]` on a newtype: `KeyAttribute` with the inner type's key type, and
/// `Ordered` (key types are strings, numbers or binary, all ordered).
fn key_attribute(cont: &Container<'_>) -> TokenStream {
    let (Some(_), Data::Struct(Style::Newtype, fields)) = (&cont.attrs.key, &cont.data) else {
        return TokenStream::new();
    };
    let Some(field) = fields.first() else {
        return TokenStream::new();
    };
    let ident = cont.ident;
    let generics = bounded_generics(cont, &quote!(::dynamodel::KeyAttribute), &[]);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let scalar_type = scalar_type(field.ty);
    quote! {
        #[automatically_derived]
        impl #impl_generics ::dynamodel::KeyAttribute for #ident #ty_generics #where_clause {
            const SCALAR_TYPE: ::dynamodel::__private::ScalarAttributeType = #scalar_type;
        }

        #[automatically_derived]
        impl #impl_generics ::dynamodel::expr::Ordered for #ident #ty_generics #where_clause {}
    }
}

/// `<T as KeyAttribute>::SCALAR_TYPE`, spanned at the type.
fn scalar_type(ty: &Type) -> TokenStream {
    quote_spanned!(ty.span()=> <#ty as ::dynamodel::KeyAttribute>::SCALAR_TYPE)
}
