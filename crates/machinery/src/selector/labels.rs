//! Label selectors: the string syntax (`app=web,tier in (a,b),!legacy`), construction from
//! `metav1.LabelSelector`, matching, and canonical printing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use serde_json::Value;

use crate::validation::{is_qualified_name, is_valid_label_value};

/// A problem with a label selector (bad syntax or an invalid requirement).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelSelectorError {
    /// The selector string could not be parsed.
    #[error("unable to parse requirement: {0}")]
    Syntax(String),
    /// A requirement's key, operator or values are invalid.
    #[error("{0}")]
    Invalid(String),
}

/// The comparison a [`Requirement`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operator {
    /// `key=value`
    Equals,
    /// `key==value`
    DoubleEquals,
    /// `key!=value`
    NotEquals,
    /// `key in (a,b)`
    In,
    /// `key notin (a,b)`
    NotIn,
    /// `key`
    Exists,
    /// `!key`
    DoesNotExist,
    /// `key>1` (node affinity `Gt`)
    GreaterThan,
    /// `key<1` (node affinity `Lt`)
    LessThan,
}

impl Operator {
    /// Parses the operator names used in `matchExpressions` and node selector terms
    /// (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`).
    pub fn from_expression_name(name: &str) -> Option<Operator> {
        Some(match name {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            "Gt" => Operator::GreaterThan,
            "Lt" => Operator::LessThan,
            _ => return None,
        })
    }
}

/// One condition of a selector: a key, an operator and (for some operators) values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Requirement {
    key: String,
    operator: Operator,
    values: BTreeSet<String>,
}

impl Requirement {
    /// Builds a validated requirement. `In`/`NotIn` need at least one value, the
    /// equality operators exactly one, `Exists`/`DoesNotExist` none, and `Gt`/`Lt`
    /// exactly one integer.
    pub fn new<I, S>(key: &str, operator: Operator, values: I) -> Result<Self, LabelSelectorError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        let mut problems = Vec::new();
        let key_errs = is_qualified_name(key);
        if !key_errs.is_empty() {
            problems.push(format!(
                "key: Invalid value: {:?}: {}",
                key,
                key_errs.join("; ")
            ));
        }
        match operator {
            Operator::In | Operator::NotIn => {
                if values.is_empty() {
                    problems.push("values: Invalid value: []: the 'in' and 'notin' operators need at least one value".to_string());
                }
            }
            Operator::Equals | Operator::DoubleEquals | Operator::NotEquals => {
                if values.len() != 1 {
                    problems.push(format!(
                        "values: Invalid value: {values:?}: an exact match needs exactly one value"
                    ));
                }
            }
            Operator::Exists | Operator::DoesNotExist => {
                if !values.is_empty() {
                    problems.push(format!(
                        "values: Invalid value: {values:?}: exists and does-not-exist take no values"
                    ));
                }
            }
            Operator::GreaterThan | Operator::LessThan => {
                if values.len() != 1 {
                    problems.push(format!(
                        "values: Invalid value: {values:?}: 'Gt' and 'Lt' need exactly one value"
                    ));
                }
                for (i, v) in values.iter().enumerate() {
                    if v.parse::<i64>().is_err() {
                        problems.push(format!(
                            "values[{i}]: Invalid value: {v:?}: 'Gt' and 'Lt' need an integer value"
                        ));
                    }
                }
            }
        }
        for (i, v) in values.iter().enumerate() {
            let errs = is_valid_label_value(v);
            if !errs.is_empty() {
                problems.push(format!(
                    "values[{i}][{key}]: Invalid value: {v:?}: {}",
                    errs.join("; ")
                ));
            }
        }
        if !problems.is_empty() {
            return Err(LabelSelectorError::Invalid(if problems.len() == 1 {
                problems.join("")
            } else {
                format!("[{}]", problems.join(", "))
            }));
        }
        Ok(Requirement {
            key: key.to_string(),
            operator,
            values: values.into_iter().collect(),
        })
    }

    /// The label key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The operator.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The values, sorted.
    pub fn values(&self) -> &BTreeSet<String> {
        &self.values
    }

    /// True when `labels` satisfy this requirement.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let found = labels.get(&self.key);
        match self.operator {
            Operator::In | Operator::Equals | Operator::DoubleEquals => {
                found.is_some_and(|v| self.values.contains(v))
            }
            Operator::NotIn | Operator::NotEquals => found.is_none_or(|v| !self.values.contains(v)),
            Operator::Exists => found.is_some(),
            Operator::DoesNotExist => found.is_none(),
            Operator::GreaterThan | Operator::LessThan => {
                let (Some(have), Some(want)) =
                    (found.and_then(|v| v.parse::<i64>().ok()), self.single_int())
                else {
                    return false;
                };
                if self.operator == Operator::GreaterThan {
                    have > want
                } else {
                    have < want
                }
            }
        }
    }

    fn single_int(&self) -> Option<i64> {
        if self.values.len() != 1 {
            return None;
        }
        self.values.iter().next().and_then(|v| v.parse().ok())
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.operator == Operator::DoesNotExist {
            f.write_str("!")?;
        }
        f.write_str(&self.key)?;
        let op = match self.operator {
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => " in ",
            Operator::NotIn => " notin ",
            Operator::GreaterThan => ">",
            Operator::LessThan => "<",
            Operator::Exists | Operator::DoesNotExist => return Ok(()),
        };
        f.write_str(op)?;
        let joined = self.values.iter().cloned().collect::<Vec<_>>().join(",");
        if matches!(self.operator, Operator::In | Operator::NotIn) {
            write!(f, "({joined})")
        } else {
            f.write_str(&joined)
        }
    }
}

