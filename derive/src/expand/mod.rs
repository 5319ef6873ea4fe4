//! Stage 4: code generation.
//!
//! Generated code reaches the runtime only through `::dynamodel` and
//! `::dynamodel::__private`, and is wrapped in `const _: () = { ... };`, except the
//! `<Name>Paths` struct, which users name.
//!
//! Every conversion of a field of type `T` goes through `__private::field::<T>()`, the
//! one place that requires `T: Attribute`; rustc reports a duplicate error once, so an
//! unsupported field type shows one error, on the field's type.

mod attribute;
pub(crate) mod collection;
pub(crate) mod fields;
pub(crate) mod index;
pub(crate) mod lifecycle;
pub(crate) mod paths;
pub(crate) mod projection;
pub(crate) mod table;
pub(crate) mod template;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Generics, Type, WherePredicate, parse_quote};

use crate::ast::Container;
use crate::attr::Derive;
use crate::check;
use crate::ctxt::Ctxt;

/// `#[derive(Table)]`: the expansion, or every error in the input.
pub(crate) fn derive_table(input: TokenStream) -> syn::Result<TokenStream> {
    derive(input, Derive::Table)
}

/// `#[derive(Attribute)]`: the expansion, or every error in the input.
pub(crate) fn derive_attribute(input: TokenStream) -> syn::Result<TokenStream> {
    derive(input, Derive::Attribute)
}

/// `#[derive(Projection)]`: the expansion, or every error in the input.
pub(crate) fn derive_projection(input: TokenStream) -> syn::Result<TokenStream> {
    derive(input, Derive::Projection)
}

fn derive(input: TokenStream, derive: Derive) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, &input, derive);
    check::check(&cx, &cont);
    cx.check()?;
    Ok(match derive {
        Derive::Table => {
            let indexes = index::expand(&cont);
            let table = table::expand(&cont);
            let items = indexes.items;
            let impls = indexes.impls;
            let table = with_paths(&cont, quote!(#table #impls));
            let templates = template::items(&cont);
            quote!(#items #templates #table)
        }
        Derive::Attribute => with_paths(&cont, attribute::expand(&cont)),
        Derive::Projection => wrap(projection::expand(&cont)),
    })
}

/// The impls of a stored type (`Table` or `Attribute`), with its typed paths (a struct
/// with named fields) and its `ListElement` impl, all wrapped but the paths struct, which
/// users name.
pub(crate) fn with_paths(cont: &Container<'_>, impls: TokenStream) -> TokenStream {
    let list_element = paths::list_element(cont);
    let (paths_struct, paths_impls) = match paths::paths(cont) {
        Some(paths) => (paths.item, paths.impls),
        None => (TokenStream::new(), TokenStream::new()),
    };
    let wrapped = wrap(quote! {
        #impls
        #paths_impls
        #list_element
    });
    quote! {
        #paths_struct
        #wrapped
    }
}

/// Wraps generated items so that their helper names stay out of the user's scope.
pub(crate) fn wrap(items: TokenStream) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications)]
        const _: () = {
            #items
        };
    }
}

/// The container's generics with `bound` added to every type parameter and `extra`
/// predicates added to the where clause.
pub(crate) fn bounded_generics(
    cont: &Container<'_>,
    bound: &TokenStream,
    extra: &[WherePredicate],
) -> Generics {
    let mut generics = cont.generics.clone();
    let params: Vec<_> = generics
        .type_params()
        .map(|param| param.ident.clone())
        .collect();
    let where_clause = generics.make_where_clause();
    for param in params {
        where_clause.predicates.push(parse_quote!(#param: #bound));
    }
    where_clause.predicates.extend(extra.iter().cloned());
    generics
}

/// `::dynamodel::__private::field::<T>()`, spanned at the field's type so that an
/// unsupported type is reported there.
pub(crate) fn codec(ty: &Type) -> TokenStream {
    quote_spanned!(ty.span()=> ::dynamodel::__private::field::<#ty>())
}

/// `T::default()`, spanned at the field's type.
fn default_of(ty: &Type) -> TokenStream {
    quote_spanned!(ty.span()=> <#ty as ::dynamodel::__private::Default>::default)
}
