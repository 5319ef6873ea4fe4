//! Stage 2: a model of the input container and its fields, with attributes parsed and
//! attribute names resolved.

use syn::ext::IdentExt;
use syn::{DeriveInput, Generics, Ident, Member, Type, Visibility};

use crate::attr::{self, Derive};
use crate::case::Case;
use crate::ctxt::Ctxt;

mod index;
mod template;

pub(crate) use index::{FieldRef, Index, Projected, key_type};
pub(crate) use template::{KeyDef, TemplatedKey};

/// The struct or enum a derive is applied to.
pub(crate) struct Container<'a> {
    pub(crate) derive: Derive,
    pub(crate) input: &'a DeriveInput,
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a Visibility,
    pub(crate) generics: &'a Generics,
    pub(crate) attrs: attr::Container,
    pub(crate) data: Data<'a>,
}

pub(crate) enum Data<'a> {
    Struct(Style, Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
    /// Unions are rejected by `check`; the token is kept for the error.
    Union(&'a syn::token::Union),
}

/// The shape of a struct or variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// `{ a: A, b: B }`
    Named,
    /// `(A)`: one unnamed field.
    Newtype,
    /// `(A, B)`: several unnamed fields.
    Tuple,
    /// No fields.
    Unit,
}

pub(crate) struct Field<'a> {
    /// How the field is accessed: `self.name` or `self.0`.
    pub(crate) member: Member,
    pub(crate) ty: &'a Type,
    pub(crate) attrs: attr::Field,
    /// The attribute name the field is stored under, after `rename` and `rename_all`
    /// (`r#type` is stored as `type`). Unnamed fields have their index.
    pub(crate) name: String,
    pub(crate) original: &'a syn::Field,
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) style: Style,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) attrs: attr::Variant,
    /// The name the variant is stored under, after `rename` and `rename_all`.
    pub(crate) name: String,
}

impl<'a> Container<'a> {
    /// Builds the model, reporting attribute errors into `cx`. The model is complete even
    /// when there are errors, so that the fallback can use it.
    pub(crate) fn from_ast(cx: &Ctxt, input: &'a DeriveInput, derive: Derive) -> Container<'a> {
        let attrs = attr::Container::from_ast(cx, &input.attrs, derive);
        let rename_all = attrs.rename_all.as_ref().map(|attr| attr.value);
        let data = match &input.data {
            syn::Data::Struct(data) => {
                let (style, fields) = fields_from_ast(cx, &data.fields, rename_all, derive);
                Data::Struct(style, fields)
            }
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|variant| Variant::from_ast(cx, variant, rename_all, derive))
                    .collect(),
            ),
            syn::Data::Union(data) => Data::Union(&data.union_token),
        };
        Container {
            derive,
            input,
            ident: &input.ident,
            vis: &input.vis,
            generics: &input.generics,
            attrs,
            data,
        }
    }

    /// The fields of a struct; none for enums and unions.
    pub(crate) fn fields(&self) -> &[Field<'a>] {
        match &self.data {
            Data::Struct(_, fields) => fields,
            Data::Enum(_) | Data::Union(_) => &[],
        }
    }

    /// The field marked `partition_key` (the first, if several are).
    pub(crate) fn partition_key(&self) -> Option<&Field<'a>> {
        self.fields()
            .iter()
            .find(|field| field.attrs.partition_key.is_some())
    }

    /// The field marked `sort_key` (the first, if several are).
    pub(crate) fn sort_key(&self) -> Option<&Field<'a>> {
        self.fields()
            .iter()
            .find(|field| field.attrs.sort_key.is_some())
    }
}

impl<'a> Variant<'a> {
    fn from_ast(
        cx: &Ctxt,
        variant: &'a syn::Variant,
        rename_all: Option<Case>,
        derive: Derive,
    ) -> Self {
        let attrs = attr::Variant::from_ast(cx, &variant.attrs, derive);
        let name = match &attrs.rename {
            Some(rename) => rename.value.clone(),
            None => {
                let name = variant.ident.unraw().to_string();
                rename_all.map_or(name.clone(), |case| case.apply_to_variant(&name))
            }
        };
        // Fields of a struct variant follow their own names; `rename_all` renames variants.
        let (style, fields) = fields_from_ast(cx, &variant.fields, None, derive);
        Variant {
            ident: &variant.ident,
            style,
            fields,
            attrs,
            name,
        }
    }
}

impl Field<'_> {
    /// The field's name in Rust, for messages (`type` for `r#type`, the index if unnamed).
    pub(crate) fn rust_name(&self) -> String {
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }

    /// Whether the field is stored as an attribute of its own (not `skip`, and not
    /// `key_only`, which is stored only inside a key template).
    pub(crate) fn is_stored(&self) -> bool {
        self.attrs.skip.is_none() && self.attrs.key_only.is_none()
    }
}

fn fields_from_ast<'a>(
    cx: &Ctxt,
    fields: &'a syn::Fields,
    rename_all: Option<Case>,
    derive: Derive,
) -> (Style, Vec<Field<'a>>) {
    let style = match fields {
        syn::Fields::Named(_) => Style::Named,
        syn::Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => Style::Newtype,
        syn::Fields::Unnamed(_) => Style::Tuple,
        syn::Fields::Unit => Style::Unit,
    };
    let fields = fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let attrs = attr::Field::from_ast(cx, &field.attrs, derive);
            let (member, name) = match &field.ident {
                Some(ident) => {
                    let name = match &attrs.rename {
                        Some(rename) => rename.value.clone(),
                        None => {
                            let name = ident.unraw().to_string();
                            rename_all.map_or(name.clone(), |case| case.apply_to_field(&name))
                        }
                    };
                    (Member::Named(ident.clone()), name)
                }
                None => (Member::Unnamed(index.into()), index.to_string()),
            };
            Field {
                member,
                ty: &field.ty,
                attrs,
                name,
                original: field,
            }
        })
        .collect();
    (style, fields)
}