/// A label selector: a conjunction of requirements, or the special "nothing" selector.
///
/// Kubernetes distinguishes a missing (`null`) `LabelSelector`, which selects nothing,
/// from an empty one (`{}`), which selects everything; an empty selector string also
/// selects everything.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Selector {
    requirements: Vec<Requirement>,
    nothing: bool,
}

impl Selector {
    /// The selector that matches every label set.
    pub fn everything() -> Self {
        Selector::default()
    }

    /// The selector that matches no label set.
    pub fn nothing() -> Self {
        Selector {
            requirements: Vec::new(),
            nothing: true,
        }
    }

    /// Builds a selector from requirements (sorted by key, as Kubernetes does).
    pub fn from_requirements(mut requirements: Vec<Requirement>) -> Self {
        requirements.sort_by(|a, b| a.key.cmp(&b.key));
        Selector {
            requirements,
            nothing: false,
        }
    }

    /// A selector requiring every given label to have exactly the given value
    /// (like `labels.SelectorFromSet`).
    pub fn from_map(labels: &BTreeMap<String, String>) -> Result<Self, LabelSelectorError> {
        let reqs = labels
            .iter()
            .map(|(k, v)| Requirement::new(k, Operator::Equals, [v.as_str()]))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Selector::from_requirements(reqs))
    }

    /// Parses the string form. The empty string yields [`Selector::everything`].
    pub fn parse(input: &str) -> Result<Self, LabelSelectorError> {
        let requirements = Parser::new(input).parse()?;
        Ok(Selector::from_requirements(requirements))
    }

    /// Converts a `metav1.LabelSelector`; `None` selects nothing, an empty selector
    /// selects everything.
    pub fn from_label_selector(
        selector: Option<&LabelSelector>,
    ) -> Result<Self, LabelSelectorError> {
        let Some(sel) = selector else {
            return Ok(Selector::nothing());
        };
        let mut reqs = Vec::new();
        for (k, v) in sel.match_labels.iter().flatten() {
            reqs.push(Requirement::new(k, Operator::Equals, [v.as_str()])?);
        }
        for expr in sel.match_expressions.iter().flatten() {
            let op = match expr.operator.as_str() {
                "In" => Operator::In,
                "NotIn" => Operator::NotIn,
                "Exists" => Operator::Exists,
                "DoesNotExist" => Operator::DoesNotExist,
                other => {
                    return Err(LabelSelectorError::Invalid(format!(
                        "{other:?} is not a valid label selector operator"
                    )))
                }
            };
            let values = expr.values.clone().unwrap_or_default();
            reqs.push(Requirement::new(&expr.key, op, values)?);
        }
        Ok(Selector::from_requirements(reqs))
    }

    /// Converts a `metav1.LabelSelector` given as JSON (`null` selects nothing).
    pub fn from_label_selector_value(value: &Value) -> Result<Self, LabelSelectorError> {
        if value.is_null() {
            return Ok(Selector::nothing());
        }
        let sel: LabelSelector = serde_json::from_value(value.clone())
            .map_err(|e| LabelSelectorError::Invalid(format!("malformed label selector: {e}")))?;
        Selector::from_label_selector(Some(&sel))
    }

    /// The requirements, sorted by key.
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// True when this selector has no requirements and is not the "nothing" selector,
    /// i.e. it matches everything.
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty() && !self.nothing
    }

    /// True for the selector that matches nothing.
    pub fn is_nothing(&self) -> bool {
        self.nothing
    }

    /// Adds a requirement, keeping key order.
    #[must_use]
    pub fn with_requirement(mut self, requirement: Requirement) -> Self {
        self.requirements.push(requirement);
        self.requirements.sort_by(|a, b| a.key.cmp(&b.key));
        self
    }

    /// True when every requirement matches `labels`.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        !self.nothing && self.requirements.iter().all(|r| r.matches(labels))
    }

    /// If the selector requires `key` to equal exactly one value, returns it.
    pub fn requires_exact_match(&self, key: &str) -> Option<&str> {
        self.requirements.iter().find_map(|r| {
            let exact = matches!(
                r.operator,
                Operator::Equals | Operator::DoubleEquals | Operator::In
            );
            if r.key == key && exact && r.values.len() == 1 {
                r.values.iter().next().map(String::as_str)
            } else {
                None
            }
        })
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.requirements.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join(","))
    }
}

