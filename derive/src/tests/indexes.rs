//! Secondary indexes: the expansion of a table with global and local indexes, and every
//! index rule's error.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::derive_table;

fn pretty(expansion: syn::Result<TokenStream>) -> String {
    let expansion = expansion.unwrap_or_else(|error| panic!("the derive fails: {error}"));
    let file: syn::File = syn::parse2(expansion).expect("the expansion is a list of items");
    prettyplease::unparse(&file)
}

fn errors(input: TokenStream) -> Vec<String> {
    match derive_table(input) {
        Ok(tokens) => panic!("the derive succeeds: {tokens}"),
        Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
    }
}

#[test]
fn table_with_global_and_local_indexes() {
    let input = quote! {
        #[dynamodel(table = "images", rename_all = "camelCase")]
        #[dynamodel(global_index(name = "by_user", partition_key = "user_id", sort_key = "created_at", projection = keys_only, derive(Debug)))]
        #[dynamodel(global_index(name = "byPlace", partition_key("country", "city"), sort_key("year", "month")))]
        #[dynamodel(local_index(name = "by_size", sort_key = "size", projection(include("title"))))]
        pub struct Image {
            #[dynamodel(partition_key)]
            album: String,
            #[dynamodel(sort_key)]
            image_id: String,
            user_id: Option<UserId>,
            created_at: u64,
            country: String,
            city: String,
            year: u16,
            month: u8,
            size: u64,
            #[dynamodel(default)]
            title: String,
        }
    };
    insta::assert_snapshot!(pretty(derive_table(input)));
}

#[test]
fn provisioned_global_indexes_carry_their_throughput() {
    let expansion = pretty(derive_table(quote! {
        #[dynamodel(table = "things", read_capacity = 5, write_capacity = 5)]
        #[dynamodel(global_index(name = "by_b", partition_key = "b", throughput(read = 2, write = 3)))]
        struct T {
            #[dynamodel(partition_key)]
            a: String,
            b: String,
        }
    }));
    let compact: String = expansion.split_whitespace().collect();
    assert!(
        compact.contains("::dynamodel::Throughput{read:2i64,write:3i64"),
        "{expansion}"
    );
}

#[test]
fn index_declarations_are_checked_in_one_pass() {
    let errors = errors(quote! {
        #[dynamodel(table = "images")]
        #[dynamodel(global_index(name = "by_user", partition_key = "usr_id", sort_key = "nick"))]
        #[dynamodel(global_index(name = "by_user", partition_key = "skipped"))]
        #[dynamodel(global_index(name = "x", partition_key("a", "a", "a", "a", "a")))]
        #[dynamodel(local_index(name = "by_size", partition_key = "user_id", sort_key("a", "size")))]
        #[dynamodel(global_index(partition_key = "a", projection(include("id", "user_id", "a", "a"))))]
        #[dynamodel(global_index(name = "by_a", partition_key = "a", throughput(read = 1, write = 1), projection = everything))]
        struct Image {
            #[dynamodel(partition_key)]
            id: String,
            user_id: String,
            #[dynamodel(nullable)]
            nick: Option<String>,
            #[dynamodel(skip)]
            skipped: String,
            a: String,
            size: u64,
        }
    });
    assert_eq!(
        errors,
        [
            "invalid index name `x`: DynamoDB index names are 3 to 255 characters of `a-z`, `A-Z`, `0-9`, `_`, `-` and `.`",
            "unknown projection `everything`\nnote: expected `all`, `keys_only` or `include(\"field\", ...)`",
            "two indexes are named `by_user`: index names are unique within a table",
            "`Image` has no field `usr_id`\nhelp: did you mean `user_id`?\nnote: index settings name the struct's fields: `id`, `user_id`, `nick`, `a`, `size`",
            "the field `nick` is `nullable`, so it cannot be an index key: DynamoDB rejects a write whose index key attribute is NULL\nhelp: remove `nullable`: a `None` key is left out of the item, which leaves the item out of the index",
            "the field `skipped` is `skip`: it is not stored, so no index can hold it",
            "a partition key has at most 4 attributes, found 5",
            "the field `a` appears twice in the key of index `x`",
            "the field `a` appears twice in the key of index `x`",
            "the field `a` appears twice in the key of index `x`",
            "the field `a` appears twice in the key of index `x`",
            "a `local_index` shares the table's partition key `id`\nhelp: remove `partition_key`, or declare a `global_index` to partition by another field",
            "a `local_index` has one sort key attribute: multi-attribute keys are for `global_index`",
            "`Image` has no sort key, so it cannot have a `local_index`: DynamoDB only adds local indexes to tables with a sort key\nhelp: declare a `global_index` instead",
            "`global_index` needs a name\nhelp: add `name = \"...\"`, as in `global_index(name = \"by_user\", partition_key = \"user_id\", sort_key = \"created_at\")`",
            "`id` is a key attribute of the table: every index holds the key attributes already\nhelp: remove it from `include(...)`",
            "`a` is a key attribute of the index: every index holds the key attributes already\nhelp: remove it from `include(...)`",
            "`a` is included twice",
            "`Image` is billed on demand, so its global indexes take no `throughput`\nhelp: remove `throughput`, or give the table `read_capacity` and `write_capacity`",
        ]
    );
}

