//! JSON Schemas (feature `schemars`) of the handwritten wire types. Each describes what
//! the type accepts, and is the spec's own quirk schema of the same name (`openapi/`),
//! embedded at build time, so the two cannot drift apart.

use crate::wire::{
    EmptyArray, Flag, FlexBool, FlexDateTime, FlexInt, FlexNumber, FlexString, Meta, OrEmpty, SmsDeliveryStatus,
};
use schemars::JsonSchema;
use schemars::r#gen::SchemaGenerator;
use schemars::schema::{Schema, SchemaObject, SubschemaValidation};

/// The spec's schema `name`, as JSON Schema (always found: build.rs embeds every quirk schema).
fn quirk(name: &str) -> Schema {
    crate::b2b::operations::QUIRK_SCHEMAS
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, json)| serde_json::from_str::<Schema>(json).ok())
        .unwrap_or(Schema::Bool(true))
}

macro_rules! from_spec {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        impl JsonSchema for $ty {
            fn schema_name() -> String {
                $name.to_string()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                quirk($name)
            }
        }
    )*};
}

// `FlexDate` is an alias of `FlexDateTime`: both accept the same text.
from_spec! {
    FlexBool => "FlexBool",
    Flag => "Flag",
    FlexInt => "FlexInt",
    FlexNumber => "FlexNumber",
    FlexString => "FlexString",
    FlexDateTime => "FlexDateTime",
    Meta => "Meta",
    EmptyArray => "EmptyArray",
    SmsDeliveryStatus => "SmsDeliveryStatus",
    crate::ApiErrorBody => "ErrorEnvelope",
    crate::Secret => "Secret",
}

impl<T: JsonSchema> JsonSchema for OrEmpty<T> {
    fn schema_name() -> String {
        format!("{}OrEmpty", T::schema_name())
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let one_of = vec![generator.subschema_for::<T>(), quirk("EmptyArray")];
        Schema::Object(SchemaObject {
            subschemas: Some(Box::new(SubschemaValidation { one_of: Some(one_of), ..Default::default() })),
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: JsonSchema>() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(T)).unwrap()
    }

    #[test]
    fn wire_types_carry_the_spec_schemas() {
        let flex = json::<FlexBool>();
        let types: Vec<_> = flex["oneOf"].as_array().unwrap().iter().map(|s| s["type"].clone()).collect();
        assert_eq!(types, ["boolean", "integer", "string"]);
        // `$ref`s between quirk schemas are inlined.
        assert!(json::<crate::ApiErrorBody>()["properties"]["meta"]["oneOf"].is_array());
        assert_eq!(json::<OrEmpty<FlexInt>>()["oneOf"][1]["maxItems"], 0);
        for (name, _) in crate::b2b::operations::QUIRK_SCHEMAS {
            assert!(matches!(quirk(name), Schema::Object(_)), "{name}");
        }
    }
}