impl std::str::FromStr for Selector {
    type Err = LabelSelectorError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Selector::parse(s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    End,
    Ident(String),
    Comma,
    OpenParen,
    CloseParen,
    Bang,
    Eq,
    DoubleEq,
    NotEq,
    Gt,
    Lt,
    Error(String),
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::End => String::new(),
            Token::Ident(s) => s.clone(),
            Token::Comma => ",".into(),
            Token::OpenParen => "(".into(),
            Token::CloseParen => ")".into(),
            Token::Bang => "!".into(),
            Token::Eq => "=".into(),
            Token::DoubleEq => "==".into(),
            Token::NotEq => "!=".into(),
            Token::Gt => ">".into(),
            Token::Lt => "<".into(),
            Token::Error(s) => s.clone(),
        }
    }
}

fn is_special(c: char) -> bool {
    matches!(c, '=' | '!' | '(' | ')' | ',' | '>' | '<')
}

fn lex(input: &str) -> Vec<Token> {
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < chars.len() {
        let Some(&c) = chars.get(i) else { break };
        if matches!(c, ' ' | '\t' | '\r' | '\n') {
            i += 1;
            continue;
        }
        if is_special(c) {
            let next = chars.get(i + 1).copied();
            let (tok, width) = match (c, next) {
                ('=', Some('=')) => (Token::DoubleEq, 2),
                ('!', Some('=')) => (Token::NotEq, 2),
                ('=', _) => (Token::Eq, 1),
                ('!', _) => (Token::Bang, 1),
                ('(', _) => (Token::OpenParen, 1),
                (')', _) => (Token::CloseParen, 1),
                (',', _) => (Token::Comma, 1),
                ('>', _) => (Token::Gt, 1),
                ('<', _) => (Token::Lt, 1),
                _ => (Token::Error(c.to_string()), 1),
            };
            out.push(tok);
            i += width;
            continue;
        }
        let start = i;
        while let Some(&c) = chars.get(i) {
            if is_special(c) || matches!(c, ' ' | '\t' | '\r' | '\n') {
                break;
            }
            i += 1;
        }
        out.push(Token::Ident(
            chars.get(start..i).unwrap_or_default().iter().collect(),
        ));
    }
    out
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn new(input: &str) -> Self {
        Parser {
            tokens: lex(input),
            pos: 0,
        }
    }

    fn peek(&self) -> Token {
        self.tokens.get(self.pos).cloned().unwrap_or(Token::End)
    }

    fn next(&mut self) -> Token {
        let t = self.peek();
        self.pos += 1;
        t
    }

    fn syntax(msg: String) -> LabelSelectorError {
        LabelSelectorError::Syntax(msg)
    }

    fn parse(&mut self) -> Result<Vec<Requirement>, LabelSelectorError> {
        let mut reqs = Vec::new();
        loop {
            match self.peek() {
                Token::End => return Ok(reqs),
                Token::Ident(_) | Token::Bang => {
                    let req = self.requirement().map_err(|e| match e {
                        LabelSelectorError::Invalid(msg) => LabelSelectorError::Syntax(msg),
                        other => other,
                    })?;
                    reqs.push(req);
                    match self.next() {
                        Token::End => return Ok(reqs),
                        Token::Comma => match self.peek() {
                            Token::Ident(_) | Token::Bang => {}
                            t => {
                                return Err(Self::syntax(format!(
                                    "found '{}', expected: identifier after ','",
                                    t.describe()
                                )))
                            }
                        },
                        t => {
                            return Err(Self::syntax(format!(
                                "found '{}', expected: ',' or 'end of string'",
                                t.describe()
                            )))
                        }
                    }
                }
                t => {
                    return Err(Self::syntax(format!(
                        "found '{}', expected: !, identifier, or 'end of string'",
                        t.describe()
                    )))
                }
            }
        }
    }

    fn requirement(&mut self) -> Result<Requirement, LabelSelectorError> {
        let mut negated = false;
        let mut tok = self.next();
        if tok == Token::Bang {
            negated = true;
            tok = self.next();
        }
        let Token::Ident(key) = tok else {
            return Err(Self::syntax(format!(
                "found '{}', expected: identifier",
                tok.describe()
            )));
        };
        let key_errs = is_qualified_name(&key);
        if !key_errs.is_empty() {
            return Err(LabelSelectorError::Invalid(format!(
                "Invalid value: {:?}: {}",
                key,
                key_errs.join("; ")
            )));
        }
        let at_end = matches!(self.peek(), Token::End | Token::Comma);
        if negated {
            return Requirement::new(&key, Operator::DoesNotExist, Vec::<String>::new());
        }
        if at_end {
            return Requirement::new(&key, Operator::Exists, Vec::<String>::new());
        }
        let op = match self.next() {
            Token::Ident(w) if w == "in" => Operator::In,
            Token::Ident(w) if w == "notin" => Operator::NotIn,
            Token::Eq => Operator::Equals,
            Token::DoubleEq => Operator::DoubleEquals,
            Token::NotEq => Operator::NotEquals,
            Token::Gt => Operator::GreaterThan,
            Token::Lt => Operator::LessThan,
            t => {
                return Err(Self::syntax(format!(
                    "found '{}', expected: in, notin, =, ==, !=, gt, lt",
                    t.describe()
                )))
            }
        };
        let values = match op {
            Operator::In | Operator::NotIn => self.value_set()?,
            _ => self.exact_value()?,
        };
        Requirement::new(&key, op, values)
    }

    fn exact_value(&mut self) -> Result<Vec<String>, LabelSelectorError> {
        match self.peek() {
            Token::End | Token::Comma => Ok(vec![String::new()]),
            Token::Ident(v) => {
                self.pos += 1;
                Ok(vec![v])
            }
            t => Err(Self::syntax(format!(
                "found '{}', expected: identifier",
                t.describe()
            ))),
        }
    }

    fn value_set(&mut self) -> Result<Vec<String>, LabelSelectorError> {
        let open = self.next();
        if open != Token::OpenParen {
            return Err(Self::syntax(format!(
                "found '{}' expected: '('",
                open.describe()
            )));
        }
        if self.peek() == Token::CloseParen {
            self.pos += 1;
            return Ok(vec![String::new()]);
        }
        let mut values = BTreeSet::new();
        // Elements are identifiers separated by commas; an empty slot is the empty value.
        let mut expect_value = true;
        loop {
            match self.next() {
                Token::Ident(v) if expect_value => {
                    values.insert(v);
                    expect_value = false;
                }
                Token::Comma => {
                    if expect_value {
                        values.insert(String::new());
                    }
                    expect_value = true;
                }
                Token::CloseParen => {
                    if expect_value {
                        values.insert(String::new());
                    }
                    return Ok(values.into_iter().collect());
                }
                t => {
                    return Err(Self::syntax(format!(
                        "found '{}', expected: ',', ')' or identifier",
                        t.describe()
                    )))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parse_and_print() {
        let cases = [
            ("", ""),
            ("x=a", "x=a"),
            ("x==a", "x==a"),
            ("x!=a", "x!=a"),
            (" x = a , y = b ", "x=a,y=b"),
            ("y=b,x=a", "x=a,y=b"),
            ("x in (b,a)", "x in (a,b)"),
            ("x notin ( a )", "x notin (a)"),
            ("x", "x"),
            ("!x", "!x"),
            ("x>1", "x>1"),
            ("x<5", "x<5"),
            ("x=", "x="),
            ("x=,y=b", "x=,y=b"),
            ("x in ()", "x in ()"),
            ("x in (,a)", "x in (,a)"),
            (
                "example.com/app in (web),!legacy,tier",
                "example.com/app in (web),!legacy,tier",
            ),
        ];
        for (input, want) in cases {
            let s = Selector::parse(input);
            assert!(s.is_ok(), "{input}: {s:?}");
            let s = s.unwrap_or_default();
            assert_eq!(s.to_string(), want, "{input}");
            // The printed form parses back to the same selector.
            assert_eq!(Selector::parse(want).ok(), Some(s.clone()), "{input}");
        }
    }

    #[test]
    fn parse_errors() {
        for bad in [
            "x=a,",
            ",x=a",
            "x y",
            "x in a",
            "x in (a",
            "x in (a b)",
            "x=a=b",
            "!x=a",
            "x>a",
            "x>",
            "bad key=a",
            "-x=a",
            "x=-a",
            "x=a)",
            "x==",
            "x!",
            "a/b/c=d",
            "=a",
        ] {
            let r = Selector::parse(bad);
            // "x==" is fine in Kubernetes (empty value); treat it as valid here too.
            if bad == "x==" {
                assert!(r.is_ok(), "{bad}");
                continue;
            }
            assert!(r.is_err(), "{bad} parsed as {r:?}");
        }
        let err = Selector::parse("x y")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("unable to parse requirement"), "{err}");
    }

    #[test]
    fn matching() {
        let l = labels(&[("app", "web"), ("tier", "front"), ("n", "5")]);
        let table = [
            ("", true),
            ("app=web", true),
            ("app==web", true),
            ("app=db", false),
            ("app!=db", true),
            ("missing!=x", true),
            ("app in (db,web)", true),
            ("app notin (db,web)", false),
            ("missing notin (a)", true),
            ("app", true),
            ("missing", false),
            ("!missing", true),
            ("!app", false),
            ("n>4", true),
            ("n>5", false),
            ("n<6", true),
            ("app>1", false),
            ("missing<1", false),
            ("app=web,tier=back", false),
            ("app=web,tier=front", true),
        ];
        for (sel, want) in table {
            let s = Selector::parse(sel).unwrap_or_else(|_| Selector::nothing());
            assert_eq!(s.matches(&l), want, "{sel}");
        }
    }

    #[test]
    fn nil_versus_empty() {
        let l = labels(&[("a", "b")]);
        let nothing = Selector::from_label_selector(None).unwrap_or_default();
        assert!(nothing.is_nothing());
        assert!(!nothing.matches(&l));
        assert!(!nothing.is_empty());
        let all = Selector::from_label_selector(Some(&LabelSelector::default()));
        assert!(all.as_ref().is_ok_and(|s| s.is_empty() && s.matches(&l)));
        let all = Selector::from_label_selector_value(&serde_json::json!({}));
        assert!(all.is_ok_and(|s| s.is_empty()));
        let none = Selector::from_label_selector_value(&Value::Null);
        assert!(none.is_ok_and(|s| s.is_nothing()));
    }

    #[test]
    fn from_label_selector() {
        let v = serde_json::json!({
            "matchLabels": {"app": "web"},
            "matchExpressions": [
                {"key": "tier", "operator": "In", "values": ["front", "back"]},
                {"key": "legacy", "operator": "DoesNotExist"}
            ]
        });
        let s = Selector::from_label_selector_value(&v);
        assert_eq!(
            s.as_ref().map(ToString::to_string).ok(),
            Some("app=web,!legacy,tier in (back,front)".to_string())
        );
        let s = s.unwrap_or_default();
        assert!(s.matches(&labels(&[("app", "web"), ("tier", "back")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("tier", "back"), ("legacy", "")])));
        assert_eq!(s.requires_exact_match("app"), Some("web"));

        let bad = [
            serde_json::json!({"matchExpressions": [{"key": "a", "operator": "In", "values": []}]}),
            serde_json::json!({"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]}),
            serde_json::json!({"matchExpressions": [{"key": "a", "operator": "Gt", "values": ["1"]}]}),
            serde_json::json!({"matchLabels": {"a": "-bad"}}),
            serde_json::json!({"matchLabels": {"bad key": "x"}}),
            serde_json::json!({"matchLabels": "oops"}),
        ];
        for b in bad {
            assert!(Selector::from_label_selector_value(&b).is_err(), "{b}");
        }
    }

    #[test]
    fn requirement_validation() {
        assert!(Requirement::new("a", Operator::GreaterThan, ["x"]).is_err());
        assert!(Requirement::new("a", Operator::GreaterThan, ["1", "2"]).is_err());
        assert!(Requirement::new("a", Operator::Equals, Vec::<String>::new()).is_err());
        assert!(Requirement::new("a", Operator::In, ["x", "y"]).is_ok());
        let s = Selector::everything().with_requirement(
            Requirement::new("b", Operator::Exists, Vec::<String>::new())
                .unwrap_or_else(|_| unreachable!()),
        );
        assert_eq!(s.to_string(), "b");
    }
}
