//! Stage 1: parsing `#[dynamodel(...)]` attributes.
//!
//! Every attribute of the input is parsed in one pass; each mistake is reported into the
//! [`Ctxt`] on the token to fix and parsing goes on. Keys that belong to the other derive
//! (`partition_key` under `#[derive(Attribute)]`, say) are parsed here and rejected by
//! `check`, which knows why they do not apply.

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::meta::ParseNestedMeta;
use syn::{Expr, ExprLit, Lit, LitInt, LitStr, Token, Type, token};

use crate::case::Case;
use crate::ctxt::Ctxt;

mod index;
mod template;

pub(crate) use index::{IndexAttr, IndexKind, ProjectionAttr, form as index_form};
pub(crate) use template::{KeyRole, Template, TemplateKey};

/// Which derive is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Derive {
    Table,
    Attribute,
    Projection,
}

impl Derive {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Derive::Table => "Table",
            Derive::Attribute => "Attribute",
            Derive::Projection => "Projection",
        }
    }
}

/// One attribute item as written, kept for error spans.
#[derive(Clone)]
pub(crate) struct Attr<T> {
    pub(crate) value: T,
    /// The tokens of the item (`rename = "id"`), so errors can span all of it.
    pub(crate) tokens: TokenStream,
}

impl<T> ToTokens for Attr<T> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.tokens.to_tokens(tokens);
    }
}

/// Container attributes: `#[dynamodel(...)]` on the struct or enum.
#[derive(Default)]
pub(crate) struct Container {
    /// `table = "name"` (Table).
    pub(crate) table: Option<Attr<String>>,
    /// `rename_all = "case"`.
    pub(crate) rename_all: Option<Attr<Case>>,
    /// `read_capacity = N` (Table).
    pub(crate) read_capacity: Option<Attr<i64>>,
    /// `write_capacity = N` (Table).
    pub(crate) write_capacity: Option<Attr<i64>>,
    /// `key` (Attribute, newtype structs).
    pub(crate) key: Option<Attr<()>>,
    /// `projection_of = Table` (Projection).
    pub(crate) projection_of: Option<Attr<Type>>,
    /// `global_index(...)` and `local_index(...)` (Table), in declaration order.
    pub(crate) indexes: Vec<IndexAttr>,
    /// `partition_key(name = "pk", template = "...")` (Table).
    pub(crate) partition_template: Option<TemplateKey>,
    /// `sort_key(name = "sk", template = "...")` (Table).
    pub(crate) sort_template: Option<TemplateKey>,
    /// `entity = "name"` (Table).
    pub(crate) entity: Option<Attr<String>>,
    /// `entity_attribute = "name"` (Table).
    pub(crate) entity_attribute: Option<Attr<String>>,
}

/// Field attributes.
#[derive(Default)]
pub(crate) struct Field {
    /// `partition_key` (Table).
    pub(crate) partition_key: Option<Attr<()>>,
    /// `sort_key` (Table).
    pub(crate) sort_key: Option<Attr<()>>,
    /// `rename = "name"`.
    pub(crate) rename: Option<Attr<String>>,
    /// `skip`.
    pub(crate) skip: Option<Attr<()>>,
    /// `default`.
    pub(crate) default: Option<Attr<()>>,
    /// `nullable`.
    pub(crate) nullable: Option<Attr<()>>,
    /// `key_only` (Table): a key template field stored only inside the key.
    pub(crate) key_only: Option<Attr<()>>,
    /// `version` (Table): the optimistic-locking version.
    pub(crate) version: Option<Attr<()>>,
    /// `ttl` (Table): the time-to-live attribute, stored as epoch seconds.
    pub(crate) ttl: Option<Attr<()>>,
    /// `created_at` (Table): set when the item is first written.
    pub(crate) created_at: Option<Attr<()>>,
    /// `updated_at` (Table): set on every put and update.
    pub(crate) updated_at: Option<Attr<()>>,
}

impl Field {
    /// Every attribute written on the field, for rules about fields that take none.
    pub(crate) fn all(&self) -> Vec<&TokenStream> {
        let flags = [
            &self.partition_key,
            &self.sort_key,
            &self.skip,
            &self.default,
            &self.nullable,
            &self.key_only,
            &self.version,
            &self.ttl,
            &self.created_at,
            &self.updated_at,
        ];
        let mut all: Vec<&TokenStream> = flags.into_iter().flatten().map(|a| &a.tokens).collect();
        all.extend(self.rename.as_ref().map(|a| &a.tokens));
        all
    }
}

