//! Stage 1 for secondary indexes: `global_index(...)` and `local_index(...)` container items.
//!
//! ```text
//! global_index(name = "by_user", partition_key = "user_id", sort_key = "created_at")
//! global_index(name = "by_place", partition_key("country", "city"), sort_key("year", "month"),
//!              projection = keys_only, throughput(read = 5, write = 5))
//! local_index(name = "by_size", sort_key = "size", projection(include("title", "size")),
//!             derive(Debug, Clone))
//! ```
//!
//! Field names are checked against the struct by `check`; here only the syntax and the index
//! name are.

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::{Ident, LitInt, LitStr, Token, parenthesized};

use super::{Attr, list, resource_name, suggest};
use crate::ctxt::Ctxt;

/// Global or local.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IndexKind {
    Global,
    Local,
}

impl IndexKind {
    /// The container key: `global_index` or `local_index`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            IndexKind::Global => "global_index",
            IndexKind::Local => "local_index",
        }
    }
}

/// Which attributes the index copies, as written.
pub(crate) enum ProjectionAttr {
    All,
    KeysOnly,
    /// The fields named in `include(...)`.
    Include(Vec<LitStr>),
}

/// One `global_index(...)` or `local_index(...)` item.
pub(crate) struct IndexAttr {
    pub(crate) kind: IndexKind,
    /// The whole item, for errors about the index as a whole.
    pub(crate) tokens: TokenStream,
    /// `name = "..."`, a valid index name (an invalid one is reported and kept).
    pub(crate) name: Option<Attr<String>>,
    /// `partition_key = "field"` or `partition_key("a", "b")`.
    pub(crate) partition_key: Option<Attr<Vec<LitStr>>>,
    /// `sort_key = "field"` or `sort_key("a", "b")`.
    pub(crate) sort_key: Option<Attr<Vec<LitStr>>>,
    /// `projection = all | keys_only | include("a", ..)` or `projection(...)`.
    pub(crate) projection: Option<Attr<ProjectionAttr>>,
    /// `throughput(read = N, write = N)`.
    pub(crate) throughput: Option<Attr<(i64, i64)>>,
    /// `derive(Debug, Clone, ...)`: derives for the generated item struct.
    pub(crate) derives: Option<Attr<Vec<syn::Path>>>,
}

const KEYS: &[&str] = &[
    "name",
    "partition_key",
    "sort_key",
    "projection",
    "throughput",
    "derive",
];

/// The correct form of an index item, for `help:` lines.
pub(crate) fn form(kind: IndexKind) -> &'static str {
    match kind {
        IndexKind::Global => {
            "global_index(name = \"by_user\", partition_key = \"user_id\", sort_key = \"created_at\")"
        }
        IndexKind::Local => "local_index(name = \"by_size\", sort_key = \"size\")",
    }
}

