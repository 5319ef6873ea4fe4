//! Attribute and rule errors, as messages: every mistake in an input is reported at once.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::{derive_attribute, derive_projection, derive_table};

fn errors(expansion: syn::Result<TokenStream>) -> Vec<String> {
    match expansion {
        Ok(tokens) => panic!("the derive succeeds: {tokens}"),
        Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
    }
}

fn table_errors(input: TokenStream) -> Vec<String> {
    errors(derive_table(input))
}

fn attribute_errors(input: TokenStream) -> Vec<String> {
    errors(derive_attribute(input))
}

fn projection_errors(input: TokenStream) -> Vec<String> {
    errors(derive_projection(input))
}

#[test]
fn unknown_keys_suggest_the_nearest_and_list_the_valid_ones() {
    let errors = table_errors(quote! {
        #[dynamodel(tabel = "users")]
        struct User {
            #[dynamodel(partiton_key)]
            id: String,
            #[dynamodel(flatten)]
            other: String,
        }
    });
    assert_eq!(
        errors,
        [
            "unknown `#[derive(Table)]` attribute `tabel`\n\
             help: did you mean `table`?\n\
             note: expected one of `table`, `rename_all`, `read_capacity`, `write_capacity`, `global_index`, `local_index`, `partition_key`, `sort_key`, `entity`, `entity_attribute`",
            "unknown field attribute `partiton_key`\n\
             help: did you mean `partition_key`?\n\
             note: expected one of `partition_key`, `sort_key`, `rename`, `skip`, `default`, `nullable`, `key_only`, `version`, `ttl`, `created_at`, `updated_at`",
            "unknown field attribute `flatten`\n\
             note: expected one of `partition_key`, `sort_key`, `rename`, `skip`, `default`, `nullable`, `key_only`, `version`, `ttl`, `created_at`, `updated_at`",
        ]
    );
}

#[test]
fn unknown_keys_list_the_keys_of_the_derive() {
    let errors = attribute_errors(quote! {
        struct Address {
            #[dynamodel(sort)]
            street: String,
        }
    });
    assert_eq!(
        errors,
        [
            "unknown field attribute `sort`\nnote: expected one of `rename`, `skip`, `default`, `nullable`"
        ]
    );
}

#[test]
fn malformed_items_show_the_correct_form() {
    let errors = table_errors(quote! {
        #[dynamodel(table("users"), read_capacity = "5", write_capacity = 0)]
        struct User {
            #[dynamodel(partition_key = true)]
            id: String,
            #[dynamodel(rename)]
            name: String,
            #[dynamodel(rename = 5)]
            age: u8,
            #[dynamodel(rename = "")]
            email: String,
        }
    });
    assert_eq!(
        errors,
        [
            "`table` needs a value\nhelp: write `table = \"name\"`",
            "`read_capacity` expects an integer literal\nhelp: write `read_capacity = 5`",
            "`write_capacity` must be a positive number of capacity units",
            "`partition_key` takes no value\nhelp: write `partition_key`",
            "`rename` needs a value\nhelp: write `rename = \"name\"`",
            "`rename` expects a string literal\nhelp: write `rename = \"name\"`",
            "attribute names cannot be empty",
            "`#[derive(Table)]` needs the table name\nhelp: add `#[dynamodel(table = \"...\")]` to `User`",
            "`write_capacity` needs `read_capacity`: provisioned billing sets both\n\
             help: add `read_capacity = N`, or remove `write_capacity` for on-demand billing",
        ]
    );
}

#[test]
fn bare_and_repeated_attributes() {
    let errors = attribute_errors(quote! {
        #[dynamodel]
        struct Address {
            #[dynamodel(rename = "a", rename = "b")]
            #[dynamodel(skip)]
            #[dynamodel(skip)]
            street: String,
        }
    });
    assert_eq!(
        errors,
        [
            "expected `#[dynamodel(...)]`\nhelp: write `#[dynamodel(rename_all = \"camelCase\")]`",
            "duplicate `rename` attribute",
            "duplicate `skip` attribute",
            "`rename` has no effect on a skipped field: it is not stored",
        ]
    );
}

#[test]
fn unknown_case_suggests_the_nearest() {
    let errors = attribute_errors(quote! {
        #[dynamodel(rename_all = "Snake_Case")]
        struct Address {
            street: String,
        }
    });
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with(
        "unknown case `Snake_Case` for `rename_all`\nhelp: did you mean `snake_case`?"
    ));
}

