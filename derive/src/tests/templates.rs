//! Key templates, entities and collections: expansion snapshots and rule errors.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::collection::derive_collection;
use crate::expand::derive_table;

fn pretty(expansion: syn::Result<TokenStream>) -> String {
    let expansion = expansion.unwrap_or_else(|error| panic!("the derive fails: {error}"));
    let file: syn::File = syn::parse2(expansion).expect("the expansion is a list of items");
    prettyplease::unparse(&file)
}

fn errors(expansion: syn::Result<TokenStream>) -> Vec<String> {
    match expansion {
        Ok(tokens) => panic!("the derive succeeds: {tokens}"),
        Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
    }
}

#[test]
fn table_with_key_templates_and_an_entity() {
    let input = quote! {
        #[dynamodel(table = "social", entity = "post")]
        #[dynamodel(partition_key(name = "pk", template = "USER#{author}"))]
        #[dynamodel(sort_key(name = "sk", template = "POST#{posted_at}#{post_id}"))]
        pub struct Post {
            author: String,
            posted_at: DateTime<Utc>,
            #[dynamodel(key_only)]
            post_id: String,
            text: String,
        }
    };
    insta::assert_snapshot!(pretty(derive_table(input)));
}

#[test]
fn collection() {
    let input = quote! {
        pub enum UserFeed {
            User(User),
            Post(Post),
        }
    };
    insta::assert_snapshot!(pretty(derive_collection(input)));
}

#[test]
fn template_rules() {
    let errors = errors(derive_table(quote! {
        #[dynamodel(table = "social", entity_attribute = "kind")]
        #[dynamodel(partition_key(name = "pk", template = "USER#{usr}"))]
        #[dynamodel(sort_key(name = "text", template = "POST#{id}"))]
        struct Post {
            #[dynamodel(sort_key)]
            id: u64,
            user: String,
            #[dynamodel(key_only)]
            text: String,
        }
    }));
    assert_eq!(
        errors,
        [
            "`Post` has two sort keys: the field `id` and this template\n\
             help: remove `#[dynamodel(sort_key)]` from the field, or this template",
            "the key template `USER#{usr}` names `usr`, which is not a field of `Post`\n\
             help: did you mean `user`?\n\
             note: the fields are `id`, `user`, `text`",
            "`text` is `key_only` but no key template names it: it would not be stored anywhere",
            "`entity_attribute` needs `entity`: it names the attribute that records the entity\n\
             help: add `entity = \"...\"`",
        ]
    );
}

#[test]
fn key_and_entity_attributes_do_not_clash_with_fields() {
    let errors = errors(derive_table(quote! {
        #[dynamodel(table = "social", entity = "post", entity_attribute = "pk")]
        #[dynamodel(partition_key(name = "pk", template = "USER#{author}"))]
        struct Post<T> {
            author: String,
            #[dynamodel(rename = "pk")]
            other: T,
        }
    }));
    assert_eq!(
        errors,
        [
            "the partition key template and the field `other` are both stored as the attribute `pk`\n\
             help: give one of them another name",
            "the entity attribute and the field `other` are both stored as the attribute `pk`\n\
             help: give one of them another name",
            "key templates are not supported on generic tables: the generated key types are not generic",
        ]
    );
}

#[test]
fn template_items_need_a_name_and_a_template() {
    let errors = errors(derive_table(quote! {
        #[dynamodel(table = "social")]
        #[dynamodel(partition_key(template = "USER#{id}", nmae = "pk"))]
        struct User {
            id: String,
        }
    }));
    assert_eq!(
        errors,
        [
            "unknown `partition_key` setting `nmae`\n\
             help: did you mean `name`?\n\
             note: expected one of `name`, `template`",
            "`partition_key` needs a `name`\n\
             help: write `partition_key(name = \"pk\", template = \"USER#{user_id}\")`",
        ]
    );
}

#[test]
fn collection_rules() {
    let errors = errors(derive_collection(quote! {
        #[dynamodel(table = "x")]
        enum Feed<T> {
            User(User),
            Post { post: Post },
            Other(T),
        }
    }));
    assert_eq!(
        errors,
        [
            "each variant of a collection holds one entity type\n\
             help: write `Post(Post)`, where `Post` is a table struct with `entity = \"...\"`",
            "`#[derive(Collection)]` takes no `#[dynamodel(...)]` attributes: each entity declares its table, keys and entity name",
            "`#[derive(Collection)]` does not support generic enums",
        ]
    );
    let errors = self::errors(derive_collection(quote! { struct Feed; }));
    assert_eq!(
        errors,
        [
            "`#[derive(Collection)]` needs an enum with one variant per entity type, such as `enum Feed { User(User), Post(Post) }`"
        ]
    );
}