/// Variant attributes.
#[derive(Default)]
pub(crate) struct Variant {
    /// `rename = "name"`.
    pub(crate) rename: Option<Attr<String>>,
}

/// Where an attribute is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    Container,
    Field,
    Variant,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Flag,
    Str,
    Int,
    /// A type, such as `Game` or `Blob<String>`.
    Type,
    /// A secondary index: `global_index(...)` or `local_index(...)`.
    Index(IndexKind),
    /// A key template: `partition_key(...)` or `sort_key(...)` on the struct.
    Template(KeyRole),
}

/// One key the parser understands.
struct Key {
    name: &'static str,
    kind: Kind,
    position: Position,
    /// The derives the key applies to; `check` rejects it under the others.
    derives: &'static [Derive],
    /// The correct form, shown in `help:` lines.
    form: &'static str,
}

const BOTH: &[Derive] = &[Derive::Table, Derive::Attribute];
const ALL: &[Derive] = &[Derive::Table, Derive::Attribute, Derive::Projection];
const TABLE: &[Derive] = &[Derive::Table];
const ATTRIBUTE: &[Derive] = &[Derive::Attribute];
const PROJECTION: &[Derive] = &[Derive::Projection];

#[rustfmt::skip]
const KEYS: &[Key] = &[
    Key { name: "table", kind: Kind::Str, position: Position::Container, derives: TABLE, form: "table = \"name\"" },
    Key { name: "rename_all", kind: Kind::Str, position: Position::Container, derives: BOTH, form: "rename_all = \"camelCase\"" },
    Key { name: "read_capacity", kind: Kind::Int, position: Position::Container, derives: TABLE, form: "read_capacity = 5" },
    Key { name: "write_capacity", kind: Kind::Int, position: Position::Container, derives: TABLE, form: "write_capacity = 5" },
    Key { name: "key", kind: Kind::Flag, position: Position::Container, derives: ATTRIBUTE, form: "key" },
    Key { name: "projection_of", kind: Kind::Type, position: Position::Container, derives: PROJECTION, form: "projection_of = Game" },
    Key { name: "global_index", kind: Kind::Index(IndexKind::Global), position: Position::Container, derives: TABLE, form: "global_index(name = \"by_user\", partition_key = \"user_id\")" },
    Key { name: "local_index", kind: Kind::Index(IndexKind::Local), position: Position::Container, derives: TABLE, form: "local_index(name = \"by_size\", sort_key = \"size\")" },
    Key { name: "partition_key", kind: Kind::Template(KeyRole::Partition), position: Position::Container, derives: TABLE, form: "partition_key(name = \"pk\", template = \"USER#{user_id}\")" },
    Key { name: "sort_key", kind: Kind::Template(KeyRole::Sort), position: Position::Container, derives: TABLE, form: "sort_key(name = \"sk\", template = \"ORDER#{created_at}\")" },
    Key { name: "entity", kind: Kind::Str, position: Position::Container, derives: TABLE, form: "entity = \"order\"" },
    Key { name: "entity_attribute", kind: Kind::Str, position: Position::Container, derives: TABLE, form: "entity_attribute = \"type\"" },
    Key { name: "partition_key", kind: Kind::Flag, position: Position::Field, derives: TABLE, form: "partition_key" },
    Key { name: "sort_key", kind: Kind::Flag, position: Position::Field, derives: TABLE, form: "sort_key" },
    Key { name: "rename", kind: Kind::Str, position: Position::Field, derives: BOTH, form: "rename = \"name\"" },
    Key { name: "skip", kind: Kind::Flag, position: Position::Field, derives: BOTH, form: "skip" },
    Key { name: "default", kind: Kind::Flag, position: Position::Field, derives: ALL, form: "default" },
    Key { name: "nullable", kind: Kind::Flag, position: Position::Field, derives: BOTH, form: "nullable" },
    Key { name: "key_only", kind: Kind::Flag, position: Position::Field, derives: TABLE, form: "key_only" },
    Key { name: "version", kind: Kind::Flag, position: Position::Field, derives: TABLE, form: "version" },
    Key { name: "ttl", kind: Kind::Flag, position: Position::Field, derives: TABLE, form: "ttl" },
    Key { name: "created_at", kind: Kind::Flag, position: Position::Field, derives: TABLE, form: "created_at" },
    Key { name: "updated_at", kind: Kind::Flag, position: Position::Field, derives: TABLE, form: "updated_at" },
    Key { name: "rename", kind: Kind::Str, position: Position::Variant, derives: ATTRIBUTE, form: "rename = \"name\"" },
];

