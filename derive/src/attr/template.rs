//! Stage 1 for key templates: the container items
//! `partition_key(name = "pk", template = "USER#{user_id}")` and
//! `sort_key(name = "sk", template = "POST#{posted_at}#{post_id}")`, and the template text.
//!
//! A template is a list of parts separated by `#`; each part is literal text or exactly one
//! `{field}`. Field names are checked against the struct by `check`.

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::meta::ParseNestedMeta;
use syn::{Ident, LitStr};

use super::{Attr, list, suggest};
use crate::ctxt::Ctxt;

/// Which key a template builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyRole {
    Partition,
    Sort,
}

impl KeyRole {
    /// The container key: `partition_key` or `sort_key`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            KeyRole::Partition => "partition_key",
            KeyRole::Sort => "sort_key",
        }
    }

    /// The key that a field flag (`partition_key` or `sort_key`) marks, if `name` is one.
    pub(crate) fn of_field_flag(name: &str) -> Option<Self> {
        match name {
            "partition_key" => Some(KeyRole::Partition),
            "sort_key" => Some(KeyRole::Sort),
            _ => None,
        }
    }

    /// The correct form of the item, for `help:` lines.
    pub(crate) fn form(self) -> &'static str {
        match self {
            KeyRole::Partition => "partition_key(name = \"pk\", template = \"USER#{user_id}\")",
            KeyRole::Sort => "sort_key(name = \"sk\", template = \"ORDER#{created_at}\")",
        }
    }
}

/// One part of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Literal(String),
    Field(String),
}

/// A parsed template.
#[derive(Clone)]
pub(crate) struct Template {
    /// The template as written.
    pub(crate) text: String,
    pub(crate) parts: Vec<Part>,
    /// The literal, for errors about its fields.
    pub(crate) lit: LitStr,
}

impl Template {
    /// The field names, in template order.
    pub(crate) fn fields(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Field(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// The template with field names left out (`USER#{}`): what the keys of two templates
    /// have in common when they hold values of the same types.
    pub(crate) fn shape(&self) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Literal(literal) => literal.as_str(),
                Part::Field(_) => "{}",
            })
            .collect::<Vec<_>>()
            .join("#")
    }
}

/// A `partition_key(...)` or `sort_key(...)` container item.
pub(crate) struct TemplateKey {
    pub(crate) role: KeyRole,
    /// The whole item, for errors about it as a whole.
    pub(crate) tokens: TokenStream,
    /// `name = "pk"`: the key attribute's name.
    pub(crate) name: Option<Attr<String>>,
    /// `template = "..."`, when it parses.
    pub(crate) template: Option<Template>,
}

const SETTINGS: &[&str] = &["name", "template"];

