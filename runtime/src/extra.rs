//! Properties an object has but its schema does not name.
//!
//! They are kept as the JSON text received, so that reading them costs little more than
//! skipping them: from `serde_json` they are captured as raw slices of the input, with no
//! allocation per property.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::structs::Key;

/// The name under which `serde_json` hands out a value's raw text (its `RawValue` protocol):
/// the deserializer answers with a one-entry map whose value is the text. Any other
/// deserializer treats it as an ordinary newtype struct, which [`AppendValue`] reads through
/// `serde_json::Value`, so the name only decides speed, never the result.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// The first allocation of an [`Extra`]'s text.
const MIN_CAPACITY: usize = 128;

/// The properties of an object that its schema does not name, in the order received.
///
/// They are kept as JSON text and written back exactly as received.
///
/// ```
/// use openapi_clientgen_runtime::Extra;
///
/// let mut extra = Extra::default();
/// extra.insert("plan", &"pro").unwrap();
/// assert_eq!(extra.get("plan").map(|v| v.get()), Some(r#""pro""#));
/// assert_eq!(extra.as_json(), r#"{"plan":"pro"}"#);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// Empty, or the text of a JSON object.
    json: String,
}

impl Extra {
    /// Whether there are no such properties.
    pub fn is_empty(&self) -> bool {
        self.json.is_empty()
    }

    /// The properties as the text of a JSON object (`{}` when there are none).
    pub fn as_json(&self) -> &str {
        if self.json.is_empty() {
            "{}"
        } else {
            &self.json
        }
    }

    /// The value of property `name` as received (the last one, if it was repeated).
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.entries()
            .into_iter()
            .rev()
            .find_map(|(key, value)| (key == name).then_some(value))
    }

    /// The properties as received, in order.
    pub fn iter(&self) -> impl Iterator<Item = (Cow<'_, str>, &RawValue)> {
        self.entries().into_iter()
    }

    /// The properties as a map of JSON values.
    pub fn to_map(&self) -> Map<String, Value> {
        serde_json::from_str(self.as_json()).expect("an Extra holds a JSON object")
    }

    /// Sets property `name` to `value`, replacing any earlier value of that name.
    pub fn insert<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        let value = serde_json::to_string(value)?;
        if self.get(name).is_some() {
            let others: Vec<(String, String)> = self
                .iter()
                .filter(|(key, _)| key != name)
                .map(|(key, value)| (key.into_owned(), value.get().to_owned()))
                .collect();
            self.json.clear();
            for (key, value) in others {
                self.push(&key, &value);
            }
        }
        self.push(name, &value);
        Ok(())
    }

    /// Appends a property whose value is the JSON text `value`.
    fn push(&mut self, name: &str, value: &str) {
        // Room for a few more at once: an object rarely has only one such property.
        let room = name.len() + value.len() + 4;
        if self.json.pop().is_some() {
            self.json.reserve(room);
            self.json.push(',');
        } else {
            self.json.reserve(room.max(MIN_CAPACITY));
            self.json.push('{');
        }
        if name.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
            self.json.push_str(&Value::from(name).to_string());
        } else {
            self.json.push('"');
            self.json.push_str(name);
            self.json.push('"');
        }
        self.json.push(':');
        self.json.push_str(value);
        self.json.push('}');
    }

    fn entries(&self) -> Vec<(Cow<'_, str>, &RawValue)> {
        struct Entries<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

        impl<'de> Deserialize<'de> for Entries<'de> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct EntriesVisitor;

                impl<'de> Visitor<'de> for EntriesVisitor {
                    type Value = Entries<'de>;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a JSON object")
                    }

                    fn visit_map<A: MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<Self::Value, A::Error> {
                        let mut entries = Vec::new();
                        while let Some(key) = map.next_key::<Key<'de>>()? {
                            entries.push((key.into_cow(), map.next_value()?));
                        }
                        Ok(Entries(entries))
                    }
                }

                deserializer.deserialize_map(EntriesVisitor)
            }
        }

        serde_json::from_str::<Entries<'_>>(self.as_json())
            .expect("an Extra holds a JSON object")
            .0
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_json())
    }
}

/// Written as a map, each value exactly as received (through `serde_json`).
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        ExtraProperties::write(self, &mut map)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExtraVisitor;

        impl<'de> Visitor<'de> for ExtraVisitor {
            type Value = Extra;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                let mut extra = Extra::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    ExtraProperties::read(&mut extra, key, &mut map)?;
                }
                Ok(extra)
            }
        }

        deserializer.deserialize_map(ExtraVisitor)
    }
}

/// Where a generated struct keeps the properties its schema does not name: an [`Extra`],
/// or a map of the type the schema gives them.
#[doc(hidden)]
pub trait ExtraProperties<'de> {
    /// Reads the value of property `key` from `map`.
    fn read<A: MapAccess<'de>>(&mut self, key: Key<'de>, map: &mut A) -> Result<(), A::Error>;

    /// Writes the properties as entries of `map`.
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

impl<'de> ExtraProperties<'de> for Extra {
    fn read<A: MapAccess<'de>>(&mut self, key: Key<'de>, map: &mut A) -> Result<(), A::Error> {
        map.next_value_seed(AppendValue {
            extra: self,
            name: key.as_str(),
        })
    }

    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.iter()
            .try_for_each(|(key, value)| map.serialize_entry(&key, value))
    }
}

