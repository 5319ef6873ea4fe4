//! Property test: random conditions over random items, evaluated by the engine (text → parse →
//! check → evaluate, through a conditional PutItem) and by a tiny reference interpreter
//! written independently from the documented semantics.

use std::collections::BTreeSet;

use dynamodel::model::{PutItemInput, ScalarAttributeType as T};
use dynamodel::{AttributeValue, Backend, Item, Number};
use proptest::prelude::*;

use super::support::*;

/// A value of the reference model.
#[derive(Clone, Debug, PartialEq)]
enum Val {
    S(String),
    N(i64),
    Bool(bool),
    Null,
    Ss(BTreeSet<String>),
    L(Vec<Val>),
}

const ATTRIBUTES: [&str; 3] = ["a", "b", "c"];

#[derive(Clone, Debug)]
enum Operand {
    Attr(usize),
    Value(usize),
    Size(usize),
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Debug)]
enum Cond {
    Compare(Op, Operand, Operand),
    Between(usize, usize, usize),
    In(usize, Vec<usize>),
    Exists(usize),
    NotExists(usize),
    BeginsWith(usize, usize),
    Contains(usize, usize),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

fn val() -> impl Strategy<Value = Val> {
    let leaf = prop_oneof![
        4 => "[a-c]{0,3}".prop_map(Val::S),
        4 => (-3i64..4).prop_map(Val::N),
        1 => any::<bool>().prop_map(Val::Bool),
        1 => Just(Val::Null),
        2 => proptest::collection::btree_set("[a-c]{1,2}", 1..3).prop_map(Val::Ss),
    ];
    leaf.prop_recursive(2, 6, 3, |inner| {
        proptest::collection::vec(inner, 0..3).prop_map(Val::L)
    })
}

/// `:v0` and `:v1` are one orderable type with `:v0 <= :v1` (valid `BETWEEN` bounds and
/// ordering operands); `:v2` and `:v3` are anything.
fn values() -> impl Strategy<Value = [Val; 4]> {
    let bounds = prop_oneof![
        ("[a-c]{0,3}", "[a-c]{0,3}").prop_map(|(a, b)| {
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            (Val::S(low), Val::S(high))
        }),
        (-3i64..4, -3i64..4).prop_map(|(a, b)| (Val::N(a.min(b)), Val::N(a.max(b)))),
    ];
    (bounds, val(), val()).prop_map(|((low, high), c, d)| [low, high, c, d])
}

/// An operand; `values` is the range of value slots it may use.
fn operand(values: std::ops::Range<usize>) -> impl Strategy<Value = Operand> {
    prop_oneof![
        3 => (0..3usize).prop_map(Operand::Attr),
        3 => values.prop_map(Operand::Value),
        1 => (0..3usize).prop_map(Operand::Size),
    ]
}

fn is_ordering(op: Op) -> bool {
    !matches!(op, Op::Eq | Op::Ne)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Eq),
        Just(Op::Ne),
        Just(Op::Lt),
        Just(Op::Le),
        Just(Op::Gt),
        Just(Op::Ge)
    ]
}

fn cond() -> impl Strategy<Value = Cond> {
    let leaf = prop_oneof![
        4 => op().prop_flat_map(|o| {
            let slots = if is_ordering(o) { 0..2 } else { 0..4 };
            (Just(o), operand(slots.clone()), operand(slots))
        })
        .prop_map(|(o, l, r)| Cond::Compare(o, l, r)),
        1 => (0..3usize).prop_map(|a| Cond::Between(a, 0, 1)),
        1 => (0..3usize, proptest::collection::vec(0..4usize, 1..4)).prop_map(|(a, l)| Cond::In(a, l)),
        1 => (0..3usize).prop_map(Cond::Exists),
        1 => (0..3usize).prop_map(Cond::NotExists),
        1 => (0..3usize, 0..2usize).prop_map(|(a, v)| Cond::BeginsWith(a, v)),
        1 => (0..3usize, 0..4usize).prop_map(|(a, v)| Cond::Contains(a, v)),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| Cond::Not(Box::new(c))),
            (inner.clone(), inner.clone()).prop_map(|(l, r)| Cond::And(Box::new(l), Box::new(r))),
            (inner.clone(), inner).prop_map(|(l, r)| Cond::Or(Box::new(l), Box::new(r))),
        ]
    })
}