#[test]
fn key_rules() {
    let errors = table_errors(quote! {
        #[dynamodel(table = "games", key)]
        struct Game {
            #[dynamodel(partition_key, sort_key)]
            id: String,
            #[dynamodel(partition_key, default)]
            other: String,
            #[dynamodel(sort_key, nullable)]
            turn: Option<u32>,
        }
    });
    assert_eq!(
        errors,
        [
            "`key` applies to newtype structs with `#[derive(Attribute)]`, such as `struct UserId(String);`\n\
             help: mark the key fields of a table with `partition_key` and `sort_key`",
            "`Game` has two partition keys: `id` is already the partition key\n\
             help: a table has one partition key; mark a second key field `sort_key`",
            "`Game` has two sort keys: `id` is already the sort key\n\
             note: a table's primary key is one partition key and at most one sort key",
            "a field cannot be both the partition key and the sort key",
            "the partition key `other` cannot be `default`: every item has its key attributes",
            "the sort key `turn` cannot be `nullable`: key attributes cannot be NULL",
        ]
    );
}

#[test]
fn attribute_derive_rules() {
    let errors = attribute_errors(quote! {
        #[dynamodel(key, read_capacity = 1)]
        enum Shape {
            Point,
            Circle(#[dynamodel(rename = "r")] f64),
            #[dynamodel(rename = "Point")]
            Dot,
            Rect {
                #[dynamodel(sort_key)]
                width: u32,
                #[dynamodel(rename = "width")]
                height: u32,
                #[dynamodel(nullable)]
                depth: u32,
            },
        }
    });
    assert_eq!(
        errors,
        [
            "`read_capacity` applies to `#[derive(Table)]`: a `#[derive(Attribute)]` type is stored inside items, not in a table of its own\n\
             help: derive `Table` to store `Shape` as the items of a table",
            "`key` applies to newtype structs, such as `struct UserId(String);`",
            "`sort_key` applies to fields of `#[derive(Table)]` structs: a `#[derive(Attribute)]` type is stored inside items and has no keys\n\
             help: derive `Table` to store `Shape` as the items of a table",
            "`nullable` applies to `Option` fields: it stores `None` as NULL instead of leaving the attribute out",
            "field attributes apply to named fields; unnamed fields are stored by position",
            "fields `width` and `height` are both stored as the attribute `width`\n\
             help: give one of them another name with `#[dynamodel(rename = \"...\")]`",
            "variants `Point` and `Dot` are both stored as `Point`\n\
             help: give one of them another name with `#[dynamodel(rename = \"...\")]`",
        ]
    );
}

#[test]
fn shapes_that_cannot_be_derived() {
    let table_on_enum = table_errors(quote! { #[dynamodel(table = "t_1")] enum Level { Low } });
    assert_eq!(
        table_on_enum,
        [
            "`#[derive(Table)]` needs a struct with named fields, not an enum\n\
          help: derive `Attribute` to store `Level` as an attribute inside an item"
        ]
    );
    let table_on_unit = table_errors(quote! { #[dynamodel(table = "t_1")] struct Marker; });
    assert_eq!(
        table_on_unit,
        ["`#[derive(Table)]` needs a struct with named fields, one of them the partition key"]
    );
    let union = attribute_errors(quote! { union Bits { a: u32, b: f32 } });
    assert_eq!(union, ["`#[derive(Attribute)]` does not support unions"]);
    let unit = attribute_errors(quote! { struct Marker; });
    assert_eq!(
        unit,
        [
            "`#[derive(Attribute)]` needs a struct with fields, or an enum: a unit struct holds no value to store"
        ]
    );
    let empty = attribute_errors(quote! { enum Never {} });
    assert_eq!(
        empty,
        ["`#[derive(Attribute)]` needs an enum with at least one variant"]
    );
    let rename_all =
        attribute_errors(quote! { #[dynamodel(rename_all = "camelCase")] struct Id(String); });
    assert_eq!(
        rename_all,
        ["`rename_all` renames named fields and enum variants; this struct has none"]
    );
    let borrowed = table_errors(quote! {
        #[dynamodel(table = "t_1")]
        struct View<'a> { #[dynamodel(partition_key)] id: &'a str }
    });
    assert_eq!(
        borrowed,
        ["`#[derive(Table)]` types own their data: a table struct cannot have lifetime parameters"]
    );
}

#[test]
fn invalid_table_names() {
    for name in ["ab", "user accounts", "ünïcode"] {
        let errors = table_errors(quote! {
            #[dynamodel(table = #name)]
            struct User { #[dynamodel(partition_key)] id: String }
        });
        assert_eq!(
            errors,
            [format!(
                "invalid table name `{name}`: DynamoDB table names are 3 to 255 characters of `a-z`, `A-Z`, `0-9`, `_`, `-` and `.`"
            )]
        );
    }
}

#[test]
fn input_that_is_not_an_item_is_a_syn_error() {
    let errors = table_errors(quote!(
        fn not_a_type() {}
    ));
    assert_eq!(errors.len(), 1);
}

#[test]
fn projection_attributes() {
    let errors = projection_errors(quote! {
        #[dynamodel(table = "games", rename_all = "camelCase", projection_of = Game)]
        struct Turn {
            #[dynamodel(rename = "t", sort_key)]
            turn: u32,
            #[dynamodel(skip, defualt)]
            player: String,
            #[dynamodel(default, nullable)]
            winner: Option<String>,
        }
    });
    assert_eq!(
        errors,
        [
            "unknown field attribute `defualt`\n\
             help: did you mean `default`?\n\
             note: expected one of `default`",
            "`table` does not apply to `#[derive(Projection)]`: a projection reads the items of the table that `projection_of` names",
            "`rename_all` does not apply to `#[derive(Projection)]`: each field is read under the attribute name of the table's field of the same name",
            "`sort_key` does not apply to the fields of a `#[derive(Projection)]` struct: the table declares its keys\n\
             note: projection fields take only `default`",
            "`rename` does not apply to the fields of a `#[derive(Projection)]` struct: a field is read under the attribute name of the table's field of the same name\n\
             note: projection fields take only `default`",
            "`skip` does not apply to the fields of a `#[derive(Projection)]` struct: every field of a projection is read from the item; remove the field instead\n\
             note: projection fields take only `default`",
            "`nullable` does not apply to the fields of a `#[derive(Projection)]` struct: a projection only reads items\n\
             note: projection fields take only `default`",
        ]
    );
}

#[test]
fn projection_needs_its_table_and_a_field() {
    let missing = projection_errors(quote! {
        #[dynamodel(projecton_of = Game)]
        struct Turn { turn: u32 }
    });
    assert_eq!(
        missing,
        ["unknown `#[derive(Projection)]` attribute `projecton_of`\n\
             help: did you mean `projection_of`?\n\
             note: expected one of `projection_of`",]
    );
    let bare = projection_errors(quote! { struct Turn { turn: u32 } });
    assert_eq!(
        bare,
        ["`#[derive(Projection)]` needs the table it reads\n\
             help: add `#[dynamodel(projection_of = TableType)]` to `Turn`"]
    );
    let literal = projection_errors(quote! {
        #[dynamodel(projection_of = "Game")]
        struct Turn { turn: u32 }
    });
    assert_eq!(
        literal,
        [
            "`projection_of` expects a type, not a literal\nhelp: write `projection_of = Game`",
            "`#[derive(Projection)]` needs the table it reads\n\
             help: add `#[dynamodel(projection_of = TableType)]` to `Turn`",
        ]
    );
    let empty = projection_errors(quote! {
        #[dynamodel(projection_of = Game)]
        struct Nothing {}
    });
    assert_eq!(
        empty,
        [
            "`Nothing` reads no attribute: a projection needs at least one field\n\
             help: add fields named after the table's fields, with the same types"
        ]
    );
    let tuple = projection_errors(quote! {
        #[dynamodel(projection_of = Game)]
        struct Turn(u32);
    });
    assert_eq!(
        tuple,
        [
            "`#[derive(Projection)]` needs a struct with named fields, each named after a field of the table"
        ]
    );
}

#[test]
fn projection_of_belongs_to_projections() {
    let errors = table_errors(quote! {
        #[dynamodel(table = "games", projection_of = Game)]
        struct Turn { #[dynamodel(partition_key)] id: String }
    });
    assert_eq!(
        errors,
        [
            "`projection_of` applies to `#[derive(Projection)]`: a struct that reads some attributes of a table's items\n\
             help: derive `Projection` instead of `Table`"
        ]
    );
}
