//! The shape of the generated field table (`schema_table.rs`) and lookups over it.

use crate::schema_table::{KINDS, MESSAGES, UNVERSIONED};

/// The wire-level type of a field (or of a map key / value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    /// `string`
    S,
    /// `bytes`
    B,
    /// `bool`
    Z,
    /// `int32`
    I,
    /// `int64`
    L,
    /// `double`
    D,
    /// A message, by index into [`MESSAGES`].
    M(u16),
}

/// How many values a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Card {
    /// A singular (`optional`) field.
    One,
    /// A `repeated` field.
    Rep,
    /// A `map<key, value>` field; the key's type is carried here, the value's in the field.
    Map(Ty),
}

/// How a message's JSON form is produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An ordinary Go struct: a JSON object built from its fields.
    Struct,
    /// A named Go slice type wrapped in a message (`Verbs`, `ExtraValue`): the `items` array.
    Array,
    /// `meta/v1.Time`: RFC 3339 string with second precision, `null` when zero.
    Time,
    /// `meta/v1.MicroTime`: RFC 3339 string with microsecond precision, `null` when zero.
    MicroTime,
    /// `meta/v1.Duration`: Go duration string.
    Duration,
    /// `meta/v1.FieldsV1`: the embedded JSON document.
    FieldsV1,
    /// `meta/v1.GroupVersion`: `"group/version"` string.
    GroupVersion,
    /// `resource.Quantity`: its string form.
    Quantity,
    /// `intstr.IntOrString`: a JSON number or string.
    IntOrString,
    /// `runtime.RawExtension`: the embedded JSON (or nested protobuf object).
    RawExtension,
    /// apiextensions `JSON`: the embedded JSON value.
    Json,
    /// apiextensions `JSONSchemaPropsOrArray`.
    PropsOrArray,
    /// apiextensions `JSONSchemaPropsOrBool`.
    PropsOrBool,
    /// apiextensions `JSONSchemaPropsOrStringArray`.
    PropsOrStringArray,
}

/// Go `json:",omitempty"`.
pub(crate) const OE: u8 = 1;
/// The Go field is a pointer: emitted whenever set, even when zero.
pub(crate) const PTR: u8 = 2;
/// An embedded struct with `json:",inline"`: its fields are promoted into the parent.
pub(crate) const INLINE: u8 = 4;
/// Go `json:"-"`: never part of the JSON form.
pub(crate) const SKIP: u8 = 8;

/// One field of a message.
#[derive(Debug)]
pub(crate) struct Field {
    /// Protobuf field number.
    pub num: u32,
    /// JSON member name (empty for inline and skipped fields).
    pub json: &'static str,
    /// Element type (map value type for maps).
    pub ty: Ty,
    /// Cardinality.
    pub card: Card,
    /// `OE` / `PTR` / `INLINE` / `SKIP` bits.
    pub flags: u8,
}

impl Field {
    /// Whether the given flag bit is set.
    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Builds a [`Field`]; short so that the generated table stays compact.
pub(crate) const fn f(num: u32, json: &'static str, ty: Ty, card: Card, flags: u8) -> Field {
    Field {
        num,
        json,
        ty,
        card,
        flags,
    }
}

/// One message type.
#[derive(Debug)]
pub(crate) struct Message {
    /// Fully qualified protobuf name, e.g. `k8s.io.api.core.v1.Pod`.
    pub name: &'static str,
    /// How its JSON form is produced.
    pub kind: Kind,
    /// Its fields, in Go struct order.
    pub fields: &'static [Field],
}

impl Message {
    /// The field with the given number, if the schema knows it.
    pub(crate) fn field(&self, num: u32) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.num == num)
    }
}

/// The message at a table index.
pub(crate) fn message(idx: u16) -> Option<&'static Message> {
    MESSAGES.get(usize::from(idx))
}

/// The index of a message by its fully qualified protobuf name (leading dot optional).
pub(crate) fn message_index(name: &str) -> Option<u16> {
    let name = name.strip_prefix('.').unwrap_or(name);
    MESSAGES
        .iter()
        .position(|m| m.name == name)
        .and_then(|i| u16::try_from(i).ok())
}

