//! `#[derive(Table)]` for secondary indexes: for each `global_index(...)` and
//! `local_index(...)`, a marker type implementing `dynamodel::Index` (and `Source`), an
//! associated function of the table returning it, and for a `KEYS_ONLY` or `INCLUDE`
//! projection the struct its items decode into; plus the indexes' part of the table schema.
//!
//! For index `by_user` of `Image`: `ImageByUserIndex`, `Image::by_user()` and
//! `ImageByUserItem`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::{codec, default_of};
use crate::ast::{Container, Field, Index, Projected, key_type};
use crate::attr::IndexKind;
use crate::expand::table::{key_bounds, key_types};

/// The generated code of every index: the items users name (marker and item structs) and
/// the impls (wrapped by the caller).
pub(crate) struct Expansion {
    pub(crate) items: TokenStream,
    pub(crate) impls: TokenStream,
}

///
/// The fallback of a failed derive calls it too, so that code naming the indexes does not
/// add errors to the real ones: indexes without a name, whose Rust names are already taken,
/// or on a generic table (all errors) are left out.
pub(crate) fn expand(cont: &Container<'_>) -> Expansion {
    let mut expansion = Expansion {
        items: TokenStream::new(),
        impls: TokenStream::new(),
    };
    if !cont.generics.params.is_empty() {
        return expansion;
    }
    let mut seen = Vec::new();
    for index in cont.indexes() {
        // Names that give the same Rust names as an earlier one are errors too.
        let rust_name = index.name_words().join("_").to_ascii_lowercase();
        if index.attr.name.is_none() || seen.contains(&rust_name) {
            continue;
        }
        seen.push(rust_name);
        let names = Names::of(cont, &index);
        let marker = marker(cont, &index, &names);
        let item = item_struct(cont, &index, &names);
        let impls = impls(cont, &index, &names);
        expansion.items.extend(quote!(#marker #item));
        expansion.impls.extend(impls);
    }
    expansion
}

/// The schema expressions of the table's indexes: `(global_indexes, local_indexes)`, each a
/// `Vec<IndexSchema>` expression.
pub(crate) fn schemas(cont: &Container<'_>) -> (TokenStream, TokenStream) {
    let indexes = cont.indexes();
    let of_kind = |kind: IndexKind| {
        let schemas: Vec<TokenStream> = indexes
            .iter()
            .filter(|index| index.kind == kind)
            .map(|index| schema(cont, index))
            .collect();
        if schemas.is_empty() {
            quote!(::dynamodel::__private::Vec::new())
        } else {
            quote!(::dynamodel::__private::Vec::from([#(#schemas),*]))
        }
    };
    (of_kind(IndexKind::Global), of_kind(IndexKind::Local))
}

/// The Rust names of an index's generated items.
pub(crate) struct Names {
    /// `ImageByUserIndex`
    pub(crate) marker: Ident,
    /// `ImageByUserItem`
    pub(crate) item: Ident,
    /// `by_user`
    pub(crate) accessor: Ident,
}

impl Names {
    pub(crate) fn of(cont: &Container<'_>, index: &Index<'_, '_>) -> Self {
        let words = index.name_words();
        let pascal: String = words
            .iter()
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
                })
            })
            .collect();
        let mut snake = words
            .iter()
            .map(|word| word.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join("_");
        if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
            snake.insert_str(0, "index_");
        }
        let span = index
            .attr
            .name
            .as_ref()
            .map_or_else(proc_macro2::Span::call_site, |name| name.tokens.span());
        // A keyword (`type`, `self`) is not an identifier: `type_index`.
        if syn::parse_str::<Ident>(&snake).is_err() {
            snake.push_str("_index");
        }
        let accessor = Ident::new(&snake, span);
        Names {
            marker: format_ident!("{}{}Index", cont.ident, pascal),
            item: format_ident!("{}{}Item", cont.ident, pascal),
            accessor,
        }
    }
}

/// `a`, `b` and `c` as "`a`, `b`, `c`" (Rust field names).
fn field_list(fields: &[&Field<'_>]) -> String {
    fields
        .iter()
        .map(|field| format!("`{}`", field.rust_name()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn projection_text(index: &Index<'_, '_>) -> String {
    match &index.projection {
        Projected::All => "all attributes".to_owned(),
        Projected::KeysOnly => "the keys only (`KEYS_ONLY`)".to_owned(),
        Projected::Include(fields) => {
            let names: Vec<String> = fields
                .iter()
                .map(|f| format!("`{}`", f.lit.value()))
                .collect();
            format!("the keys and {} (`INCLUDE`)", names.join(", "))
        }
    }
}

/// The marker type: a unit struct with the table's visibility.
fn marker(cont: &Container<'_>, index: &Index<'_, '_>, names: &Names) -> TokenStream {
    let (vis, table, marker, accessor) = (cont.vis, cont.ident, &names.marker, &names.accessor);
    let kind = match index.kind {
        IndexKind::Global => "global",
        IndexKind::Local => "local",
    };
    let sort = match index.sort_fields().as_slice() {
        [] => String::new(),
        fields => format!(", sort key {}", field_list(fields)),
    };
    let doc = format!(
        " The `{}` {kind} secondary index of [`{table}`]: partition key {}{sort}; it holds {}.",
        index.name,
        field_list(&index.partition_fields(cont)),
        projection_text(index),
    );
    let usage = format!(
        " Query it with `client.query_index({table}::{accessor}(), ..)`. Generated by `#[derive(Table)]`."
    );
    quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = #usage]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        #[allow(dead_code)]
        #vis struct #marker;
    }
}

/// The item struct of a `KEYS_ONLY` or `INCLUDE` index: the fields it holds, index key
/// fields unwrapped from `Option` (every item in the index has them).
fn item_struct(cont: &Container<'_>, index: &Index<'_, '_>, names: &Names) -> TokenStream {
    let Some(fields) = index.projected_fields(cont) else {
        return TokenStream::new();
    };
    let (vis, table, item) = (cont.vis, cont.ident, &names.item);
    let derives = index.attr.derives.as_ref().map(|derives| {
        let paths = &derives.value;
        quote!(#[derive(#(#paths),*)])
    });
    let doc = format!(
        " An item of the `{}` index of [`{table}`], which holds {}. Generated by `#[derive(Table)]`.",
        index.name,
        projection_text(index),
    );
    let members = fields.iter().map(|field| {
        let member = &field.member;
        let ty = item_field_type(cont, index, field);
        let doc = format!(" The `{}` attribute.", field.name);
        quote!(#[doc = #doc] #vis #member: #ty,)
    });
    quote! {
        #[doc = #doc]
        #derives
        #[allow(dead_code)]
        #vis struct #item {
            #(#members)*
        }
    }
}

/// The type of a field in the item struct: an index key field's key type, or the table's.
fn item_field_type<'a>(
    cont: &Container<'a>,
    index: &Index<'_, 'a>,
    field: &Field<'a>,
) -> &'a syn::Type {
    if index.is_key(cont, field) {
        key_type(field.ty)
    } else {
        field.ty
    }
}

/// A key's Rust type: the field's key type, or a tuple of them for several attributes.
fn key_tuple(fields: &[&Field<'_>], empty: TokenStream) -> TokenStream {
    match fields {
        [] => empty,
        [field] => {
            let ty = key_type(field.ty);
            quote!(#ty)
        }
        fields => {
            let types = fields.iter().map(|field| key_type(field.ty));
            quote!((#(#types,)*))
        }
    }
}

fn impls(cont: &Container<'_>, index: &Index<'_, '_>, names: &Names) -> TokenStream {
    let (vis, table, marker, accessor) = (cont.vis, cont.ident, &names.marker, &names.accessor);
    let where_clause = {
        let bounds = key_bounds(&key_types(cont));
        (!bounds.is_empty()).then(|| quote!(where #(#bounds),*))
    };
    let index_name = &index.name;
    let partition_fields = index.partition_fields(cont);
    let sort_fields = index.sort_fields();
    let partition_type = key_tuple(&partition_fields, quote!(::dynamodel::NoSortKey));
    let sort_type = key_tuple(&sort_fields, quote!(::dynamodel::NoSortKey));
    let partition_names = partition_fields.iter().map(|field| &field.name);
    let sort_names = sort_fields.iter().map(|field| &field.name);
    let kind = match index.kind {
        IndexKind::Global => quote!(::dynamodel::IndexKind::Global),
        IndexKind::Local => quote!(::dynamodel::IndexKind::Local),
    };
    let consistent_reads = (index.kind == IndexKind::Local).then(|| {
        quote! {
            #[automatically_derived]
            impl ::dynamodel::index::ConsistentReads for #marker #where_clause {}
        }
    });
    let accessor_doc =
        format!(" The `{index_name}` secondary index, for `query_index` and `scan_index`.");
    let projected = index.projected_fields(cont);
    let (item_type, decode, projected_fields, item_impl) = match &projected {
        None => (
            quote!(#table),
            quote!(<#table as ::dynamodel::Table>::from_item(__item)),
            quote!(::dynamodel::__private::Option::None),
            TokenStream::new(),
        ),
        Some(fields) => {
            let item = &names.item;
            let rust_names: Vec<String> = fields.iter().map(|field| field.rust_name()).collect();
            (
                quote!(#item),
                quote!(<#item as ::dynamodel::Projection>::from_item(__item)),
                quote!(::dynamodel::__private::Option::Some(&[#(#rust_names),*])),
                item_projection(cont, index, item, fields, where_clause.as_ref()),
            )
        }
    };
    quote! {
        #[automatically_derived]
        impl #table {
            #[doc = #accessor_doc]
            #[allow(dead_code)]
            #vis fn #accessor() -> #marker {
                #marker
            }
        }

        #[automatically_derived]
        impl ::dynamodel::Source for #marker #where_clause {
            type Table = #table;
            type PartitionKey = #partition_type;
            type SortKey = #sort_type;
            type Item = #item_type;

            const INDEX_NAME: ::dynamodel::__private::Option<&'static str> =
                ::dynamodel::__private::Option::Some(#index_name);
            const PARTITION_ATTRIBUTES: &'static [&'static str] = &[#(#partition_names),*];
            const SORT_ATTRIBUTES: &'static [&'static str] = &[#(#sort_names),*];
            const PROJECTED_FIELDS: ::dynamodel::__private::Option<&'static [&'static str]> =
                #projected_fields;

            fn decode(__item: ::dynamodel::Item) -> ::dynamodel::Result<Self::Item> {
                #decode
            }
        }

        #[automatically_derived]
        impl ::dynamodel::Index for #marker #where_clause {
            const NAME: &'static str = #index_name;
            const KIND: ::dynamodel::IndexKind = #kind;
        }

        #consistent_reads
        #item_impl
    }
}

/// `Projection` for the item struct, so that it decodes index items and can also be read
/// from the table with `.project::<Item>()`.
fn item_projection(
    cont: &Container<'_>,
    index: &Index<'_, '_>,
    item: &Ident,
    fields: &[&Field<'_>],
    where_clause: Option<&TokenStream>,
) -> TokenStream {
    let table = cont.ident;
    let rust_names = fields.iter().map(|field| field.rust_name());
    let attribute_names = fields.iter().map(|field| &field.name);
    let slots: Vec<(&str, Ident)> = fields
        .iter()
        .map(|field| (field.name.as_str(), super::fields::slot(field)))
        .collect();
    let fill = super::fields::fill_slots(&slots);
    let reads = fields.iter().map(|field| {
        let (member, name, slot) = (&field.member, &field.name, super::fields::slot(field));
        let ty = item_field_type(cont, index, field);
        let codec = codec(ty);
        if field.attrs.default.is_some() && !index.is_key(cont, field) {
            let default = default_of(ty);
            quote_spanned!(field.ty.span()=> #member: #codec.read_or_default(#slot, #name, #default)?,)
        } else {
            quote!(#member: #codec.read(#slot, #name)?,)
        }
    });
    quote! {
        #[automatically_derived]
        impl ::dynamodel::Projection for #item #where_clause {
            type Table = #table;

            const FIELDS: &'static [&'static str] = &[#(#rust_names),*];

            fn projected_paths() -> ::dynamodel::__private::Vec<::dynamodel::expr::RawPath> {
                ::dynamodel::__private::Vec::from([
                    #(::dynamodel::expr::RawPath::attribute(#attribute_names)),*
                ])
            }

            fn from_item(__item: ::dynamodel::Item) -> ::dynamodel::Result<Self> {
                #fill
                ::dynamodel::__private::Result::Ok(Self { #(#reads)* })
            }
        }
    }
}

/// One `IndexSchema` expression.
fn schema(cont: &Container<'_>, index: &Index<'_, '_>) -> TokenStream {
    let key = |fields: Vec<&Field<'_>>| {
        let parts = fields.into_iter().map(|field| {
            let (name, ty) = (&field.name, key_type(field.ty));
            quote! {
                (
                    ::dynamodel::__private::String::from(#name),
                    <#ty as ::dynamodel::KeyAttribute>::SCALAR_TYPE,
                )
            }
        });
        quote!(::dynamodel::__private::Vec::from([#(#parts),*]))
    };
    let name = &index.name;
    let partition_key = key(index.partition_fields(cont));
    let sort_key = key(index.sort_fields());
    let projection = match &index.projection {
        Projected::All => quote!(::dynamodel::IndexProjection::All),
        Projected::KeysOnly => quote!(::dynamodel::IndexProjection::KeysOnly),
        Projected::Include(fields) => {
            let names = fields
                .iter()
                .filter_map(|r| r.field)
                .map(|field| &field.name);
            quote! {
                ::dynamodel::IndexProjection::Include(::dynamodel::__private::Vec::from([
                    #(::dynamodel::__private::String::from(#names)),*
                ]))
            }
        }
    };
    let throughput = match &index.attr.throughput {
        Some(throughput) => {
            let (read, write) = throughput.value;
            quote!(::dynamodel::__private::Option::Some(::dynamodel::Throughput { read: #read, write: #write }))
        }
        None => quote!(::dynamodel::__private::Option::None),
    };
    quote! {
        ::dynamodel::IndexSchema {
            name: ::dynamodel::__private::String::from(#name),
            partition_key: #partition_key,
            sort_key: #sort_key,
            projection: #projection,
            throughput: #throughput,
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::Names;
    use crate::ast::Container;
    use crate::attr::Derive;
    use crate::ctxt::Ctxt;

    /// The accessor and marker names of each index of a table declaring `names`.
    fn names(index_names: &[&str]) -> Vec<(String, String)> {
        let indexes = index_names
            .iter()
            .map(|name| quote!(#[dynamodel(global_index(name = #name, partition_key = "b"))]));
        let input: syn::DeriveInput = syn::parse2(quote! {
            #[dynamodel(table = "things")]
            #(#indexes)*
            struct Thing {
                #[dynamodel(partition_key)]
                a: String,
                b: String,
            }
        })
        .expect("the input parses");
        let cx = Ctxt::new();
        let cont = Container::from_ast(&cx, &input, Derive::Table);
        cx.check().expect("the attributes parse");
        cont.indexes()
            .iter()
            .map(|index| {
                let names = Names::of(&cont, index);
                (names.accessor.to_string(), names.marker.to_string())
            })
            .collect()
    }

    #[test]
    fn index_names_become_rust_names() {
        let pairs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, m)| ((*a).to_owned(), (*m).to_owned()))
                .collect()
        };
        assert_eq!(
            names(&["by_user", "byPlace.v2", "GSI1", "type", "self", "1st-index"]),
            pairs(&[
                ("by_user", "ThingByUserIndex"),
                ("by_place_v2", "ThingByPlaceV2Index"),
                ("gsi1", "ThingGsi1Index"),
                ("type_index", "ThingTypeIndex"),
                ("self_index", "ThingSelfIndex"),
                ("index_1st_index", "Thing1stIndexIndex"),
            ])
        );
    }
}
