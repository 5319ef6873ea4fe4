//! The fields of a struct (or struct variant) as the attributes of an item, both ways.
//!
//! Writing: every stored field is converted in declaration order into a local
//! `__attr_<field>: Option<AttributeValue>` (so an error names the first failing field,
//! `None` means absent), then the locals are pushed into an `ItemBuilder` `__item` in
//! ascending attribute-name order, which builds the item without searching it.
//!
//! Reading: the item `__item` is consumed once; each attribute is moved into the slot
//! `__slot_<field>: Option<AttributeValue>` of the field stored under its name (unknown
//! attributes are dropped), then every field is read from its slot in declaration order.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{codec, default_of, lifecycle};
use crate::ast::Field;

/// Statements that convert the stored fields and leave them in the `ItemBuilder` `__item`,
/// with room for `extra` more attributes (key templates, the entity). `value(index,
/// field)` is an expression of type `&T` for the field.
pub(crate) fn write_fields(
    fields: &[Field<'_>],
    extra: usize,
    value: impl Fn(usize, &Field<'_>) -> TokenStream,
) -> TokenStream {
    let stored: Vec<(usize, &Field<'_>)> = fields
        .iter()
        .enumerate()
        .filter(|(_, field)| field.is_stored())
        .collect();
    let conversions = stored.iter().map(|(index, field)| {
        let (local, name) = (attr_local(field), &field.name);
        let value = value(*index, field);
        let attribute = if let Some(ttl) = lifecycle::ttl_attribute(field, &value) {
            ttl
        } else if field.attrs.nullable.is_some() {
            let codec = codec(field.ty);
            quote!(#codec.nullable_attribute(#value, #name))
        } else {
            let codec = codec(field.ty);
            quote!(#codec.attribute(#value, #name))
        };
        quote!(let #local = #attribute?;)
    });
    let mut by_name: Vec<&Field<'_>> = stored.iter().map(|(_, field)| *field).collect();
    // Byte order, as `Item` (a `BTreeMap<String, _>`) sorts its keys.
    by_name.sort_by(|a, b| a.name.cmp(&b.name));
    let pushes = by_name.iter().map(|field| {
        let (local, name) = (attr_local(field), &field.name);
        quote!(__item.push(#name, #local);)
    });
    let capacity = Literal::usize_unsuffixed(stored.len() + extra);
    let mutability = (stored.len() + extra > 0).then(|| quote!(mut));
    quote! {
        #(#conversions)*
        let #mutability __item = ::dynamodel::__private::ItemBuilder::with_capacity(#capacity);
        #(#pushes)*
    }
}

/// Statements that consume the item `__item` into the slots of the stored fields, then
/// `Ok(constructor { .. })` with every field read from its slot (skipped fields take
/// their default).
pub(crate) fn read_fields(fields: &[Field<'_>], constructor: &TokenStream) -> TokenStream {
    let fill = fill_slots(&stored_slots(fields));
    let inits = fields.iter().map(|field| {
        let member = &field.member;
        let value = read_field(field);
        quote!(#member: #value,)
    });
    quote! {
        #fill
        ::dynamodel::__private::Result::Ok(#constructor { #(#inits)* })
    }
}

/// The attribute name and slot of each stored field.
pub(crate) fn stored_slots<'f>(fields: &'f [Field<'_>]) -> Vec<(&'f str, Ident)> {
    fields
        .iter()
        .filter(|field| field.is_stored())
        .map(|field| (field.name.as_str(), slot(field)))
        .collect()
}

/// Declares the slots and moves each attribute of `__item` into the slot of its name.
pub(crate) fn fill_slots(slots: &[(&str, Ident)]) -> TokenStream {
    if slots.is_empty() {
        return TokenStream::new();
    }
    let declarations = slots
        .iter()
        .map(|(_, slot)| quote!(let mut #slot = ::dynamodel::__private::Option::None;));
    let arms = slots.iter().map(
        |(name, slot)| quote!(#name => #slot = ::dynamodel::__private::Option::Some(__value),),
    );
    quote! {
        #(#declarations)*
        for (__name, __value) in __item {
            match __name.as_str() {
                #(#arms)*
                _ => {}
            }
        }
    }
}

/// The expression (with `?`) reading one field: from its slot when stored, else its
/// default.
pub(crate) fn read_field(field: &Field<'_>) -> TokenStream {
    let (name, ty) = (&field.name, field.ty);
    if !field.is_stored() {
        let default = default_of(ty);
        return quote!(#default());
    }
    let slot = slot(field);
    if let Some(ttl) = lifecycle::read_ttl(field, &slot) {
        return quote!(#ttl?);
    }
    let codec = codec(ty);
    if field.attrs.default.is_some() {
        let default = default_of(ty);
        quote!(#codec.read_or_default(#slot, #name, #default)?)
    } else {
        quote!(#codec.read(#slot, #name)?)
    }
}

/// The slot a stored field is read from.
pub(crate) fn slot(field: &Field<'_>) -> Ident {
    format_ident!("__slot_{}", field.rust_name())
}

/// The local holding a stored field's attribute before it is pushed.
fn attr_local(field: &Field<'_>) -> Ident {
    format_ident!("__attr_{}", field.rust_name())
}

/// Whether any field is stored (so the item is read).
pub(crate) fn any_stored(fields: &[Field<'_>]) -> bool {
    fields.iter().any(Field::is_stored)
}
