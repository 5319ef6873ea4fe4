//! Typed document paths: where in an item of table `T` a value of Rust type `V` lives.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// One step of a document path: a map key (or top-level attribute) or a list index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathElement {
    /// An attribute or map entry name.
    Name(Cow<'static, str>),
    /// A list element.
    Index(u32),
}

/// An untyped document path such as `address.lines[0]`.
///
/// The top-level attribute name is kept apart so the paths of a struct's own fields never
/// allocate.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawPath {
    head: Cow<'static, str>,
    rest: Vec<PathElement>,
}

impl RawPath {
    /// The path of a top-level attribute.
    pub fn attribute(name: impl Into<Cow<'static, str>>) -> Self {
        RawPath {
            head: name.into(),
            rest: Vec::new(),
        }
    }

    /// This path extended by a map entry or struct field name.
    #[must_use]
    pub fn child(&self, name: impl Into<Cow<'static, str>>) -> Self {
        let mut path = self.clone();
        path.rest.push(PathElement::Name(name.into()));
        path
    }

    /// This path extended by a list index.
    #[must_use]
    pub fn index(&self, index: u32) -> Self {
        let mut path = self.clone();
        path.rest.push(PathElement::Index(index));
        path
    }

    /// The top-level attribute name.
    pub fn head(&self) -> &str {
        &self.head
    }

    /// The steps after the top-level attribute.
    pub fn rest(&self) -> &[PathElement] {
        &self.rest
    }

    /// Whether this is a top-level attribute.
    pub fn is_top_level(&self) -> bool {
        self.rest.is_empty()
    }
}

/// Prints the path as written in a DynamoDB expression without aliases (`a.b[2]`).
impl fmt::Display for RawPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.head)?;
        for element in &self.rest {
            match element {
                PathElement::Name(name) => write!(f, ".{name}")?,
                PathElement::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for RawPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawPath({self})")
    }
}

/// Marks a path to an ordinary top-level attribute or struct field.
#[derive(Debug)]
pub enum Field {}
/// Marks a path to a key attribute: it can be read and compared, never updated.
#[derive(Debug)]
pub enum KeyField {}
/// Marks a path to a list element or map entry.
#[derive(Debug)]
pub enum Element {}

/// A path kind an update may write to (everything but key attributes).
#[diagnostic::on_unimplemented(
    message = "key attributes cannot be updated",
    label = "this is a key attribute",
    note = "DynamoDB rejects updates of key attributes; write a new item with `put` and delete the old one instead"
)]
pub trait Mutable {}
impl Mutable for Field {}
impl Mutable for Element {}

/// A typed path to a value of Rust type `V` in items of table `T`.
///
/// Paths come from the table's generated paths (`T::paths()`, or the closure argument of
/// `condition`, `filter` and `update` builders), so a path to a missing field does not
/// compile, and the operations a path offers depend on `V`: `begins_with` on strings, `+`
/// on numbers, `add_members` on sets, `append` on lists, and so on.
pub struct Path<T, V, K = Field> {
    raw: RawPath,
    marker: PathMarker<T, V, K>,
}

/// Uses `T`, `V` and `K` without owning them, so a path is `Send` and `Sync` whatever they
/// are.
type PathMarker<T, V, K> = PhantomData<fn() -> (T, V, K)>;

impl<T, V, K> Path<T, V, K> {
    #[doc(hidden)]
    /// A path from its untyped form (generated code and escape hatches only).
    pub fn from_raw(raw: RawPath) -> Self {
        Path {
            raw,
            marker: PhantomData,
        }
    }

    /// The untyped path.
    pub fn raw(&self) -> &RawPath {
        &self.raw
    }

    /// Takes the untyped path.
    pub fn into_raw(self) -> RawPath {
        self.raw
    }
}

impl<T, V, K> Clone for Path<T, V, K> {
    fn clone(&self) -> Self {
        Path::from_raw(self.raw.clone())
    }
}

impl<T, V, K> fmt::Debug for Path<T, V, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({})", self.raw)
    }
}

impl<T, V, K> PartialEq for Path<T, V, K> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