// ---- Rendering --------------------------------------------------------------------------------

fn render_operand(operand: &Operand) -> String {
    match operand {
        Operand::Attr(i) => ATTRIBUTES[*i].to_owned(),
        Operand::Value(i) => format!(":v{i}"),
        Operand::Size(i) => format!("size({})", ATTRIBUTES[*i]),
    }
}

fn render(cond: &Cond) -> String {
    match cond {
        Cond::Compare(op, l, r) => {
            let symbol = match op {
                Op::Eq => "=",
                Op::Ne => "<>",
                Op::Lt => "<",
                Op::Le => "<=",
                Op::Gt => ">",
                Op::Ge => ">=",
            };
            format!("{} {symbol} {}", render_operand(l), render_operand(r))
        }
        Cond::Between(a, l, h) => format!("{} BETWEEN :v{l} AND :v{h}", ATTRIBUTES[*a]),
        Cond::In(a, list) => {
            let list: Vec<String> = list.iter().map(|i| format!(":v{i}")).collect();
            format!("{} IN ({})", ATTRIBUTES[*a], list.join(", "))
        }
        Cond::Exists(a) => format!("attribute_exists({})", ATTRIBUTES[*a]),
        Cond::NotExists(a) => format!("attribute_not_exists({})", ATTRIBUTES[*a]),
        Cond::BeginsWith(a, v) => format!("begins_with({}, :v{v})", ATTRIBUTES[*a]),
        Cond::Contains(a, v) => format!("contains({}, :v{v})", ATTRIBUTES[*a]),
        Cond::Not(inner) => format!("NOT ({})", render(inner)),
        Cond::And(l, r) => format!("({}) AND ({})", render(l), render(r)),
        Cond::Or(l, r) => format!("({}) OR ({})", render(l), render(r)),
    }
}

fn to_attribute(value: &Val) -> AttributeValue {
    match value {
        Val::S(s) => AttributeValue::S(s.clone()),
        Val::N(n) => AttributeValue::N(Number::from(*n)),
        Val::Bool(b) => AttributeValue::Bool(*b),
        Val::Null => AttributeValue::Null,
        Val::Ss(set) => AttributeValue::Ss(set.iter().cloned().collect()),
        Val::L(list) => AttributeValue::L(list.iter().map(to_attribute).collect()),
    }
}

// ---- The reference interpreter ---------------------------------------------------------------

struct Model<'m> {
    item: &'m [Option<Val>; 3],
    values: &'m [Val; 4],
}