/// Parses the `(...)` of an index item; `None` (with the error reported) when it has none.
pub(crate) fn parse(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    ident: &Ident,
    kind: IndexKind,
) -> syn::Result<Option<IndexAttr>> {
    if !meta.input.peek(syn::token::Paren) {
        let value = super::skip_value(meta)?;
        cx.error_spanned_by(
            quote!(#ident #value),
            format_args!(
                "`{}` takes a list of settings\nhelp: write `{}`",
                kind.key(),
                form(kind)
            ),
        );
        return Ok(None);
    }
    let group: TokenTree = meta.input.fork().parse()?;
    let mut index = IndexAttr {
        kind,
        tokens: quote!(#ident #group),
        name: None,
        partition_key: None,
        sort_key: None,
        projection: None,
        throughput: None,
        derives: None,
    };
    meta.parse_nested_meta(|item| parse_setting(cx, &item, &mut index))?;
    Ok(Some(index))
}

fn parse_setting(cx: &Ctxt, item: &ParseNestedMeta<'_>, index: &mut IndexAttr) -> syn::Result<()> {
    let path = &item.path;
    let mut name = path.to_token_stream().to_string();
    if !KEYS.contains(&name.as_str()) {
        let mut message = format!("unknown `{}` setting `{name}`", index.kind.key());
        let suggestion = suggest(&name, KEYS.iter().copied());
        if let Some(suggestion) = suggestion {
            message += &format!("\nhelp: did you mean `{suggestion}`?");
        }
        message += &format!("\nnote: expected one of {}", list(KEYS));
        cx.error_spanned_by(path, message);
        // Go on as if the suggestion had been written, so that the rules checked later do
        // not report what it fixes (a misspelled `partition_key` is not also a missing one).
        match suggestion {
            Some(suggestion) => name = suggestion.to_owned(),
            None => {
                super::skip_value(item)?;
                return Ok(());
            }
        }
    }
    match name.as_str() {
        "name" => {
            let lit: LitStr = item.value()?.parse()?;
            let value = resource_name(cx, &lit, "index");
            set(cx, &mut index.name, quote!(#path = #lit), value);
        }
        "partition_key" | "sort_key" => {
            let (tokens, fields) = field_list(item)?;
            if fields.is_empty() {
                cx.error_spanned_by(
                    &tokens,
                    format_args!("`{name}` needs at least one field name"),
                );
            }
            let slot = if name == "partition_key" {
                &mut index.partition_key
            } else {
                &mut index.sort_key
            };
            set(cx, slot, tokens, fields);
        }
        "projection" => {
            if let Some((tokens, projection)) = projection(cx, item)? {
                set(cx, &mut index.projection, tokens, projection);
            }
        }
        "throughput" => {
            let (tokens, units) = throughput(cx, item)?;
            set(cx, &mut index.throughput, tokens, units);
        }
        "derive" => {
            let group: TokenTree = item.input.fork().parse()?;
            let content;
            parenthesized!(content in item.input);
            let paths = Punctuated::<syn::Path, Token![,]>::parse_terminated(&content)?;
            let paths: Vec<syn::Path> = paths.into_iter().collect();
            set(cx, &mut index.derives, quote!(#path #group), paths);
        }
        _ => {
            super::skip_value(item)?;
        }
    }
    Ok(())
}

/// Stores a setting in its slot, reporting a repeated one.
fn set<T>(cx: &Ctxt, slot: &mut Option<Attr<T>>, tokens: TokenStream, value: T) {
    if slot.is_some() {
        let name = tokens.clone().into_iter().next().map(|t| t.to_string());
        cx.error_spanned_by(
            &tokens,
            format_args!("duplicate `{}` setting", name.unwrap_or_default()),
        );
    } else {
        *slot = Some(Attr { value, tokens });
    }
}

/// `key = "field"` or `key("a", "b")`: the field names, with the setting's tokens.
fn field_list(item: &ParseNestedMeta<'_>) -> syn::Result<(TokenStream, Vec<LitStr>)> {
    let path = &item.path;
    if item.input.peek(Token![=]) {
        let lit: LitStr = item.value()?.parse()?;
        Ok((quote!(#path = #lit), vec![lit]))
    } else {
        // The group as written, so that errors span the whole setting.
        let group: TokenTree = item.input.fork().parse()?;
        let content;
        parenthesized!(content in item.input);
        let fields = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
        let fields: Vec<LitStr> = fields.into_iter().collect();
        Ok((quote!(#path #group), fields))
    }
}

/// `projection = all`, `projection = keys_only`, `projection = include("a", ..)`, or the
/// same inside `projection(...)`.
fn projection(
    cx: &Ctxt,
    item: &ParseNestedMeta<'_>,
) -> syn::Result<Option<(TokenStream, ProjectionAttr)>> {
    let path = &item.path;
    let content;
    let input = if item.input.peek(Token![=]) {
        item.input.parse::<Token![=]>()?;
        item.input
    } else {
        parenthesized!(content in item.input);
        &content
    };
    let kind: Ident = input.parse()?;
    let (tokens, projection) = match kind.to_string().as_str() {
        "all" => (quote!(#path = #kind), ProjectionAttr::All),
        "keys_only" => (quote!(#path = #kind), ProjectionAttr::KeysOnly),
        "include" => {
            let group: TokenTree = input.fork().parse()?;
            let fields;
            parenthesized!(fields in input);
            let fields = Punctuated::<LitStr, Token![,]>::parse_terminated(&fields)?;
            let fields: Vec<LitStr> = fields.into_iter().collect();
            let tokens = quote!(#kind #group);
            if fields.is_empty() {
                cx.error_spanned_by(
                    &tokens,
                    "`include` needs at least one field name\nhelp: write `projection = keys_only` to project only the keys",
                );
            }
            (tokens, ProjectionAttr::Include(fields))
        }
        other => {
            let mut message = format!("unknown projection `{other}`");
            let kinds = ["all", "keys_only", "include"];
            if let Some(suggestion) = suggest(other, kinds.iter().copied()) {
                message += &format!("\nhelp: did you mean `{suggestion}`?");
            }
            message += "\nnote: expected `all`, `keys_only` or `include(\"field\", ...)`";
            cx.error_spanned_by(&kind, message);
            if input.peek(syn::token::Paren) {
                let _: TokenTree = input.parse()?;
            }
            return Ok(None);
        }
    };
    Ok(Some((tokens, projection)))
}

/// `throughput(read = N, write = N)`: positive capacity units, both required.
fn throughput(cx: &Ctxt, item: &ParseNestedMeta<'_>) -> syn::Result<(TokenStream, (i64, i64))> {
    let group: TokenTree = item.input.fork().parse()?;
    let path = &item.path;
    let tokens = quote!(#path #group);
    let (mut read, mut write) = (None, None);
    item.parse_nested_meta(|unit| {
        let name = unit.path.to_token_stream().to_string();
        let slot = match name.as_str() {
            "read" => &mut read,
            "write" => &mut write,
            _ => {
                cx.error_spanned_by(
                    &unit.path,
                    format_args!(
                        "unknown throughput setting `{name}`\nhelp: write `throughput(read = 5, write = 5)`"
                    ),
                );
                super::skip_value(&unit)?;
                return Ok(());
            }
        };
        let lit: LitInt = unit.value()?.parse()?;
        match lit.base10_parse::<i64>() {
            Ok(units) if units >= 1 => *slot = Some(units),
            _ => {
                cx.error_spanned_by(
                    &lit,
                    format_args!("`{name}` must be a positive number of capacity units"),
                );
                *slot = Some(1);
            }
        }
        Ok(())
    })?;
    let (read, write) = match (read, write) {
        (Some(read), Some(write)) => (read, write),
        _ => {
            cx.error_spanned_by(
                &tokens,
                "`throughput` needs both `read` and `write`\nhelp: write `throughput(read = 5, write = 5)`",
            );
            (read.unwrap_or(1), write.unwrap_or(1))
        }
    };
    Ok((tokens, (read, write)))
}