/// Parses the `(...)` of a template item; `None` (with the error reported) when it has none.
pub(crate) fn parse(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    ident: &Ident,
    role: KeyRole,
) -> syn::Result<Option<TemplateKey>> {
    if !meta.input.peek(syn::token::Paren) {
        let value = super::skip_value(meta)?;
        cx.error_spanned_by(
            quote!(#ident #value),
            format_args!(
                "on the struct, `{}` builds the key from a template\nhelp: write `#[dynamodel({})]`, or mark a field `#[dynamodel({})]`",
                role.key(),
                role.form(),
                role.key()
            ),
        );
        return Ok(None);
    }
    let group: TokenTree = meta.input.fork().parse()?;
    let mut key = TemplateKey {
        role,
        tokens: quote!(#ident #group),
        name: None,
        template: None,
    };
    let mut template_seen = false;
    meta.parse_nested_meta(|item| {
        let path = &item.path;
        let setting = path.to_token_stream().to_string();
        match setting.as_str() {
            "name" => {
                let lit: LitStr = item.value()?.parse()?;
                if lit.value().is_empty() {
                    cx.error_spanned_by(&lit, "attribute names cannot be empty");
                } else if key.name.is_some() {
                    cx.error_spanned_by(quote!(#path = #lit), "duplicate `name` setting");
                } else {
                    key.name = Some(Attr {
                        value: lit.value(),
                        tokens: quote!(#path = #lit),
                    });
                }
            }
            "template" => {
                let lit: LitStr = item.value()?.parse()?;
                if template_seen {
                    cx.error_spanned_by(quote!(#path = #lit), "duplicate `template` setting");
                } else {
                    template_seen = true;
                    key.template = parse_template(cx, &lit);
                }
            }
            _ => {
                let mut message = format!("unknown `{}` setting `{setting}`", role.key());
                if let Some(suggestion) = suggest(&setting, SETTINGS.iter().copied()) {
                    message += &format!("\nhelp: did you mean `{suggestion}`?");
                }
                message += &format!("\nnote: expected one of {}", list(SETTINGS));
                cx.error_spanned_by(path, message);
                if !item.input.is_empty() && !item.input.peek(syn::Token![,]) {
                    super::skip_value(&item)?;
                }
            }
        }
        Ok(())
    })?;
    if key.name.is_none() || !template_seen {
        let missing = if key.name.is_none() {
            "name"
        } else {
            "template"
        };
        cx.error_spanned_by(
            &key.tokens,
            format_args!(
                "`{}` needs a `{missing}`\nhelp: write `{}`",
                role.key(),
                role.form()
            ),
        );
    }
    Ok(Some(key))
}

/// Parses the text of a template, reporting what is malformed on the literal.
fn parse_template(cx: &Ctxt, lit: &LitStr) -> Option<Template> {
    let text = lit.value();
    let error = |message: String| {
        cx.error_spanned_by(
            lit,
            format_args!(
                "{message} in key template `{text}`\nhelp: a template is `#`-separated parts, each literal text or one `{{field}}`, such as `ORDER#{{created_at}}#{{id}}`"
            ),
        );
        None
    };
    if text.is_empty() {
        return error("nothing".to_owned());
    }
    let mut parts = Vec::new();
    for part in text.split('#') {
        if let Some(inner) = part.strip_prefix('{') {
            let Some(name) = inner.strip_suffix('}') else {
                return if inner.contains('}') {
                    error(format!("text after `}}` in the part `{part}`"))
                } else {
                    error(format!("unclosed `{{` in the part `{part}`"))
                };
            };
            if name.is_empty() {
                return error("an empty `{}`".to_owned());
            }
            if syn::parse_str::<Ident>(name).is_err() || name.contains(['{', '}']) {
                return error(format!("`{name}` is not a field name"));
            }
            parts.push(Part::Field(name.to_owned()));
        } else if part.contains('{') {
            return error(format!(
                "the part `{part}` mixes text and a field (a field fills a whole part: write `{}`)",
                part.replacen('{', "#{", 1)
            ));
        } else if part.contains('}') {
            return error(format!("an unmatched `}}` in the part `{part}`"));
        } else {
            parts.push(Part::Literal(part.to_owned()));
        }
    }
    let mut fields: Vec<&str> = Vec::new();
    for part in &parts {
        if let Part::Field(name) = part {
            if fields.contains(&name.as_str()) {
                return error(format!("the field `{name}` twice"));
            }
            fields.push(name);
        }
    }
    Some(Template {
        text,
        parts,
        lit: lit.clone(),
    })
}

#[cfg(test)]
mod tests {
    use syn::LitStr;

    use super::{Part, parse_template};
    use crate::ctxt::Ctxt;

    fn parse(text: &str) -> Result<Vec<Part>, String> {
        let cx = Ctxt::new();
        let lit = LitStr::new(text, proc_macro2::Span::call_site());
        let parsed = parse_template(&cx, &lit);
        match cx.check() {
            Ok(()) => Ok(parsed.map(|t| t.parts).unwrap_or_default()),
            Err(error) => Err(error.to_string()),
        }
    }

    #[test]
    fn parts_are_literals_or_whole_fields() {
        assert_eq!(
            parse("POST#{posted_at}#{id}").unwrap(),
            [
                Part::Literal("POST".into()),
                Part::Field("posted_at".into()),
                Part::Field("id".into())
            ]
        );
        assert_eq!(parse("PROFILE").unwrap(), [Part::Literal("PROFILE".into())]);
    }

    #[test]
    fn malformed_templates_say_what_is_wrong() {
        let first_line = |text: &str| {
            parse(text)
                .unwrap_err()
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(
            first_line("USER#{user_id"),
            "unclosed `{` in the part `{user_id` in key template `USER#{user_id`"
        );
        assert_eq!(
            first_line("USER{id}"),
            "the part `USER{id}` mixes text and a field (a field fills a whole part: write `USER#{id}`) in key template `USER{id}`"
        );
        assert_eq!(first_line("A#{}"), "an empty `{}` in key template `A#{}`");
        assert_eq!(
            first_line("A#{a}#{a}"),
            "the field `a` twice in key template `A#{a}#{a}`"
        );
        assert_eq!(
            first_line("A#{a b}"),
            "`a b` is not a field name in key template `A#{a b}`"
        );
        assert_eq!(
            first_line("A}"),
            "an unmatched `}` in the part `A}` in key template `A}`"
        );
    }
}