#[test]
fn index_names_that_give_the_same_rust_names_clash() {
    let errors = errors(quote! {
        #[dynamodel(table = "things")]
        #[dynamodel(global_index(name = "by_b", partition_key = "b"))]
        #[dynamodel(global_index(name = "byB", partition_key = "b"))]
        struct T {
            #[dynamodel(partition_key)]
            a: String,
            b: String,
        }
    });
    assert_eq!(
        errors,
        ["indexes `by_b` and `byB` would both generate `T::by_b()`\nhelp: rename one of them"]
    );
}

#[test]
fn provisioned_tables_need_index_throughput_and_local_indexes_take_none() {
    let errors = errors(quote! {
        #[dynamodel(table = "things", read_capacity = 1, write_capacity = 1)]
        #[dynamodel(global_index(name = "by_b", partition_key = "b"))]
        #[dynamodel(local_index(name = "by_c", sort_key = "c", throughput(read = 1, write = 1)))]
        struct T {
            #[dynamodel(partition_key)]
            a: String,
            #[dynamodel(sort_key)]
            s: String,
            b: String,
            c: String,
        }
    });
    assert_eq!(
        errors,
        [
            "`T` has provisioned capacity, so each global index needs its own\nhelp: add `throughput(read = 5, write = 5)`",
            "a `local_index` uses the table's throughput: `throughput` applies to `global_index`",
        ]
    );
}

#[test]
fn index_limits_and_placement() {
    let many: Vec<TokenStream> = (0..21)
        .map(|i| {
            let name = format!("gsi{i:02}");
            quote!(#[dynamodel(global_index(name = #name, partition_key = "b"))])
        })
        .collect();
    let errors = errors(quote! {
        #[dynamodel(table = "things")]
        #(#many)*
        struct T {
            #[dynamodel(partition_key)]
            a: String,
            b: String,
        }
    });
    assert_eq!(
        errors,
        ["`T` has more than 20 `global_index`s: DynamoDB allows at most 20 per table"]
    );
    let errors = attribute_errors(quote! {
        #[dynamodel(global_index(name = "by_b", partition_key = "b"))]
        struct Address {
            b: String,
        }
    });
    assert_eq!(
        errors,
        ["`global_index` applies to `#[derive(Table)]`: secondary indexes belong to a table"]
    );
}

#[test]
fn malformed_index_settings_say_how_to_write_them() {
    let errors = errors(quote! {
        #[dynamodel(table = "things")]
        #[dynamodel(global_index = "by_b")]
        #[dynamodel(global_index(name = "by_b", partiton_key = "b"))]
        #[dynamodel(global_index(name = "by_c", partition_key = "b", projection = all, derive(Debug)))]
        #[dynamodel(global_index(name = "by_d", partition_key = "b", projection(include())))]
        struct T<X> {
            #[dynamodel(partition_key)]
            a: String,
            b: X,
        }
    });
    assert_eq!(
        errors,
        [
            "`global_index` takes a list of settings\nhelp: write `global_index(name = \"by_user\", partition_key = \"user_id\", sort_key = \"created_at\")`",
            "unknown `global_index` setting `partiton_key`\nhelp: did you mean `partition_key`?\nnote: expected one of `name`, `partition_key`, `sort_key`, `projection`, `throughput`, `derive`",
            "`include` needs at least one field name\nhelp: write `projection = keys_only` to project only the keys",
            "secondary indexes are not supported on generic tables: `T` has type parameters\nhelp: declare the index on a non-generic table struct",
            "index `by_c` projects all attributes, so its items are `T` and no item struct is generated for `derive(...)`\nhelp: remove `derive(...)`",
        ]
    );
}

fn attribute_errors(input: TokenStream) -> Vec<String> {
    match crate::expand::derive_attribute(input) {
        Ok(tokens) => panic!("the derive succeeds: {tokens}"),
        Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
    }
}
