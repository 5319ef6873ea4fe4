//! Errors inside one expression; each is prefixed with `Invalid <Parameter>: ` by
//! [`super::invalid_expression`].
//!
//! Sources as in the parent module; `[local]` marks texts DynamoDB Local 3.3.0 sends that no
//! capture from DynamoDB contradicts (DynamoDB Local shares DynamoDB's expression front end:
//! every text below that dynalite or a capture also pins is identical there).

/// [dynalite][capture]
pub(crate) const EMPTY: &str = "The expression can not be empty;";

/// [dynalite][local] `token` is the offending token (`<EOF>` at the end), `near` the text
/// around it.
pub(crate) fn syntax(token: &str, near: &str) -> String {
    format!("Syntax error; token: \"{token}\", near: \"{near}\"")
}

/// [dynalite][local] `((x))`, in conditions and around operands.
pub(crate) const REDUNDANT_PARENTHESES: &str = "The expression has redundant parentheses;";

/// [moto][dynalite]
pub(crate) fn undefined_name(name: &str) -> String {
    format!(
        "An expression attribute name used in the document path is not defined; attribute \
         name: {name}"
    )
}

/// [moto][dynalite]
pub(crate) fn undefined_value(name: &str) -> String {
    format!(
        "An expression attribute value used in expression is not defined; attribute value: \
         {name}"
    )
}

/// [moto][dynalite] `keyword` as written in the expression.
pub(crate) fn reserved_keyword(keyword: &str) -> String {
    format!("Attribute name is a reserved keyword; reserved keyword: {keyword}")
}

/// [moto][dynalite]
pub(crate) fn invalid_function(name: &str) -> String {
    format!("Invalid function name; function: {name}")
}

/// [dynalite][local] A condition function used as a value, or `size` used as a condition.
pub(crate) fn misused_function(name: &str) -> String {
    format!("The function is not allowed to be used this way in an expression; function: {name}")
}

/// [dynalite]
pub(crate) fn operand_count(function: &str, count: usize) -> String {
    format!(
        "Incorrect number of operands for operator or function; operator or function: \
         {function}, number of operands: {count}"
    )
}

/// [capture][dynalite] `operand_type` is a type name or a set of them in braces.
pub(crate) fn operand_type(function: &str, operand_type: &str) -> String {
    format!(
        "Incorrect operand type for operator or function; operator or function: {function}, \
         operand type: {operand_type}"
    )
}

/// [dynalite] The operand type reported when `attribute_type` is given a path as its type.
/// (DynamoDB Local lists its internal type names here instead.)
pub(crate) const ANY_TYPE: &str = "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}";

/// [dynalite] `attribute_type` with a type name DynamoDB does not have. (DynamoDB Local lists
/// the same ten names in another order.)
pub(crate) fn invalid_type_name(name: &str) -> String {
    format!(
        "Invalid attribute type name found; type: {name}, valid types: \
         {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}"
    )
}

/// [dynalite][local] `attribute_exists` / `attribute_not_exists` of something not a path.
pub(crate) fn requires_path(function: &str) -> String {
    format!("Operator or function requires a document path; operator or function: {function}")
}

/// [dynalite][local] The same path on both sides: `a = a`, `a BETWEEN a AND :x`,
/// `contains(a, a)`. `path` prints as `[a, b, [1]]`.
pub(crate) fn not_distinct(operator: &str, path: &str) -> String {
    format!(
        "The first operand must be distinct from the remaining operands for this operator or \
         function; operator: {operator}, first operand: {path}"
    )
}

/// [dynalite] Values print as `AttributeValue: {S:a}`.
pub(crate) fn between_types(lower: &str, upper: &str) -> String {
    format!(
        "The BETWEEN operator requires same data type for lower and upper bounds; lower bound \
         operand: AttributeValue: {lower}, upper bound operand: AttributeValue: {upper}"
    )
}

/// [capture]
pub(crate) fn between_order(lower: &str, upper: &str) -> String {
    format!(
        "The BETWEEN operator requires upper bound to be greater than or equal to lower \
         bound; lower bound operand: AttributeValue: {lower}, upper bound operand: \
         AttributeValue: {upper}"
    )
}

/// [local] More than 100 operands after `IN`.
pub(crate) fn in_too_many(count: usize) -> String {
    format!("The IN operator is provided with too many operands; number of operands: {count}")
}

/// [local] A list index above `2147483647`, quoted as written.
pub(crate) fn index_out_of_range(digits: &str) -> String {
    format!("List index is not within the allowable range; index: [{digits}]")
}

/// [local] A document path of more than 32 levels.
pub(crate) fn path_too_deep(levels: usize) -> String {
    format!("The document path has too many nesting levels; nesting levels: {levels}")
}

/// [local] More than 300 operators and functions; DynamoDB stops counting at the first one
/// over the limit, so `count` is always 301.
pub(crate) fn too_many_operators(count: usize) -> String {
    format!("The expression contains too many operators; operator count: {count}")
}

/// [local] DynamoDB caps expressions at 4 KB.
pub(crate) fn too_long(size: usize) -> String {
    format!("Expression size has exceeded the maximum allowed size; expression size: {size}")
}

/// [engine] Nesting beyond the parser's recursion limit (no valid expression gets there).
pub(crate) fn too_deep(limit: usize) -> String {
    format!("The expression is nested too deeply; dynamodel-local allows {limit} levels")
}

/// [local] `if_not_exists` or `list_append` outside an update expression.
pub(crate) fn not_in_condition(function: &str) -> String {
    format!("The function is not allowed in a condition expression; function: {function}")
}

/// [local] Two projected paths where one is a prefix of (or equal to) the other, printed as
/// `[a, b, [1]]` in the order written.
pub(crate) fn paths_overlap(one: &str, two: &str) -> String {
    format!(
        "Two document paths overlap with each other; must remove or rewrite one of these paths; \
         path one: {one}, path two: {two}"
    )
}

/// [local] Two projected paths that step into one value by key and by index.
pub(crate) fn paths_conflict(one: &str, two: &str) -> String {
    format!(
        "Two document paths conflict with each other; must remove or rewrite one of these \
         paths; path one: {one}, path two: {two}"
    )
}
