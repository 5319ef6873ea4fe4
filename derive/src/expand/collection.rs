//! `#[derive(Collection)]`: an enum with one newtype variant per entity type of a shared
//! partition.
//!
//! The derive sees only the variants' type names, so what the variants must share (table,
//! partition key, sort key attribute, entity attribute) is checked by the compiler: constant
//! assertions on the entities' associated constants, each spanned at the variant's type,
//! and a trait bound that the partition keys are built from the same types.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, Type};

use super::wrap;
use crate::ctxt::Ctxt;

/// One variant: `Post(Post)`.
struct Member<'a> {
    variant: &'a Ident,
    ty: &'a Type,
}

/// `#[derive(Collection)]`: the expansion, or every error in the input.
pub(crate) fn derive_collection(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let cx = Ctxt::new();
    let members = members(&cx, &input);
    takes_no_attributes(&cx, &input);
    is_not_generic(&cx, &input);
    cx.check()?;
    Ok(expand(&input, &members))
}

/// The errors of a failed `#[derive(Collection)]`, with a stub impl when the first variant
/// names the anchor, so that code using the enum adds no "not a collection" errors.
pub(crate) fn fallback(input: TokenStream, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let Ok(input) = syn::parse2::<DeriveInput>(input) else {
        return errors;
    };
    let members = members(&Ctxt::new(), &input);
    let (Some(anchor), true) = (members.first(), input.generics.params.is_empty()) else {
        return errors;
    };
    let (ident, anchor) = (&input.ident, anchor.ty);
    let stub = wrap(quote! {
        impl ::dynamodel::Collection for #ident {
            type Anchor = #anchor;
            const NAME: &'static str = "";
            const ENTITIES: &'static [&'static str] = &[];

            fn from_entity_item(
                _: &str,
                _: ::dynamodel::Item,
            ) -> ::dynamodel::__private::Option<::dynamodel::Result<Self>> {
                ::core::unreachable!()
            }

            fn entity(&self) -> &'static str {
                ::core::unreachable!()
            }
        }
    });
    quote!(#errors #stub)
}

/// A collection is an enum whose variants each hold one entity type: `Post(Post)`.
fn members<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Vec<Member<'a>> {
    let ident = &input.ident;
    let Data::Enum(data) = &input.data else {
        cx.error_spanned_by(
            ident,
            "`#[derive(Collection)]` needs an enum with one variant per entity type, such as `enum Feed { User(User), Post(Post) }`",
        );
        return Vec::new();
    };
    if data.variants.is_empty() {
        cx.error_spanned_by(
            ident,
            "`#[derive(Collection)]` needs at least one variant: one per entity type",
        );
    }
    let mut members = Vec::new();
    for variant in &data.variants {
        match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                if let Some(field) = fields.unnamed.first() {
                    members.push(Member {
                        variant: &variant.ident,
                        ty: &field.ty,
                    });
                }
            }
            _ => {
                let name = &variant.ident;
                cx.error_spanned_by(
                    variant,
                    format_args!(
                        "each variant of a collection holds one entity type\nhelp: write `{name}({name})`, where `{name}` is a table struct with `entity = \"...\"`"
                    ),
                );
            }
        }
    }
    members
}

/// The collection reads the entities' own attributes: `#[dynamodel(...)]` has nothing to
/// set on it or its variants.
fn takes_no_attributes(cx: &Ctxt, input: &DeriveInput) {
    let variant_attrs = match &input.data {
        Data::Enum(data) => data.variants.iter().flat_map(|v| &v.attrs).collect(),
        _ => Vec::new(),
    };
    for attr in input.attrs.iter().chain(variant_attrs) {
        if attr.path().is_ident("dynamodel") {
            cx.error_spanned_by(
                attr,
                "`#[derive(Collection)]` takes no `#[dynamodel(...)]` attributes: each entity declares its table, keys and entity name",
            );
        }
    }
}

/// A collection is a concrete enum of concrete entity types.
fn is_not_generic(cx: &Ctxt, input: &DeriveInput) {
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "`#[derive(Collection)]` does not support generic enums",
        );
    }
}

