//! Typed paths: the `<Name>Paths` struct of a struct with named fields, its `Document`
//! impl, and the `ListElement` impl that makes a `Vec` of any derived type a list in paths.
//! (A `key` newtype's `Ordered` impl is generated with its `KeyAttribute` impl.)

use proc_macro2::{Group, Ident, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use syn::ext::IdentExt;
use syn::{GenericParam, Generics, parse_quote};

use crate::ast::{Container, Data, Field, Style};
use crate::attr::Derive;

/// The paths of a struct with named fields: the `<Name>Paths` struct, which users name and
/// so goes outside the `const _` wrapper, and its impls, which go inside.
pub(crate) struct Paths {
    pub(crate) item: TokenStream,
    pub(crate) impls: TokenStream,
}

/// The paths of `cont`, if it is a struct with named fields.
///
/// ```text
/// pub struct GamePaths<R: 'static = Game> {
///     pub game_id: Path<R, String, KeyField>,
///     pub player: Path<R, Player, Field>,
///     __dynamodel_marker: PhantomData<(fn() -> R,)>,
/// }
/// impl Document for Game { type Paths<R: 'static> = GamePaths<R>; ... }
/// ```
///
/// The struct carries the container's generics (with their bounds and where clause) and
/// adds the root table `R` last, defaulting to the container itself; the private marker
/// keeps every parameter used when no stored field mentions it. The struct and its fields
/// have the container's visibility: a path is usable wherever the type is, even to a field
/// that is private (or of a private type), since attribute names are part of the items'
/// shape, not of the struct's encapsulation.
pub(crate) fn paths(cont: &Container<'_>) -> Option<Paths> {
    let Data::Struct(Style::Named, fields) = &cont.data else {
        return None;
    };
    let ident = cont.ident;
    let vis = cont.vis;
    let paths_ident = paths_ident(cont);
    let root = root_ident(cont);
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let self_type = quote!(#ident #ty_generics);

    let mut paths_generics: Generics = cont.generics.clone();
    paths_generics
        .params
        .push(parse_quote!(#root: 'static = #self_type));
    let (paths_impl_generics, paths_ty_generics, paths_where_clause) =
        paths_generics.split_for_impl();
    let paths_args = generic_args(cont.generics, &root);

    let stored: Vec<&Field<'_>> = fields.iter().filter(|field| field.is_stored()).collect();
    let members: Vec<&Ident> = stored
        .iter()
        .filter_map(|field| field.original.ident.as_ref())
        .collect();
    let definitions = stored.iter().map(|field| {
        let member = &field.original.ident;
        let ty = replace_self(field.ty.to_token_stream(), &self_type);
        let marker = if is_key(field) || cont.in_key_template(field) {
            quote!(::dynamodel::expr::KeyField)
        } else {
            quote!(::dynamodel::expr::Field)
        };
        let doc = field_doc(cont.derive, field);
        quote! {
            #[doc = #doc]
            #vis #member: ::dynamodel::Path<#root, #ty, #marker>
        }
    });
    let names = stored.iter().map(|field| &field.name);
    let rust_names = stored.iter().map(|field| field.rust_name());
    let marker = marker_type(cont.generics, &root);
    let docs = struct_doc(cont, &root);
    let paths_name = paths_ident.to_string();

    let item = quote! {
        #(#[doc = #docs])*
        #[allow(dead_code, private_interfaces)]
        #vis struct #paths_ident #paths_generics #paths_where_clause {
            #(#definitions,)*
            __dynamodel_marker: #marker,
        }
    };
    let impls = quote! {
        #[automatically_derived]
        impl #impl_generics ::dynamodel::expr::Document for #ident #ty_generics #where_clause {
            type Paths<#root: 'static> = #paths_ident #paths_args;

            fn paths_at<#root: 'static>(
                __prefix: ::dynamodel::__private::Option<&::dynamodel::expr::RawPath>,
            ) -> Self::Paths<#root> {
                #paths_ident {
                    #(#members: ::dynamodel::__private::field_path(__prefix, #names),)*
                    __dynamodel_marker: ::dynamodel::__private::PhantomData,
                }
            }
        }

        #[automatically_derived]
        impl #paths_impl_generics ::dynamodel::__private::Clone for #paths_ident #paths_ty_generics #paths_where_clause {
            fn clone(&self) -> Self {
                #paths_ident {
                    #(#members: ::dynamodel::__private::Clone::clone(&self.#members),)*
                    __dynamodel_marker: ::dynamodel::__private::PhantomData,
                }
            }
        }

        #[automatically_derived]
        impl #paths_impl_generics ::dynamodel::__private::fmt::Debug for #paths_ident #paths_ty_generics #paths_where_clause {
            fn fmt(&self, __f: &mut ::dynamodel::__private::fmt::Formatter<'_>) -> ::dynamodel::__private::fmt::Result {
                __f.debug_struct(#paths_name)
                    #(.field(#rust_names, &self.#members))*
                    .finish()
            }
        }
    };
    Some(Paths { item, impls })
}

