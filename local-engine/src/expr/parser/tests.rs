//! Parser round trips (the canonical `Display` form) and rejections, one line each.

use super::*;

/// The canonical form of a condition, or its parse error.
fn condition(source: &str) -> String {
    parse_condition(source)
        .map(|c| c.to_string())
        .unwrap_or_else(|e| e.detail)
}

fn update(source: &str) -> String {
    parse_update(source)
        .map(|u| u.to_string())
        .unwrap_or_else(|e| e.detail)
}

fn projection(source: &str) -> String {
    parse_projection(source)
        .map(|paths| {
            paths
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_else(|e| e.detail)
}

fn syntax(token: &str, near: &str) -> String {
    expression::syntax(token, near)
}

#[test]
fn conditions_print_in_canonical_form() {
    let cases = [
        ("p=:p", "p = :p"),
        (" p  =   :p ", "p = :p"),
        (
            "p=:p aNd c bEtWeEn :a AnD :b",
            "p = :p AND c BETWEEN :a AND :b",
        ),
        ("((c=:c) AND (#p=:p))", "((c = :c) AND (#p = :p))"),
        (
            "begins_with(#s,:x) and :p=p",
            "begins_with(#s, :x) AND :p = p",
        ),
        (
            "a.b[2].#c <> :v or not a in (:x,:y)",
            "a.b[2].#c <> :v OR NOT a IN (:x, :y)",
        ),
        ("size(a) >= :n", "size(a) >= :n"),
        ("size (s) = :v", "size(s) = :v"),
        ("attribute_exists (s)", "attribute_exists(s)"),
        ("(a) = :v", "(a) = :v"),
        ("n = (:v)", "n = (:v)"),
        ("((a) = :v)", "((a) = :v)"),
        ("(size(a)) = :v", "(size(a)) = :v"),
        ("size((a)) = :v", "size((a)) = :v"),
        ("(attribute_exists(a))", "(attribute_exists(a))"),
        ("NOT (attribute_exists(a))", "NOT (attribute_exists(a))"),
        ("NOT NOT a = :v", "NOT NOT a = :v"),
        ("a IN ((:v), :v)", "a IN ((:v), :v)"),
        ("a[ 1 ] = :v", "a[1] = :v"),
        ("a . b = :v", "a.b = :v"),
        ("a_ = :_v AND #_x = :v", "a_ = :_v AND #_x = :v"),
        ("a[0][10] = :v", "a[0][10] = :v"),
        ("dog(a) = :v", "dog(a) = :v"),
        ("attribute_exists(s) = :v", "attribute_exists(s) = :v"),
        ("size(s)", "size(s)"),
        ("a[99999999999] = :v", "a[99999999999] = :v"),
    ];
    for (source, canonical) in cases {
        assert_eq!(condition(source), canonical, "{source}");
        // The canonical form parses back to itself.
        assert_eq!(condition(canonical), canonical, "{canonical}");
    }
}

#[test]
fn precedence_is_or_then_and_then_not() {
    use crate::expr::ast::Condition as C;
    let parsed = parse_condition("a = :a OR b = :b AND c = :c").unwrap();
    let C::Or { operands, .. } = parsed else {
        panic!("OR at the top: {parsed:?}")
    };
    assert!(matches!(
        operands.as_slice(),
        [C::Compare { .. }, C::And { .. }]
    ));
    let parsed = parse_condition("NOT a = :a AND b = :b").unwrap();
    let C::And { operands, .. } = parsed else {
        panic!("AND at the top: {parsed:?}")
    };
    assert!(matches!(
        operands.as_slice(),
        [C::Not { .. }, C::Compare { .. }]
    ));
    // Chains stay flat at one level; parentheses start a new one.
    let parsed = parse_condition("a = :a AND b = :b AND (c = :c AND d = :d)").unwrap();
    let C::And { operands, .. } = parsed else {
        panic!("AND at the top: {parsed:?}")
    };
    assert_eq!(operands.len(), 3);
    assert!(matches!(operands.last(), Some(C::Parens { .. })));
}

#[test]
fn syntax_errors_quote_the_token_and_its_neighbours() {
    let cases = [
        ("p=:p AND c!=:c", syntax("!", "c!=")),
        ("p = ", syntax("<EOF>", "= ")),
        ("p", syntax("<EOF>", "p")),
        ("a > 4", syntax("4", "> 4")),
        ("a = :a )", syntax(")", ":a )")),
        ("attribute_exists()", syntax(")", "()")),
        ("a = :v, b = :v", syntax(",", ":v, b")),
        ("a == :v", syntax("=", "== :v")),
        ("a = :v AND", syntax("<EOF>", "AND")),
        ("a :v", syntax(":v", "a :v")),
        ("a[x] = :v", syntax("x", "[x]")),
        ("a[-1] = :v", syntax("-", "[-1")),
        ("a[1.5] = :v", syntax(".", "1.5")),
        ("a[007] = :v", syntax("0", "007")),
        ("a.1b = :v", syntax("1", ".1b")),
        ("_a = :v", syntax("_", "_a")),
        ("1a = :v", syntax("1", "1a")),
        ("a-b = :v", syntax("-", "a-b")),
        ("a = :v-1", syntax("-", ":v-1")),
        ("n IN ()", syntax(")", "()")),
        (":v", syntax("<EOF>", ":v")),
        ("NOT :v", syntax("<EOF>", ":v")),
        ("n = :v AND NOT", syntax("<EOF>", "NOT")),
        ("()", syntax(")", "()")),
        ("(n = :v", syntax("<EOF>", ":v")),
        ("n = :vé", syntax("é", ":vé")),
        ("n  =  :v  AND  s  =  :w  x", syntax("x", ":w  x")),
        ("n BETWEEN :v", syntax("<EOF>", ":v")),
        ("n BETWEEN :v OR :v", syntax("OR", ":v OR :v")),
        ("n IN :v", syntax(":v", "IN :v")),
        ("n IN (:v,)", syntax(")", ",)")),
        ("AND = :v", syntax("AND", "AND =")),
        ("n = AND", syntax("AND", "= AND")),
        ("BETWEEN", syntax("BETWEEN", "BETWEEN")),
        ("#", syntax("#", "#")),
        ("n = :", syntax(":", "= :")),
        ("n. = :v", syntax("=", ". = :v")),
        ("n[] = :v", syntax("]", "[] =")),
        ("[1] = :v", syntax("[", "[1")),
        ("(a).b = :v", syntax(".", ").b")),
        ("((a)).b = :v", syntax(".", ").b")),
        ("a = AND ((a = :v))", syntax("AND", "= AND (")),
        ("foo(x) AND a = ", syntax("<EOF>", "= ")),
    ];
    for (source, message) in cases {
        assert_eq!(condition(source), message, "{source}");
    }
}

#[test]
fn redundant_parentheses_are_reported_while_parsing() {
    let redundant = expression::REDUNDANT_PARENTHESES;
    for source in [
        "((n = :v))",
        "((n)) = :v",
        "((:v)) = a",
        "NOT ((n = :v))",
        "(((n = :v)) AND n = :v)",
        "((attribute_exists(a)))",
        "((NOT attribute_exists(a)))",
        "contains(((a)), :v)",
        "(((a) = :v))",
        "((a = :v)) AND a = ",
        "a = :v AND ((a = :v)) AND",
    ] {
        assert_eq!(condition(source), redundant, "{source}");
    }
}

#[test]
fn empty_and_oversized_expressions() {
    assert_eq!(condition(""), "The expression can not be empty;");
    assert_eq!(condition("   "), "The expression can not be empty;");
    assert_eq!(update(""), "The expression can not be empty;");
    assert_eq!(projection(""), "The expression can not be empty;");
    let at_limit = format!("a = :v{}", " ".repeat(4096 - 6));
    assert_eq!(condition(&at_limit), "a = :v");
    let long = format!("a = :v{}", " ".repeat(4097 - 6));
    assert_eq!(
        condition(&long),
        "Expression size has exceeded the maximum allowed size; expression size: 4097"
    );
}

#[test]
fn recursion_limit_is_an_error_not_a_stack_overflow() {
    let nested = format!("{}a=:a{}", "(a=:a AND ".repeat(330), ")".repeat(330));
    assert!(nested.len() < MAX_EXPRESSION_BYTES);
    assert_eq!(condition(&nested), expression::too_deep(MAX_DEPTH));
    let sizes = format!("{}a{} = :v", "size(".repeat(400), ")".repeat(400));
    assert_eq!(condition(&sizes), expression::too_deep(MAX_DEPTH));
    // `NOT` chains cost no depth; more than the operator limit allows are refused at once.
    let nots = format!("{}a = :a", "NOT ".repeat(300));
    assert!(condition(&nots).starts_with("NOT NOT"));
    let nots = format!("{}a = :a", "NOT ".repeat(301));
    assert_eq!(condition(&nots), expression::too_many_operators(301));
    // The deepest nesting a valid expression can have parses, from a small stack.
    let deep = format!("{}a=:a{}", "NOT (".repeat(299), ")".repeat(299));
    let parsed = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || parse_condition(&deep).is_ok())
        .unwrap()
        .join()
        .unwrap();
    assert!(parsed);
}

#[test]
fn updates_print_in_canonical_form() {
    let cases = [
        ("set a = :v", "SET a = :v"),
        ("SET a=:v,b.c[1]=:w", "SET a = :v, b.c[1] = :w"),
        ("SET a = a + :v", "SET a = a + :v"),
        ("SET a = :v - a", "SET a = :v - a"),
        (
            "SET a = if_not_exists(a, :v), l = list_append(l, :l)",
            "SET a = if_not_exists(a, :v), l = list_append(l, :l)",
        ),
        (
            "REMOVE a, b[1] ADD c :n DELETE d :s",
            "REMOVE a, b[1] ADD c :n DELETE d :s",
        ),
        ("add c :n, d :m", "ADD c :n, d :m"),
        ("SET a = :v SET b = :v", "SET a = :v SET b = :v"),
        ("SET a = (:v)", "SET a = (:v)"),
    ];
    for (source, canonical) in cases {
        assert_eq!(update(source), canonical, "{source}");
        assert_eq!(update(canonical), canonical, "{canonical}");
    }
}

#[test]
fn update_syntax_errors() {
    let cases = [
        ("SET", syntax("<EOF>", "SET")),
        ("a = :v", syntax("a", "a =")),
        ("SET a :v", syntax(":v", "a :v")),
        ("SET a = :v b = :c", syntax("b", ":v b =")),
        ("SET a = :v + :w + :x", syntax("+", ":w + :x")),
        ("REMOVE a = :v", syntax("=", "a = :v")),
        ("ADD a", syntax("<EOF>", "a")),
        ("SET a = :v,", syntax("<EOF>", ",")),
    ];
    for (source, message) in cases {
        assert_eq!(update(source), message, "{source}");
    }
}

#[test]
fn projections_are_comma_separated_paths() {
    assert_eq!(projection("a,b.c , d[1][2].#e"), "a, b.c, d[1][2].#e");
    assert_eq!(projection("a, "), syntax("<EOF>", ", "));
    assert_eq!(projection("a b"), syntax("b", "a b"));
    assert_eq!(projection("(a)"), syntax("(", "(a"));
    assert_eq!(projection(":v"), syntax(":v", ":v"));
}