/// A parsed item, before it is stored in its slot.
struct Item {
    key: &'static Key,
    tokens: TokenStream,
    value: Value,
}

enum Value {
    Flag,
    Str(LitStr),
    Int(LitInt),
    Type(Box<Type>),
    Index(Box<IndexAttr>),
    Template(Box<TemplateKey>),
}

impl Container {
    pub(crate) fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute], derive: Derive) -> Self {
        let mut container = Container::default();
        for item in parse(cx, attrs, Position::Container, derive) {
            match item.key.name {
                "table" => {
                    if let Some(name) = table_name(cx, &item) {
                        set(cx, &mut container.table, &item, name);
                    }
                }
                "rename_all" => {
                    if let Some(case) = case(cx, &item) {
                        set(cx, &mut container.rename_all, &item, case);
                    }
                }
                "read_capacity" => {
                    if let Some(units) = capacity(cx, &item) {
                        set(cx, &mut container.read_capacity, &item, units);
                    }
                }
                "write_capacity" => {
                    if let Some(units) = capacity(cx, &item) {
                        set(cx, &mut container.write_capacity, &item, units);
                    }
                }
                "projection_of" => {
                    if let Value::Type(ty) = &item.value {
                        set(cx, &mut container.projection_of, &item, (**ty).clone());
                    }
                }
                "partition_key" | "sort_key" => {
                    if let Value::Template(key) = item.value {
                        let slot = match key.role {
                            KeyRole::Partition => &mut container.partition_template,
                            KeyRole::Sort => &mut container.sort_template,
                        };
                        if slot.is_some() {
                            cx.error_spanned_by(
                                &key.tokens,
                                format_args!("duplicate `{}` attribute", key.role.key()),
                            );
                        } else {
                            *slot = Some(*key);
                        }
                    }
                }
                "entity" | "entity_attribute" => {
                    if let Some(name) = attribute_name(cx, &item) {
                        let slot = if item.key.name == "entity" {
                            &mut container.entity
                        } else {
                            &mut container.entity_attribute
                        };
                        set(cx, slot, &item, name);
                    }
                }
                "global_index" | "local_index" => {
                    if let Value::Index(index) = item.value {
                        container.indexes.push(*index);
                    }
                }
                _ => set(cx, &mut container.key, &item, ()),
            }
        }
        container
    }
}

impl Field {
    pub(crate) fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute], derive: Derive) -> Self {
        let mut field = Field::default();
        for item in parse(cx, attrs, Position::Field, derive) {
            let slot = match item.key.name {
                "partition_key" => &mut field.partition_key,
                "sort_key" => &mut field.sort_key,
                "skip" => &mut field.skip,
                "default" => &mut field.default,
                "nullable" => &mut field.nullable,
                "key_only" => &mut field.key_only,
                "version" => &mut field.version,
                "ttl" => &mut field.ttl,
                "created_at" => &mut field.created_at,
                "updated_at" => &mut field.updated_at,
                _ => {
                    if let Some(name) = attribute_name(cx, &item) {
                        set(cx, &mut field.rename, &item, name);
                    }
                    continue;
                }
            };
            set(cx, slot, &item, ());
        }
        field
    }
}

impl Variant {
    pub(crate) fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute], derive: Derive) -> Self {
        let mut variant = Variant::default();
        for item in parse(cx, attrs, Position::Variant, derive) {
            if let Some(name) = attribute_name(cx, &item) {
                set(cx, &mut variant.rename, &item, name);
            }
        }
        variant
    }
}

/// Stores an item in its slot, reporting a repeated key.
fn set<T>(cx: &Ctxt, slot: &mut Option<Attr<T>>, item: &Item, value: T) {
    if slot.is_some() {
        cx.error_spanned_by(
            &item.tokens,
            format_args!("duplicate `{}` attribute", item.key.name),
        );
    } else {
        *slot = Some(Attr {
            value,
            tokens: item.tokens.clone(),
        });
    }
}