/// A Rust type whose fields have typed paths: structs with `#[derive(Attribute)]` or
/// `#[derive(Table)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no field paths",
    label = "`fields()` needs a struct with named fields and `#[derive(Attribute)]` or `#[derive(Table)]`",
    note = "compare values of other types as a whole: `path.eq(value)`"
)]
pub trait Document {
    /// The generated paths of this type's fields, for a document rooted in table `R`.
    type Paths<R: 'static>;

    #[doc(hidden)]
    /// The field paths below `prefix` (the root of an item when `prefix` is `None`).
    fn paths_at<R: 'static>(prefix: Option<&RawPath>) -> Self::Paths<R>;
}

impl<D: Document> Document for Option<D> {
    type Paths<R: 'static> = D::Paths<R>;

    fn paths_at<R: 'static>(prefix: Option<&RawPath>) -> Self::Paths<R> {
        D::paths_at(prefix)
    }
}

impl<D: Document> Document for Box<D> {
    type Paths<R: 'static> = D::Paths<R>;

    fn paths_at<R: 'static>(prefix: Option<&RawPath>) -> Self::Paths<R> {
        D::paths_at(prefix)
    }
}

#[doc(hidden)]
/// The path of field `name` below `prefix`, for generated code.
pub fn field_path<T, V, K>(prefix: Option<&RawPath>, name: &'static str) -> Path<T, V, K> {
    Path::from_raw(match prefix {
        Some(prefix) => prefix.child(name),
        None => RawPath::attribute(name),
    })
}

// As in `condition.rs`, the bounds of `fields`, `at` and `entry` are on the methods, so
// that a path of another type is reported with the trait's message. Their results are
// named by a type parameter bound to the associated type (`V: ListType<Element = E>`, not
// `-> Path<T, V::Element, _>`): a projection in the signature would make rustc check the
// bound while looking the method up, and report "the method exists but its trait bounds
// were not satisfied" instead.
impl<T, V, K> Path<T, V, K> {
    /// The paths of the fields of the struct stored here.
    pub fn fields<P>(&self) -> P
    where
        V: Document<Paths<T> = P>,
        T: 'static,
    {
        V::paths_at::<T>(Some(&self.raw))
    }
}

/// A list type and its element type (`Vec<E>`, except `Vec<u8>`, which is binary).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list",
    label = "`at(index)` needs a list attribute (`Vec<E>`; `Vec<u8>` is binary)",
    note = "`at` works on `Vec<E>` (and `Option<Vec<E>>`) for every attribute type `E` but `u8`"
)]
pub trait ListType {
    /// The element type.
    type Element;
}

/// A type that is stored as a list element when in a `Vec` (every attribute type but `u8`:
/// `Vec<u8>` is binary).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list element in typed paths",
    label = "`Vec<{Self}>` is not a list path",
    note = "`#[derive(Attribute)]` and `#[derive(Table)]` implement `dynamodel::expr::ListElement`; implement it for other attribute types stored in lists"
)]
pub trait ListElement {}

impl<E: ListElement> ListType for Vec<E> {
    type Element = E;
}

impl<L: ListType> ListType for Option<L> {
    type Element = L::Element;
}

impl<T, V, K> Path<T, V, K> {
    /// The path of the list element at `index`.
    pub fn at<E>(&self, index: u32) -> Path<T, E, Element>
    where
        V: ListType<Element = E>,
    {
        Path::from_raw(self.raw.index(index))
    }
}

/// A map type with string keys and its value type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a map with string keys",
    label = "`entry(key)` needs a `HashMap<String, V>` or `BTreeMap<String, V>` attribute",
    note = "for the fields of a struct, use `fields()`"
)]
pub trait MapType {
    /// The value type.
    type Value;
}

impl<V, S> MapType for std::collections::HashMap<String, V, S> {
    type Value = V;
}

impl<V> MapType for std::collections::BTreeMap<String, V> {
    type Value = V;
}

impl<M: MapType> MapType for Option<M> {
    type Value = M::Value;
}

impl<T, V, K> Path<T, V, K> {
    /// The path of the map entry `key`.
    pub fn entry<E>(&self, key: impl Into<String>) -> Path<T, E, Element>
    where
        V: MapType<Value = E>,
    {
        Path::from_raw(self.raw.child(key.into()))
    }
}
