//! The generated paths compile for every struct shape the derives accept (generics, a type
//! parameter named `R`, `Self` in field types, parameters used only by skipped fields, const
//! parameters, where clauses, raw identifiers, no stored field) without warnings, and name
//! the attributes the items really use.
#![deny(warnings)]

use std::fmt::Debug;

use dynamodel::expr::{Document, Element, Field, KeyField, ListElement, Ordered};
use dynamodel::{Attribute, Path, Table};

#[derive(Attribute, Clone, Debug, PartialEq)]
#[dynamodel(key)]
pub struct UserId(String);

/// A type parameter named `R` (the root parameter is renamed) and `Self` in a field type.
#[derive(Attribute, Debug, PartialEq)]
#[dynamodel(rename_all = "camelCase")]
pub struct Tree<R> {
    node_value: R,
    children: Vec<Self>,
}

/// A parameter used only by a skipped field, a const parameter and a where clause.
#[derive(Attribute, Debug, PartialEq)]
struct Cached<T, const N: usize>
where
    T: Default,
{
    #[dynamodel(rename = "n")]
    count: u32,
    #[dynamodel(skip)]
    cache: Option<T>,
}

/// No stored field at all.
#[derive(Attribute, Debug, PartialEq)]
struct Nothing {
    #[dynamodel(skip)]
    ignored: u8,
}

#[derive(Attribute, Debug, PartialEq)]
enum Kind {
    Small,
    Large(u32),
}

#[derive(Table, Debug, PartialEq)]
#[dynamodel(table = "users", rename_all = "PascalCase")]
pub(crate) struct User {
    #[dynamodel(partition_key)]
    id: UserId,
    r#type: String,
    tree: Tree<String>,
    cached: Cached<String, 3>,
    nothing: Nothing,
    kinds: Vec<Kind>,
    ids: Vec<UserId>,
}

fn assert_list_element<T: ListElement>() {}
fn assert_ordered<T: Ordered>() {}
fn assert_paths<D: Document + 'static>()
where
    D::Paths<D>: Clone + Debug,
{
}

fn main() {
    let u = User::paths();
    let _: Path<User, UserId, KeyField> = u.id.clone();
    let _: Path<User, String, Field> = u.r#type.clone();
    assert_eq!(u.r#type.raw().head(), "Type");

    let child_value: Path<User, String, Field> = u.tree.fields().children.at(0).fields().node_value;
    assert_eq!(child_value.raw().to_string(), "Tree.children[0].nodeValue");
    let count: Path<User, u32, Field> = u.cached.fields().count;
    assert_eq!(count.raw().to_string(), "Cached.n");
    let _: NothingPaths<User> = u.nothing.fields();
    let _: Path<User, Kind, Element> = u.kinds.at(1);
    let _ = u.ids.at(0).lt(UserId("m".into()));

    // The root defaults to the type itself, and paths can be cloned and printed.
    let tree: TreePaths<u8> = Tree::<u8>::paths_at(None);
    assert_eq!(
        format!("{:?}", tree.clone()),
        "TreePaths { node_value: Path(nodeValue), children: Path(children) }"
    );
    assert_paths::<User>();
    assert_paths::<Cached<u8, 1>>();

    assert_list_element::<Kind>();
    assert_list_element::<Tree<u8>>();
    assert_list_element::<User>();
    assert_ordered::<UserId>();

    let user = User {
        id: UserId("u1".into()),
        r#type: "admin".into(),
        tree: Tree {
            node_value: "root".into(),
            children: Vec::new(),
        },
        cached: Cached {
            count: 1,
            cache: None,
        },
        nothing: Nothing { ignored: 0 },
        kinds: vec![Kind::Small, Kind::Large(2)],
        ids: Vec::new(),
    };
    let item = user.to_item().expect("the user converts");
    assert_eq!(User::from_item(item).expect("the user reads back"), user);
}
