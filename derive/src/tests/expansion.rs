//! Snapshots of generated code, so that a change in the expansion is a reviewed diff.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::{derive_attribute, derive_projection, derive_table};

fn pretty(expansion: syn::Result<TokenStream>) -> String {
    let expansion = expansion.unwrap_or_else(|error| panic!("the derive fails: {error}"));
    let file: syn::File = syn::parse2(expansion).expect("the expansion is a list of items");
    prettyplease::unparse(&file)
}

#[test]
fn table_with_keys_and_field_attributes() {
    let input = quote! {
        #[dynamodel(table = "games", rename_all = "camelCase")]
        pub struct Game {
            #[dynamodel(partition_key)]
            game_id: String,
            #[dynamodel(sort_key)]
            turn: u32,
            player_name: String,
            #[dynamodel(rename = "mv")]
            last_move: Option<Move>,
            #[dynamodel(skip)]
            cached_view: Option<String>,
            #[dynamodel(default)]
            score: i64,
            #[dynamodel(nullable)]
            winner: Option<String>,
            r#type: String,
        }
    };
    insta::assert_snapshot!(pretty(derive_table(input)));
}

#[test]
fn table_without_sort_key_with_provisioned_billing() {
    let input = quote! {
        #[dynamodel(table = "users", read_capacity = 5, write_capacity = 2)]
        pub(crate) struct User {
            #[dynamodel(partition_key)]
            user_id: UserId,
            name: String,
        }
    };
    insta::assert_snapshot!(pretty(derive_table(input)));
}

#[test]
fn generic_table() {
    let input = quote! {
        #[dynamodel(table = "blobs")]
        struct Blob<T> where T: Clone {
            #[dynamodel(partition_key)]
            hash: Vec<u8>,
            content: T,
        }
    };
    insta::assert_snapshot!(pretty(derive_table(input)));
}

#[test]
fn nested_struct() {
    let input = quote! {
        #[dynamodel(rename_all = "SCREAMING_SNAKE_CASE")]
        pub struct Address {
            street_name: String,
            #[dynamodel(default)]
            floor: u8,
            #[dynamodel(skip)]
            cached: Option<String>,
        }
    };
    insta::assert_snapshot!(pretty(derive_attribute(input)));
}

#[test]
fn unit_enum() {
    let input = quote! {
        #[dynamodel(rename_all = "lowercase")]
        pub enum Mark {
            X,
            O,
            #[dynamodel(rename = "none")]
            Empty,
        }
    };
    insta::assert_snapshot!(pretty(derive_attribute(input)));
}

#[test]
fn data_enum() {
    let input = quote! {
        pub enum Move<T> {
            Pass,
            Place(T),
            Swap(u8, u8),
            #[dynamodel(rename = "resign")]
            Resign {
                reason: String,
                #[dynamodel(skip)]
                seen: bool,
            },
        }
    };
    insta::assert_snapshot!(pretty(derive_attribute(input)));
}

#[test]
fn newtype_key() {
    let input = quote! {
        #[dynamodel(key)]
        pub struct UserId(String);
    };
    insta::assert_snapshot!(pretty(derive_attribute(input)));
}

#[test]
fn tuple_struct() {
    let input = quote! {
        struct Range(u64, u64);
    };
    insta::assert_snapshot!(pretty(derive_attribute(input)));
}

#[test]
fn recursive_generic_struct_paths() {
    // `R` is taken, so the root parameter is `Root`; `Self` in a field type means `Tree<R>`.
    let input = quote! {
        #[dynamodel(rename_all = "camelCase")]
        pub struct Tree<R: Clone> {
            node_value: R,
            children: Vec<Self>,
            #[dynamodel(skip)]
            cached: Option<R>,
        }
    };
    insta::assert_snapshot!(pretty(derive_attribute(input)));
}

#[test]
fn projection() {
    let input = quote! {
        #[dynamodel(projection_of = Game)]
        pub struct Turn {
            turn: u32,
            #[dynamodel(default)]
            player_name: String,
        }
    };
    insta::assert_snapshot!(pretty(derive_projection(input)));
}

#[test]
fn generic_projection() {
    let input = quote! {
        #[dynamodel(projection_of = Blob<T>)]
        struct Content<T> {
            content: T,
        }
    };
    insta::assert_snapshot!(pretty(derive_projection(input)));
}