fn expand(input: &DeriveInput, members: &[Member<'_>]) -> TokenStream {
    let Some(anchor) = members.first() else {
        return TokenStream::new();
    };
    let ident = &input.ident;
    let name = ident.to_string();
    let anchor_ty = anchor.ty;
    let types: Vec<&Type> = members.iter().map(|m| m.ty).collect();
    let variants: Vec<&Ident> = members.iter().map(|m| m.variant).collect();
    let checks = members
        .iter()
        .skip(1)
        .map(|member| shares_the_partition(ident, anchor, member));
    let distinct = members.iter().enumerate().flat_map(|(i, a)| {
        members
            .iter()
            .skip(i + 1)
            .map(move |b| entities_are_distinct(ident, a, b))
    });
    let partition_checks = members.iter().skip(1).map(|member| {
        let ty = member.ty;
        quote_spanned! {ty.span()=>
            ::dynamodel::__private::same_partition_values::<
                <#anchor_ty as ::dynamodel::Entity>::PartitionValues,
                <#ty as ::dynamodel::Entity>::PartitionValues,
            >();
        }
    });
    wrap(quote! {
        #[automatically_derived]
        impl ::dynamodel::Collection for #ident {
            type Anchor = #anchor_ty;
            const NAME: &'static str = #name;
            const ENTITIES: &'static [&'static str] =
                &[#(<#types as ::dynamodel::Entity>::ENTITY),*];

            fn from_entity_item(
                __entity: &str,
                __item: ::dynamodel::Item,
            ) -> ::dynamodel::__private::Option<::dynamodel::Result<Self>> {
                #(
                    if __entity == <#types as ::dynamodel::Entity>::ENTITY {
                        return ::dynamodel::__private::Option::Some(
                            <#types as ::dynamodel::Table>::from_item(__item).map(Self::#variants),
                        );
                    }
                )*
                ::dynamodel::__private::Option::None
            }

            fn entity(&self) -> &'static str {
                match self {
                    #(Self::#variants(_) => <#types as ::dynamodel::Entity>::ENTITY,)*
                }
            }
        }

        #(#checks)*
        #(#distinct)*

        #[allow(dead_code)]
        fn __dynamodel_check_partition_values() {
            #(#partition_checks)*
        }
    })
}

/// Constant assertions that `member` is stored like the anchor: same table, partition key
/// attribute and template shape, sort key attribute and entity attribute.
fn shares_the_partition(
    collection: &Ident,
    anchor: &Member<'_>,
    member: &Member<'_>,
) -> TokenStream {
    let (a, b) = (anchor.ty, member.ty);
    let (a_name, b_name) = (type_name(a), type_name(b));
    let message = |what: &str| {
        format!(
            "the variants of collection `{collection}` share one partition: `{b_name}` {what} than `{a_name}`"
        )
    };
    let table = message("is stored in another table");
    let partition = message("has another partition key attribute");
    let shape = message("builds its partition key from another template");
    let sort = message("has another sort key attribute");
    let entity = message("records its entity in another attribute");
    quote_spanned! {b.span()=>
        const _: () = ::core::assert!(
            ::dynamodel::__private::same_str(<#a as ::dynamodel::Table>::TABLE_NAME, <#b as ::dynamodel::Table>::TABLE_NAME),
            #table
        );
        const _: () = ::core::assert!(
            ::dynamodel::__private::same_str(<#a as ::dynamodel::Table>::PARTITION_KEY, <#b as ::dynamodel::Table>::PARTITION_KEY),
            #partition
        );
        const _: () = ::core::assert!(
            ::dynamodel::__private::same_str(<#a as ::dynamodel::Entity>::PARTITION_SHAPE, <#b as ::dynamodel::Entity>::PARTITION_SHAPE),
            #shape
        );
        const _: () = ::core::assert!(
            ::dynamodel::__private::same_key(<#a as ::dynamodel::Table>::SORT_KEY, <#b as ::dynamodel::Table>::SORT_KEY),
            #sort
        );
        const _: () = ::core::assert!(
            ::dynamodel::__private::same_str(<#a as ::dynamodel::Entity>::ENTITY_ATTRIBUTE, <#b as ::dynamodel::Entity>::ENTITY_ATTRIBUTE),
            #entity
        );
    }
}

/// A constant assertion that two variants hold different entities, so that each item has
/// one variant to go to.
fn entities_are_distinct(collection: &Ident, a: &Member<'_>, b: &Member<'_>) -> TokenStream {
    let (a_ty, b_ty) = (a.ty, b.ty);
    let message = format!(
        "the variants `{}` and `{}` of collection `{collection}` hold the same entity: give each entity type its own `entity` name",
        a.variant, b.variant
    );
    quote_spanned! {b_ty.span()=>
        const _: () = ::core::assert!(
            !::dynamodel::__private::same_str(<#a_ty as ::dynamodel::Entity>::ENTITY, <#b_ty as ::dynamodel::Entity>::ENTITY),
            #message
        );
    }
}

/// The type as written, for messages.
fn type_name(ty: &Type) -> String {
    ty.to_token_stream().to_string().replace(' ', "")
}