/// The message registered for `(apiVersion, kind)`, falling back to the meta/v1 types
/// that Kubernetes' scheme accepts under every version (`Status`, `APIGroup`, …).
pub(crate) fn kind_index(api_version: &str, kind: &str) -> Option<u16> {
    if let Ok(i) = KINDS.binary_search_by(|(av, k, _)| (*av, *k).cmp(&(api_version, kind))) {
        return KINDS.get(i).map(|e| e.2);
    }
    UNVERSIONED
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, idx)| *idx)
}

/// Number of message types in the table.
pub(crate) fn message_count() -> usize {
    MESSAGES.len()
}

/// Number of registered (apiVersion, kind) pairs.
pub(crate) fn kind_count() -> usize {
    KINDS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_sorted_and_unique() {
        for w in KINDS.windows(2) {
            if let [a, b] = w {
                assert!((a.0, a.1) < (b.0, b.1), "{a:?} !< {b:?}");
            }
        }
    }

    #[test]
    fn every_reference_resolves() {
        let n = MESSAGES.len();
        let check = |ty: Ty| {
            if let Ty::M(i) = ty {
                assert!(usize::from(i) < n, "dangling message index {i}");
            }
        };
        for m in MESSAGES {
            for f in m.fields {
                check(f.ty);
                if let Card::Map(k) = f.card {
                    assert!(!matches!(k, Ty::M(_)), "{}: message map key", m.name);
                }
                assert!(f.num > 0, "{}: field number 0", m.name);
                assert!(
                    f.json.is_empty() == (f.has(INLINE) || f.has(SKIP)),
                    "{}.{}: JSON name vs inline/skip",
                    m.name,
                    f.num
                );
            }
            let mut nums: Vec<u32> = m.fields.iter().map(|f| f.num).collect();
            nums.sort_unstable();
            nums.dedup();
            assert_eq!(nums.len(), m.fields.len(), "{}: duplicate numbers", m.name);
        }
        for (_, _, i) in KINDS {
            assert!(usize::from(*i) < n);
        }
    }

    #[test]
    fn special_message_layouts() {
        // The decoder reads these by field number; pin the numbers it relies on.
        let layout = |name: &str| -> Vec<(u32, Ty, Card)> {
            let m = message(message_index(name).expect(name)).expect(name);
            m.fields.iter().map(|f| (f.num, f.ty, f.card)).collect()
        };
        let meta = "k8s.io.apimachinery.pkg.apis.meta.v1.";
        let time = vec![(1, Ty::L, Card::One), (2, Ty::I, Card::One)];
        assert_eq!(layout(&format!("{meta}Time")), time);
        assert_eq!(layout(&format!("{meta}MicroTime")), time);
        assert_eq!(
            layout(&format!("{meta}Duration")),
            vec![(1, Ty::L, Card::One)]
        );
        assert_eq!(
            layout(&format!("{meta}FieldsV1")),
            vec![(1, Ty::B, Card::One)]
        );
        assert_eq!(
            layout("k8s.io.apimachinery.pkg.api.resource.Quantity"),
            vec![(1, Ty::S, Card::One)]
        );
        assert_eq!(
            layout("k8s.io.apimachinery.pkg.util.intstr.IntOrString"),
            vec![
                (1, Ty::L, Card::One),
                (2, Ty::I, Card::One),
                (3, Ty::S, Card::One)
            ]
        );
        assert_eq!(
            layout("k8s.io.apimachinery.pkg.runtime.RawExtension"),
            vec![(1, Ty::B, Card::One)]
        );
        for m in MESSAGES {
            match m.kind {
                Kind::Array => assert!(matches!(
                    m.fields,
                    [Field {
                        num: 1,
                        card: Card::Rep,
                        ..
                    }]
                )),
                Kind::PropsOrArray | Kind::PropsOrStringArray => {
                    let l: Vec<_> = m.fields.iter().map(|f| (f.num, f.card)).collect();
                    assert_eq!(l, vec![(1, Card::One), (2, Card::Rep)], "{}", m.name);
                }
                Kind::PropsOrBool => {
                    let l: Vec<_> = m.fields.iter().map(|f| (f.num, f.ty, f.card)).collect();
                    assert_eq!(l.first(), Some(&(1, Ty::Z, Card::One)), "{}", m.name);
                    assert_eq!(l.get(1).map(|x| (x.0, x.2)), Some((2, Card::One)));
                }
                _ => {}
            }
        }
    }
}