/// Parses every `#[dynamodel(...)]` item of one position, reporting unknown and malformed
/// items and going on past them.
fn parse(cx: &Ctxt, attrs: &[syn::Attribute], position: Position, derive: Derive) -> Vec<Item> {
    let mut items = Vec::new();
    for attr in attrs
        .iter()
        .filter(|attr| attr.path().is_ident("dynamodel"))
    {
        if let syn::Meta::Path(path) = &attr.meta {
            cx.error_spanned_by(
                path,
                format_args!(
                    "expected `#[dynamodel(...)]`\nhelp: write `#[dynamodel({})]`",
                    example(position, derive)
                ),
            );
            continue;
        }
        let result =
            attr.parse_nested_meta(|meta| parse_item(cx, &meta, position, derive, &mut items));
        if let Err(error) = result {
            cx.syn_error(error);
        }
    }
    items
}

fn parse_item(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    position: Position,
    derive: Derive,
    items: &mut Vec<Item>,
) -> syn::Result<()> {
    let Some(ident) = meta.path.get_ident() else {
        let (message, _) = unknown_key(&meta.path.to_token_stream().to_string(), position, derive);
        cx.error_spanned_by(&meta.path, message);
        skip_value(meta)?;
        return Ok(());
    };
    let name = ident.to_string();
    let known = |name: &str| {
        KEYS.iter()
            .find(|key| key.position == position && key.name == name)
    };
    let key = match known(&name) {
        Some(key) => key,
        None => {
            let (message, suggestion) = unknown_key(&name, position, derive);
            cx.error_spanned_by(ident, message);
            // Go on as if the suggestion had been written, so that the rules checked later
            // do not report what the suggestion fixes (a misspelled `partition_key` is
            // not also a missing one).
            match suggestion.and_then(known) {
                Some(key) if takes_value(meta) == (key.kind != Kind::Flag) => key,
                _ => {
                    skip_value(meta)?;
                    return Ok(());
                }
            }
        }
    };
    match key.kind {
        Kind::Template(role) => {
            if let Some(template) = template::parse(cx, meta, ident, role)? {
                items.push(Item {
                    key,
                    tokens: template.tokens.clone(),
                    value: Value::Template(Box::new(template)),
                });
            }
        }
        Kind::Index(kind) => {
            if let Some(index) = index::parse(cx, meta, ident, kind)? {
                items.push(Item {
                    key,
                    tokens: index.tokens.clone(),
                    value: Value::Index(Box::new(index)),
                });
            }
        }
        Kind::Flag => {
            if takes_value(meta) {
                let list = meta.input.peek(token::Paren);
                let value = skip_value(meta)?;
                let help = match template::KeyRole::of_field_flag(&name) {
                    // `partition_key(template = ..)` on a field: templates build string keys
                    // from several fields and are declared on the struct.
                    Some(role) if list && position == Position::Field => format!(
                        "a key template is declared on the struct and builds a string key from fields\n\
                         help: write `#[dynamodel({})]` on the struct, or `{}` alone on the key field",
                        role.form(),
                        key.form
                    ),
                    _ => format!("help: write `{}`", key.form),
                };
                cx.error_spanned_by(
                    quote!(#ident #value),
                    format_args!("`{name}` takes no value\n{help}"),
                );
            }
            // Recorded even when malformed, so that later rules see the intent.
            items.push(Item {
                key,
                tokens: ident.to_token_stream(),
                value: Value::Flag,
            });
        }
        Kind::Type => {
            if !meta.input.peek(Token![=]) {
                let value = skip_value(meta)?;
                cx.error_spanned_by(
                    quote!(#ident #value),
                    format_args!("`{name}` needs a value\nhelp: write `{}`", key.form),
                );
                return Ok(());
            }
            let eq: Token![=] = meta.input.parse()?;
            if meta.input.peek(Lit) {
                let lit: Lit = meta.input.parse()?;
                cx.error_spanned_by(
                    lit,
                    format_args!(
                        "`{name}` expects a type, not a literal\nhelp: write `{}`",
                        key.form
                    ),
                );
                return Ok(());
            }
            let ty: Type = meta.input.parse()?;
            items.push(Item {
                key,
                tokens: quote!(#ident #eq #ty),
                value: Value::Type(Box::new(ty)),
            });
        }
        Kind::Str | Kind::Int => {
            if !meta.input.peek(Token![=]) {
                let value = skip_value(meta)?;
                cx.error_spanned_by(
                    quote!(#ident #value),
                    format_args!("`{name}` needs a value\nhelp: write `{}`", key.form),
                );
                return Ok(());
            }
            let eq: Token![=] = meta.input.parse()?;
            let expr: Expr = meta.input.parse()?;
            let tokens = quote!(#ident #eq #expr);
            let value = match (key.kind, expr) {
                (
                    Kind::Str,
                    Expr::Lit(ExprLit {
                        lit: Lit::Str(lit), ..
                    }),
                ) => Value::Str(lit),
                (
                    Kind::Int,
                    Expr::Lit(ExprLit {
                        lit: Lit::Int(lit), ..
                    }),
                ) => Value::Int(lit),
                (kind, expr) => {
                    let expected = if kind == Kind::Str {
                        "a string literal"
                    } else {
                        "an integer literal"
                    };
                    cx.error_spanned_by(
                        expr,
                        format_args!("`{name}` expects {expected}\nhelp: write `{}`", key.form),
                    );
                    return Ok(());
                }
            };
            items.push(Item { key, tokens, value });
        }
    }
    Ok(())
}

/// Whether an item has a value (`= ...` or `(...)`) after its key.
fn takes_value(meta: &ParseNestedMeta<'_>) -> bool {
    meta.input.peek(Token![=]) || meta.input.peek(token::Paren)
}

/// Consumes the value of an item that is reported as an error: `= expr`, `(...)` or
/// nothing. Returns its tokens for the error's span.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<TokenStream> {
    if meta.input.peek(Token![=]) {
        let eq: Token![=] = meta.input.parse()?;
        let expr: Expr = meta.input.parse()?;
        Ok(quote!(#eq #expr))
    } else if meta.input.peek(token::Paren) {
        let group: TokenTree = meta.input.parse()?;
        Ok(group.into_token_stream())
    } else {
        Ok(TokenStream::new())
    }
}

/// The error for an unknown key, and the valid key it is nearest to, if any.
fn unknown_key(name: &str, position: Position, derive: Derive) -> (String, Option<&'static str>) {
    let valid: Vec<&'static str> = KEYS
        .iter()
        .filter(|key| key.position == position && key.derives.contains(&derive))
        .map(|key| key.name)
        .collect();
    let what = match position {
        Position::Container => format!("`#[derive({})]` attribute", derive.name()),
        Position::Field => "field attribute".to_owned(),
        Position::Variant => "variant attribute".to_owned(),
    };
    let mut message = format!("unknown {what} `{name}`");
    let suggestion = suggest(name, valid.iter().copied());
    if let Some(suggestion) = suggestion {
        message += &format!("\nhelp: did you mean `{suggestion}`?");
    }
    message += &format!("\nnote: expected one of {}", list(&valid));
    (message, suggestion)
}

fn example(position: Position, derive: Derive) -> &'static str {
    match (position, derive) {
        (Position::Container, Derive::Table) => "table = \"name\"",
        (Position::Container, Derive::Attribute) => "rename_all = \"camelCase\"",
        (Position::Container, Derive::Projection) => "projection_of = Game",
        (Position::Field, Derive::Table) => "partition_key",
        (Position::Field, Derive::Projection) => "default",
        (Position::Field | Position::Variant, _) => "rename = \"name\"",
    }
}

/// `table = "name"`: a valid DynamoDB table name. An invalid name is reported and kept, so
/// that it is not also reported missing.
fn table_name(cx: &Ctxt, item: &Item) -> Option<String> {
    let Value::Str(lit) = &item.value else {
        return None;
    };
    Some(resource_name(cx, lit, "table"))
}

/// A table or index name (`kind`), reported unless it is 3 to 255 characters of `a-z`, `A-Z`,
/// `0-9`, `_`, `-` and `.`; DynamoDB has the same rule for both.
fn resource_name(cx: &Ctxt, lit: &LitStr, kind: &str) -> String {
    let name = lit.value();
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !(3..=255).contains(&name.len()) || !valid_chars {
        cx.error_spanned_by(
            lit,
            format_args!(
                "invalid {kind} name `{name}`: DynamoDB {kind} names are 3 to 255 characters of `a-z`, `A-Z`, `0-9`, `_`, `-` and `.`"
            ),
        );
    }
    name
}

/// `rename = "name"`: a non-empty attribute name.
fn attribute_name(cx: &Ctxt, item: &Item) -> Option<String> {
    let Value::Str(lit) = &item.value else {
        return None;
    };
    let name = lit.value();
    if name.is_empty() {
        cx.error_spanned_by(lit, "attribute names cannot be empty");
        return None;
    }
    Some(name)
}

/// `rename_all = "case"`: one of the supported cases. An unknown case is reported and
/// replaced by the suggestion, if any, so that names are not reported as duplicates.
fn case(cx: &Ctxt, item: &Item) -> Option<Case> {
    let Value::Str(lit) = &item.value else {
        return None;
    };
    let name = lit.value();
    if let Some(case) = Case::from_name(&name) {
        return Some(case);
    }
    let names: Vec<&str> = Case::ALL.iter().map(|(name, _)| *name).collect();
    let mut message = format!("unknown case `{name}` for `rename_all`");
    let suggestion = suggest(&name, names.iter().copied());
    if let Some(suggestion) = suggestion {
        message += &format!("\nhelp: did you mean `{suggestion}`?");
    }
    message += &format!("\nnote: expected one of {}", list(&names));
    cx.error_spanned_by(lit, message);
    suggestion.and_then(Case::from_name)
}

/// `read_capacity = N`, `write_capacity = N`: a positive number of capacity units. An
/// invalid number is reported and kept as 1, so that its pair is not reported missing.
fn capacity(cx: &Ctxt, item: &Item) -> Option<i64> {
    let Value::Int(lit) = &item.value else {
        return None;
    };
    match lit.base10_parse::<i64>() {
        Ok(units) if units >= 1 => Some(units),
        _ => {
            cx.error_spanned_by(
                lit,
                format_args!(
                    "`{}` must be a positive number of capacity units",
                    item.key.name
                ),
            );
            Some(1)
        }
    }
}

/// The candidate nearest to a misspelled `name`, if one is near enough: the same up to
/// case, `_` and `-`; or a prefix; or within a third of its length by edit distance.
pub(crate) fn suggest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let normalize = |s: &str| s.to_ascii_lowercase().replace(['_', '-'], "");
    let wanted = normalize(name);
    if wanted.is_empty() {
        return None;
    }
    if let Some(same) = candidates
        .clone()
        .find(|candidate| normalize(candidate) == wanted)
    {
        return Some(same);
    }
    if wanted.len() >= 3 {
        if let Some(prefixed) = candidates
            .clone()
            .find(|candidate| normalize(candidate).starts_with(&wanted))
        {
            return Some(prefixed);
        }
    }
    let limit = name.len().max(3) / 3;
    candidates
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Edit distance over chars, counting insertions, deletions, substitutions and swaps of
/// two adjacent chars (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // rows[i][j]: the distance between the first i chars of `a` and the first j of `b`.
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = rows.first_mut() {
        for (j, cell) in first.iter_mut().enumerate() {
            *cell = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut distance = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                distance = distance.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = distance;
        }
    }
    rows[a.len()][b.len()]
}

/// `a`, `b` and `c` as "`a`, `b`, `c`".
pub(crate) fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::{edit_distance, suggest};

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("partiton_key", "partition_key"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("tabel", "table"), 1);
    }

    #[test]
    fn suggests_the_nearest_key() {
        let keys = [
            "partition_key",
            "sort_key",
            "rename",
            "skip",
            "default",
            "nullable",
        ];
        assert_eq!(
            suggest("partiton_key", keys.iter().copied()),
            Some("partition_key")
        );
        assert_eq!(
            suggest("partitionKey", keys.iter().copied()),
            Some("partition_key")
        );
        assert_eq!(suggest("sortkey", keys.iter().copied()), Some("sort_key"));
        assert_eq!(suggest("nullabel", keys.iter().copied()), Some("nullable"));
        assert_eq!(suggest("flatten", keys.iter().copied()), None);
        let cases = ["camelCase", "snake_case", "PascalCase"];
        assert_eq!(
            suggest("camelcase", cases.iter().copied()),
            Some("camelCase")
        );
        assert_eq!(suggest("camel", cases.iter().copied()), Some("camelCase"));
    }
}