impl Model<'_> {
    fn operand(&self, operand: &Operand) -> Option<Val> {
        match operand {
            Operand::Attr(i) => self.item[*i].clone(),
            Operand::Value(i) => Some(self.values[*i].clone()),
            Operand::Size(i) => match self.item[*i].as_ref()? {
                Val::S(s) => Some(Val::N(s.encode_utf16().count() as i64)),
                Val::Ss(set) => Some(Val::N(set.len() as i64)),
                Val::L(list) => Some(Val::N(list.len() as i64)),
                _ => None,
            },
        }
    }

    fn holds(&self, cond: &Cond) -> bool {
        match cond {
            Cond::Compare(op, l, r) => match (self.operand(l), self.operand(r)) {
                (Some(l), Some(r)) => compare(*op, &l, &r),
                _ => matches!(op, Op::Ne),
            },
            Cond::Between(a, l, h) => self.item[*a].as_ref().is_some_and(|v| {
                compare(Op::Ge, v, &self.values[*l]) && compare(Op::Le, v, &self.values[*h])
            }),
            Cond::In(a, list) => self.item[*a]
                .as_ref()
                .is_some_and(|v| list.iter().any(|i| *v == self.values[*i])),
            Cond::Exists(a) => self.item[*a].is_some(),
            Cond::NotExists(a) => self.item[*a].is_none(),
            Cond::BeginsWith(a, v) => match (&self.item[*a], &self.values[*v]) {
                (Some(Val::S(s)), Val::S(p)) => s.starts_with(p.as_str()),
                _ => false,
            },
            Cond::Contains(a, v) => match (&self.item[*a], &self.values[*v]) {
                (Some(Val::S(s)), Val::S(p)) => s.contains(p.as_str()),
                (Some(Val::Ss(set)), Val::S(member)) => set.contains(member),
                (Some(Val::L(list)), needle) => list.contains(needle),
                _ => false,
            },
            Cond::Not(inner) => !self.holds(inner),
            Cond::And(l, r) => self.holds(l) && self.holds(r),
            Cond::Or(l, r) => self.holds(l) || self.holds(r),
        }
    }
}

fn compare(op: Op, l: &Val, r: &Val) -> bool {
    use std::cmp::Ordering;
    let order = match (l, r) {
        (Val::S(a), Val::S(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
        (Val::N(a), Val::N(b)) => Some(a.cmp(b)),
        _ => None,
    };
    match op {
        Op::Eq => l == r,
        Op::Ne => l != r,
        Op::Lt => order == Some(Ordering::Less),
        Op::Le => matches!(order, Some(Ordering::Less | Ordering::Equal)),
        Op::Gt => order == Some(Ordering::Greater),
        Op::Ge => matches!(order, Some(Ordering::Greater | Ordering::Equal)),
    }
}

fn uses_value(cond: &Cond, index: usize) -> bool {
    let in_operand = |o: &Operand| matches!(o, Operand::Value(i) if *i == index);
    match cond {
        Cond::Compare(_, l, r) => in_operand(l) || in_operand(r),
        Cond::Between(_, l, h) => *l == index || *h == index,
        Cond::In(_, list) => list.contains(&index),
        Cond::Exists(_) | Cond::NotExists(_) => false,
        Cond::BeginsWith(_, v) | Cond::Contains(_, v) => *v == index,
        Cond::Not(inner) => uses_value(inner, index),
        Cond::And(l, r) | Cond::Or(l, r) => uses_value(l, index) || uses_value(r, index),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        max_global_rejects: 4096,
        ..ProptestConfig::default()
    })]

    #[test]
    fn engine_agrees_with_the_reference(
        stored in proptest::array::uniform3(proptest::option::of(val())),
        values in values(),
        cond in cond(),
    ) {
        let engine = engine_with(T::S, None);
        let mut item: Item = Item::new();
        item.insert("pk".into(), AttributeValue::S("k".into()));
        for (name, value) in ATTRIBUTES.iter().zip(&stored) {
            if let Some(value) = value {
                item.insert((*name).to_owned(), to_attribute(value));
            }
        }
        put(&engine, item.clone());
        let used: Item = (0..4)
            .filter(|i| uses_value(&cond, *i))
            .map(|i| (format!(":v{i}"), to_attribute(&values[i])))
            .collect();
        let input = PutItemInput {
            table_name: TABLE.into(),
            item,
            condition_expression: Some(render(&cond)),
            expression_attribute_values: (!used.is_empty()).then_some(used),
            ..Default::default()
        };
        let outcome = run(engine.put_item(input));
        // Invalid combinations (say `a < :v` with a BOOL value) are DynamoDB errors; the
        // reference model only judges valid conditions.
        if let Err(error) = &outcome {
            prop_assume!(error.is_conditional_check_failed());
        }
        let model = Model { item: &stored, values: &values };
        prop_assert_eq!(outcome.is_ok(), model.holds(&cond), "{}", render(&cond));
    }
}