/// `impl Document` for a table that is not a struct with named fields (rejected; for the
/// fallback only), so that the failed derive adds no "`Document` is not implemented" error.
pub(crate) fn document_stub(cont: &Container<'_>) -> TokenStream {
    let ident = cont.ident;
    let root = root_ident(cont);
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    quote! {
        impl #impl_generics ::dynamodel::expr::Document for #ident #ty_generics #where_clause {
            type Paths<#root: 'static> = ();

            fn paths_at<#root: 'static>(
                _: ::dynamodel::__private::Option<&::dynamodel::expr::RawPath>,
            ) -> Self::Paths<#root> {
                ::core::unreachable!()
            }
        }
    }
}

/// `impl ListElement`: every derived type is stored as a list element inside a `Vec`.
pub(crate) fn list_element(cont: &Container<'_>) -> TokenStream {
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::dynamodel::expr::ListElement for #ident #ty_generics #where_clause {}
    }
}

/// `<Name>Paths`, spanned at the container's name.
pub(crate) fn paths_ident(cont: &Container<'_>) -> Ident {
    let ident = cont.ident;
    format_ident!("{}Paths", ident.unraw(), span = ident.span())
}

/// The name of the root table parameter: `R`, unless the container already uses it.
fn root_ident(cont: &Container<'_>) -> Ident {
    let taken: Vec<String> = cont
        .generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(param) => Some(param.ident.to_string()),
            GenericParam::Const(param) => Some(param.ident.to_string()),
            GenericParam::Lifetime(_) => None,
        })
        .chain([cont.ident.to_string(), paths_ident(cont).to_string()])
        .collect();
    let name = ["R", "Root", "DynamodelRoot"]
        .into_iter()
        .find(|name| !taken.iter().any(|taken| taken == name))
        .unwrap_or("__DynamodelRoot");
    format_ident!("{name}")
}

/// `<'a, T, N, R>`: the container's generic arguments followed by the root.
fn generic_args(generics: &Generics, root: &Ident) -> TokenStream {
    let args = generics.params.iter().map(|param| match param {
        GenericParam::Lifetime(param) => param.lifetime.to_token_stream(),
        GenericParam::Type(param) => param.ident.to_token_stream(),
        GenericParam::Const(param) => param.ident.to_token_stream(),
    });
    quote!(<#(#args,)* #root>)
}

/// `PhantomData<(fn() -> R, fn() -> T, &'a (),)>`: uses the root and every type and
/// lifetime parameter (const parameters need no use), without affecting auto traits.
fn marker_type(generics: &Generics, root: &Ident) -> TokenStream {
    let types = generics.type_params().map(|param| &param.ident);
    let lifetimes = generics.lifetimes().map(|param| &param.lifetime);
    quote! {
        ::dynamodel::__private::PhantomData<(
            fn() -> #root,
            #(fn() -> #types,)*
            #(&#lifetimes (),)*
        )>
    }
}

/// Whether the field is a table's key attribute (its path is a `KeyField`).
fn is_key(field: &Field<'_>) -> bool {
    field.attrs.partition_key.is_some() || field.attrs.sort_key.is_some()
}

fn field_doc(derive: Derive, field: &Field<'_>) -> String {
    let name = &field.name;
    match (derive, &field.attrs) {
        (Derive::Table, attrs) if attrs.partition_key.is_some() => {
            format!(" Path to the partition key `{name}` (compared, never updated).")
        }
        (Derive::Table, attrs) if attrs.sort_key.is_some() => {
            format!(" Path to the sort key `{name}` (compared, never updated).")
        }
        _ => format!(" Path to `{name}`."),
    }
}

/// The doc lines of the paths struct.
fn struct_doc(cont: &Container<'_>, root: &Ident) -> [String; 3] {
    let ident = cont.ident.unraw();
    let first = match cont.derive {
        Derive::Table => format!(
            " Typed paths to the attributes of [`{ident}`] items, for conditions, filters, \
             updates and projections: `{ident}::paths()`."
        ),
        Derive::Attribute | Derive::Projection => format!(
            " Typed paths to the fields of a [`{ident}`] stored in an item: `fields()` of a \
             path to it."
        ),
    };
    [
        first,
        String::new(),
        format!(
            " `{root}` is the table the paths start from. Generated by `#[derive({})]`.",
            cont.derive.name()
        ),
    ]
}

/// The tokens of a field type with `Self` replaced by the container's type, so that the
/// type means the same inside the paths struct (`Vec<Self>` in a recursive struct).
fn replace_self(tokens: TokenStream, self_type: &TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .flat_map(|tree| match tree {
            TokenTree::Ident(ident) if ident == "Self" => self_type.clone(),
            TokenTree::Group(group) => {
                let mut replaced =
                    Group::new(group.delimiter(), replace_self(group.stream(), self_type));
                replaced.set_span(group.span());
                TokenTree::Group(replaced).into_token_stream()
            }
            other => other.into_token_stream(),
        })
        .collect()
}