impl<'de, T: Deserialize<'de> + Serialize> ExtraProperties<'de> for BTreeMap<String, T> {
    fn read<A: MapAccess<'de>>(&mut self, key: Key<'de>, map: &mut A) -> Result<(), A::Error> {
        self.insert(key.into_cow().into_owned(), map.next_value()?);
        Ok(())
    }

    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.iter()
            .try_for_each(|(key, value)| map.serialize_entry(key, value))
    }
}

/// Reads a value as its JSON text and appends it to `extra` as property `name`.
struct AppendValue<'a> {
    extra: &'a mut Extra,
    name: &'a str,
}

impl AppendValue<'_> {
    fn value<E: serde::de::Error>(self, value: Value) -> Result<(), E> {
        self.extra.push(self.name, &value.to_string());
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for AppendValue<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE, self)
    }
}

impl<'de> Visitor<'de> for AppendValue<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    /// `serde_json`'s answer: a map whose one value is the raw text. Any other map is a
    /// value of its own.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return self.value(Value::Object(Map::new()));
        };
        if first.as_str() == RAW_VALUE {
            let raw = map.next_value::<Key<'de>>()?;
            self.extra.push(self.name, raw.as_str());
            return Ok(());
        }
        let mut object = Map::new();
        object.insert(first.into_cow().into_owned(), map.next_value()?);
        while let Some(key) = map.next_key::<String>()? {
            object.insert(key, map.next_value()?);
        }
        self.value(Value::Object(object))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let value = Value::deserialize(deserializer)?;
        self.value(value)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.visit_newtype_struct(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        self.value(Value::Array(items))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.value(Value::Null)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.value(Value::Null)
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        self.value(Value::from(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        self.value(Value::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        self.value(Value::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        serde_json::Number::from_f64(v)
            .ok_or_else(|| E::custom("a number JSON cannot hold"))
            .and_then(|n| self.value(Value::Number(n)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.value(Value::from(v))
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.value(Value::from(v.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use serde::de::value::{MapDeserializer, StrDeserializer};
    use serde::de::IntoDeserializer;

    use super::*;

    const TEXT: &str =
        r#"{"a":1,"big":18446744073709551616123,"nested":{"x":[1.50,"y\n"]},"q\"uote":null}"#;

    fn entries(extra: &Extra) -> Vec<(String, String)> {
        extra
            .iter()
            .map(|(key, value)| (key.into_owned(), value.get().to_owned()))
            .collect()
    }

    #[test]
    fn keeps_the_text_received_from_a_slice_a_reader_and_a_value() {
        let from_slice: Extra = serde_json::from_slice(TEXT.as_bytes()).unwrap();
        assert_eq!(from_slice.as_json(), TEXT);
        let from_reader: Extra = serde_json::from_reader(TEXT.as_bytes()).unwrap();
        assert_eq!(from_reader.as_json(), TEXT);
        let value: Value = serde_json::from_str(r#"{"a":[true,{"b":null}],"c":"d"}"#).unwrap();
        let from_value: Extra = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(from_value.to_map(), *value.as_object().unwrap());
    }

    #[test]
    fn reads_from_deserializers_other_than_json() {
        let pairs = [("name", "Ana"), ("quote", "say \"hi\"")];
        let deserializer =
            MapDeserializer::<_, serde::de::value::Error>::new(pairs.iter().map(|&(k, v)| {
                let v: StrDeserializer<'_, serde::de::value::Error> = v.into_deserializer();
                (k, v)
            }));
        let extra = Extra::deserialize(deserializer).unwrap();
        assert_eq!(extra.as_json(), r#"{"name":"Ana","quote":"say \"hi\""}"#);
    }

    #[test]
    fn gives_entries_in_order_with_unescaped_names() {
        let extra: Extra = serde_json::from_str(TEXT).unwrap();
        let names: Vec<String> = entries(&extra).into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["a", "big", "nested", "q\"uote"]);
        assert_eq!(extra.get("nested").unwrap().get(), r#"{"x":[1.50,"y\n"]}"#);
        assert_eq!(extra.get("q\"uote").unwrap().get(), "null");
        assert!(extra.get("missing").is_none());
    }

    #[test]
    fn writes_back_exactly_what_it_read() {
        let extra: Extra = serde_json::from_str(TEXT).unwrap();
        assert_eq!(serde_json::to_string(&extra).unwrap(), TEXT);
        assert_eq!(format!("{extra:?}"), TEXT);
    }

    #[test]
    fn repeated_names_are_kept_and_get_gives_the_last() {
        let extra: Extra = serde_json::from_str(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(entries(&extra).len(), 2);
        assert_eq!(extra.get("a").unwrap().get(), "2");
    }

    #[test]
    fn insert_appends_or_replaces() {
        let mut extra = Extra::default();
        assert!(extra.is_empty());
        assert_eq!(extra.as_json(), "{}");
        extra.insert("a", &1).unwrap();
        extra.insert("b\\", &vec!["x"]).unwrap();
        extra.insert("a", &"one").unwrap();
        assert_eq!(extra.as_json(), r#"{"b\\":["x"],"a":"one"}"#);
        assert_eq!(extra.to_map()["b\\"], serde_json::json!(["x"]));
    }

    #[test]
    fn rejects_what_is_not_an_object() {
        assert!(serde_json::from_str::<Extra>("[1]").is_err());
        assert!(serde_json::from_str::<Extra>(r#"{"a":}"#).is_err());
    }
}
