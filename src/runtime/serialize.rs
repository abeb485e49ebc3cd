//! Serialization support for generated types.

/// For properties that may be absent and may be `null`: `Option<Option<T>>`, where `None`
/// is an absent property and `Some(None)` an explicit `null`, so that each is written back
/// as it was read.
///
/// Used as `#[serde(skip_serializing_if = "Option::is_none", serialize_with = "...")]`;
/// reading is done by `deserialize_struct!`'s `present` fields.
pub mod nullable {
    use serde::{Serialize, Serializer};

    /// Writes `Some(None)` as `null` and `Some(Some(v))` as `v`.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(value)) => value.serialize(serializer),
            _ => serializer.serialize_none(),
        }
    }
}
