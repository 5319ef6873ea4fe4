//! Derive macros for dynamodel. See the `dynamodel` crate for documentation.

use proc_macro::TokenStream;

/// Derives `dynamodel::Table` (and `dynamodel::Attribute`) for a struct.
#[proc_macro_derive(Table, attributes(dynamodel))]
pub fn derive_table(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Derives `dynamodel::Attribute` for a struct or enum.
#[proc_macro_derive(Attribute, attributes(dynamodel))]
pub fn derive_attribute(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
