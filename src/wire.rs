//! Lenient types for the PHP-style wire format.
//!
//! The Altegio API sends the same field in several shapes: flags as `true`, `1` or `"1"`,
//! ids as `77` or `"77"`, `meta` as `[]` or an object, dates with and without offsets.
//! Each named quirk schema of the OpenAPI document (`FlexBool`, `FlexInt`, ...) is replaced
//! in the generated code by one of the types below, which accept every shape the API is
//! known to send and serialise back to the canonical one.

use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;

// ---------------------------------------------------------------------------
// IntoOptional
// ---------------------------------------------------------------------------

/// A value for an optional field of a request builder: the value itself, an `Option` of
/// it (`None` leaves the field out), or a `&str` for a `String`. So
/// `.surname("Lovelace")` works like the required `.name("Ada")`.
pub trait IntoOptional<T> {
    /// The field's value.
    fn into_optional(self) -> Option<T>;
}

impl<T> IntoOptional<T> for T {
    fn into_optional(self) -> Option<T> {
        Some(self)
    }
}

impl<T> IntoOptional<T> for Option<T> {
    fn into_optional(self) -> Option<T> {
        self
    }
}

impl IntoOptional<String> for &str {
    fn into_optional(self) -> Option<String> {
        Some(self.to_string())
    }
}

impl IntoOptional<Flag> for bool {
    fn into_optional(self) -> Option<Flag> {
        Some(Flag(self))
    }
}

impl IntoOptional<String> for &String {
    fn into_optional(self) -> Option<String> {
        Some(self.clone())
    }
}

// ---------------------------------------------------------------------------
// From a reply to the body of its update
// ---------------------------------------------------------------------------

/// Why a reply could not become the body of its update: a field the body requires is
/// missing from the reply, or a value does not fit the body's type (a start without an
/// offset, an attendance code the request does not take).
///
/// It converts into [`crate::Error`] (kind [`InvalidRequest`](crate::ErrorKind::InvalidRequest),
/// with the field as [`json_path`](crate::Error::json_path)), so `?` works in a function
/// returning [`crate::Result`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyConversionError {
    field: String,
    reason: String,
}

impl ReplyConversionError {
    /// An error about the value at hand; [`at`](Self::at) adds the field it was read from.
    pub fn new(reason: impl Into<String>) -> Self {
        ReplyConversionError { field: String::new(), reason: reason.into() }
    }

    /// The same error, read from the field `name` of an enclosing object.
    pub fn at(mut self, name: &str) -> Self {
        self.field = match (self.field.is_empty(), self.field.starts_with('[')) {
            (true, _) => name.to_string(),
            (false, true) => format!("{name}{}", self.field),
            (false, false) => format!("{name}.{}", self.field),
        };
        self
    }

    /// The field, as a path in the reply's JSON (`services[1].id`); empty for the whole value.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong with it.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ReplyConversionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "the reply cannot be resent as an update: {}", self.reason)
        } else {
            write!(f, "the reply cannot be resent as an update: `{}` {}", self.field, self.reason)
        }
    }
}

impl std::error::Error for ReplyConversionError {}

impl From<ReplyConversionError> for crate::Error {
    fn from(e: ReplyConversionError) -> Self {
        let path = e.field.clone();
        let err = crate::Error::invalid_request(e.to_string());
        if path.is_empty() { err } else { err.with_json_path(path) }
    }
}

/// A value of a request body built from the same value in a reply, whose types are
/// lenient (`FlexInt`, `FlexString`...). The generator implements it for every update body
/// whose schema carries `x-altegio-update-from` (with `TryFrom<&Reply>` for callers);
/// the implementations here cover the wire types.
///
/// `Ok(None)` means the reply holds no value (an empty date such as `0000-00-00`).
pub trait FromReply<R: ?Sized>: Sized {
    /// The body's value for `reply`.
    fn from_reply(reply: &R) -> Result<Option<Self>, ReplyConversionError>;
}

macro_rules! from_reply {
    ($($body:ty, $reply:ty, |$v:ident| $e:expr;)*) => {$(
        impl FromReply<$reply> for $body {
            fn from_reply($v: &$reply) -> Result<Option<Self>, ReplyConversionError> {
                $e
            }
        }
    )*};
}

from_reply! {
    i64, FlexInt, |v| Ok(Some(v.0));
    i64, FlexString, |v| {
        let t = v.0.trim();
        if t.is_empty() { Ok(None) } else {
            t.parse().map(Some).map_err(|_| ReplyConversionError::new(format!("holds `{t}`, not an integer")))
        }
    };
    f64, FlexNumber, |v| Ok(Some(v.0));
    f64, FlexInt, |v| Ok(Some(v.0 as f64));
    String, FlexString, |v| Ok(Some(v.0.clone()));
    String, FlexInt, |v| Ok(Some(v.0.to_string()));
    String, FlexNumber, |v| Ok(Some(v.0.to_string()));
    String, FlexDateTime, |v| Ok((!v.is_empty()).then(|| v.raw().to_string()));
    bool, FlexBool, |v| Ok(Some(v.0));
    Flag, FlexBool, |v| Ok(Some(Flag(v.0)));
    Flag, FlexInt, |v| match v.0 {
        0 | 1 => Ok(Some(Flag(v.0 == 1))),
        n => Err(ReplyConversionError::new(format!("is {n}, not a 0/1 flag"))),
    };
    chrono::NaiveDate, FlexDateTime, |v| {
        if v.is_empty() {
            return Ok(None);
        }
        v.date().map(Some).ok_or_else(|| ReplyConversionError::new(format!("holds `{}`, not a date", v.raw())))
    };
    chrono::DateTime<chrono::FixedOffset>, FlexDateTime, |v| {
        if v.is_empty() {
            return Ok(None);
        }
        v.to_fixed().map(Some).ok_or_else(|| {
            ReplyConversionError::new(format!("holds `{}`, not a date-time with a UTC offset", v.raw()))
        })
    };
}

/// Helpers of the conversions the generator writes (`x-altegio-update-from`); not meant
/// to be called directly.
#[doc(hidden)]
pub mod reply {
    use super::{FlexInt, FromReply, ReplyConversionError};

    type R<T> = Result<T, ReplyConversionError>;

    /// A field the body requires.
    pub fn required<B, T>(value: Option<&T>, field: &str, convert: impl Fn(&T) -> R<Option<B>>) -> R<B> {
        match value.map(&convert).transpose().map_err(|e| e.at(field))?.flatten() {
            Some(v) => Ok(v),
            None => Err(ReplyConversionError::new("is missing from the reply, and the update requires it").at(field)),
        }
    }

    /// An optional field of the body.
    pub fn optional<B, T>(value: Option<&T>, field: &str, convert: impl Fn(&T) -> R<Option<B>>) -> R<Option<B>> {
        Ok(value.map(convert).transpose().map_err(|e| e.at(field))?.flatten())
    }

    /// A field the body leaves out when empty (a list, a map): the empty value when the
    /// reply has none.
    pub fn defaulted<B: Default, T>(value: Option<&T>, field: &str, convert: impl Fn(&T) -> R<Option<B>>) -> R<B> {
        Ok(optional(value, field, convert)?.unwrap_or_default())
    }

    /// Every item of a list; an item without a value is an error.
    pub fn each<B, T>(items: &[T], convert: impl Fn(&T) -> R<Option<B>>) -> R<Option<Vec<B>>> {
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match convert(item).map_err(|e| e.at(&format!("[{i}]")))? {
                Some(v) => out.push(v),
                None => return Err(ReplyConversionError::new("has no value").at(&format!("[{i}]"))),
            }
        }
        Ok(Some(out))
    }

    /// The same type on both sides.
    pub fn same<T: Clone>(value: &T) -> R<Option<T>> {
        Ok(Some(value.clone()))
    }

    /// Through [`FromReply`].
    pub fn convert<B: FromReply<T>, T: ?Sized>(value: &T) -> R<Option<B>> {
        B::from_reply(value)
    }

    /// An integer code into a request enumeration (`Attendance`) that refuses codes it
    /// does not list.
    pub fn int_enum<B: TryFrom<i64>>(value: &FlexInt) -> R<Option<B>> {
        B::try_from(value.0)
            .map(Some)
            .map_err(|_| ReplyConversionError::new(format!("is {}, which the request does not take", value.0)))
    }

    /// A documented value of a reply into the request's enumeration; an unknown one is an
    /// error (the request would refuse it).
    pub fn known<B: Clone>(value: &super::OrUnknown<B>) -> R<Option<B>> {
        match value {
            super::OrUnknown::Known(v) => Ok(Some(v.clone())),
            super::OrUnknown::Unknown(v) => {
                Err(ReplyConversionError::new(format!("is {v}, which the request does not take")))
            }
        }
    }

    /// Whether an integer field of the reply is present and above zero.
    pub fn positive(value: Option<&FlexInt>) -> bool {
        value.is_some_and(|v| v.0 > 0)
    }

    /// The whole value: a reply that holds no value is an error.
    pub fn whole<B>(value: R<Option<B>>) -> R<B> {
        value?.ok_or_else(|| ReplyConversionError::new("holds no value"))
    }
}

// ---------------------------------------------------------------------------
// OrUnknown<T>
// ---------------------------------------------------------------------------

/// A documented enumeration in a reply, or a value this crate does not know yet, kept as
/// sent: a new server value never breaks decoding. The generator wraps every enumeration
/// a reply carries in it (requests keep the strict enumeration).
///
/// A number sent as a string (`"2"` for `2`) reads as the known value.
#[derive(Clone, Debug, PartialEq)]
pub enum OrUnknown<T> {
    /// One of the documented values.
    Known(T),
    /// Anything else, as it came over the wire.
    Unknown(Value),
}

impl<T> OrUnknown<T> {
    /// The documented value, if it is one.
    pub fn known(&self) -> Option<&T> {
        match self {
            OrUnknown::Known(v) => Some(v),
            OrUnknown::Unknown(_) => None,
        }
    }

    /// Takes the documented value out, if it is one.
    pub fn into_known(self) -> Option<T> {
        match self {
            OrUnknown::Known(v) => Some(v),
            OrUnknown::Unknown(_) => None,
        }
    }

    /// Whether the value is not one this crate knows.
    pub fn is_unknown(&self) -> bool {
        matches!(self, OrUnknown::Unknown(_))
    }
}

impl<T> From<T> for OrUnknown<T> {
    fn from(v: T) -> Self {
        OrUnknown::Known(v)
    }
}

impl<T: Serialize> Serialize for OrUnknown<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            OrUnknown::Known(v) => v.serialize(s),
            OrUnknown::Unknown(v) => v.serialize(s),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for OrUnknown<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        if let Ok(v) = T::deserialize(&value) {
            return Ok(OrUnknown::Known(v));
        }
        // PHP sends integer codes as strings too.
        if let Some(n) = value.as_str().and_then(|s| s.trim().parse::<i64>().ok())
            && let Ok(v) = T::deserialize(&Value::from(n))
        {
            return Ok(OrUnknown::Known(v));
        }
        Ok(OrUnknown::Unknown(value))
    }
}

#[cfg(feature = "schemars")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for OrUnknown<T> {
    fn schema_name() -> String {
        format!("OrUnknown_{}", T::schema_name())
    }

    fn json_schema(generator: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
        // The documented values; any other value is accepted too.
        let known = generator.subschema_for::<T>();
        schemars::schema::SchemaObject {
            subschemas: Some(Box::new(schemars::schema::SubschemaValidation {
                any_of: Some(vec![known, schemars::schema::Schema::Bool(true)]),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

// ---------------------------------------------------------------------------
// Request limits
// ---------------------------------------------------------------------------

/// Limits of a request body that its type cannot express (`minimum`, `maximum`,
/// `multipleOf`, `minItems`, `maxItems` in the spec). The generator implements it for every
/// body that has such limits, and an operation checks its body before sending: a body out
/// of bounds fails with an `InvalidRequest` error naming the field, and nothing is sent.
pub trait CheckLimits {
    /// `Err` with a message naming the first field out of bounds.
    fn check_limits(&self) -> Result<(), String>;
}

impl<T: CheckLimits> CheckLimits for Option<T> {
    fn check_limits(&self) -> Result<(), String> {
        self.as_ref().map_or(Ok(()), T::check_limits)
    }
}

impl<T: CheckLimits> CheckLimits for Vec<T> {
    fn check_limits(&self) -> Result<(), String> {
        self.iter().try_for_each(T::check_limits)
    }
}

/// Helpers of the checks the generator writes; not meant to be called directly.
#[doc(hidden)]
pub mod limits {
    /// A number field, present or not.
    pub trait Number {
        /// The value, if there is one.
        fn number(&self) -> Option<f64>;
    }

    impl Number for i64 {
        fn number(&self) -> Option<f64> {
            Some(*self as f64)
        }
    }

    impl Number for f64 {
        fn number(&self) -> Option<f64> {
            Some(*self)
        }
    }

    impl<T: Number> Number for Option<T> {
        fn number(&self) -> Option<f64> {
            self.as_ref().and_then(Number::number)
        }
    }

    /// A list field, present or not.
    pub trait Count {
        /// How many items, if the list is there.
        fn count(&self) -> Option<usize>;
    }

    impl<T> Count for Vec<T> {
        fn count(&self) -> Option<usize> {
            Some(self.len())
        }
    }

    impl<T> Count for Option<Vec<T>> {
        fn count(&self) -> Option<usize> {
            self.as_ref().map(Vec::len)
        }
    }

    /// `minimum`, `maximum` and `multipleOf` of a number.
    pub fn number(
        field: &str,
        value: &impl Number,
        minimum: Option<f64>,
        maximum: Option<f64>,
        multiple_of: Option<f64>,
    ) -> Result<(), String> {
        let Some(v) = value.number() else { return Ok(()) };
        if let Some(min) = minimum.filter(|m| v < *m) {
            return Err(format!("`{field}` is {v}, below the minimum {min}"));
        }
        if let Some(max) = maximum.filter(|m| v > *m) {
            return Err(format!("`{field}` is {v}, above the maximum {max}"));
        }
        if let Some(step) = multiple_of.filter(|s| *s > 0.0 && (v / *s).fract() != 0.0) {
            return Err(format!("`{field}` is {v}, not a multiple of {step}"));
        }
        Ok(())
    }

    /// `minItems` and `maxItems` of a list.
    pub fn items(field: &str, value: &impl Count, min: Option<usize>, max: Option<usize>) -> Result<(), String> {
        let Some(n) = value.count() else { return Ok(()) };
        if let Some(min) = min.filter(|m| n < *m) {
            return Err(format!("`{field}` has {n} item(s), at least {min} needed"));
        }
        if let Some(max) = max.filter(|m| n > *m) {
            return Err(format!("`{field}` has {n} item(s), at most {max} allowed"));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Flag
// ---------------------------------------------------------------------------

/// A yes/no setting sent as `0` or `1`, as the API takes flags in requests. Built from a
/// `bool` (`with_deleted(true)`), so a request never carries another number; it reads
/// leniently like [`FlexBool`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Flag(pub bool);

impl Flag {
    /// The flag.
    pub fn get(self) -> bool {
        self.0
    }
}

impl From<bool> for Flag {
    fn from(b: bool) -> Self {
        Flag(b)
    }
}

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

impl fmt::Display for Flag {
    /// `1` or `0`, as it goes out (query parameters use this form).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 { "1" } else { "0" })
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(u8::from(self.0))
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        FlexBool::deserialize(d).map(|b| Flag(b.0))
    }
}

// ---------------------------------------------------------------------------
// FlexBool
// ---------------------------------------------------------------------------

/// A flag sent as `true`/`false`, `0`/`1`, `"0"`/`"1"`, `"true"`/`"false"` or `""`.
///
/// Any non-zero number is `true`; `""` and `null` are `false`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlexBool(pub bool);

impl FlexBool {
    /// The flag.
    pub fn get(self) -> bool {
        self.0
    }
}

impl Deref for FlexBool {
    type Target = bool;
    fn deref(&self) -> &bool {
        &self.0
    }
}

impl From<bool> for FlexBool {
    fn from(b: bool) -> Self {
        FlexBool(b)
    }
}

impl From<FlexBool> for bool {
    fn from(b: FlexBool) -> bool {
        b.0
    }
}

impl PartialEq<bool> for FlexBool {
    fn eq(&self, other: &bool) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for FlexBool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for FlexBool {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(self.0)
    }
}

impl<'de> Deserialize<'de> for FlexBool {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FlexBool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean, 0/1, or a string such as \"1\" or \"true\"")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FlexBool, E> {
                Ok(FlexBool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FlexBool, E> {
                Ok(FlexBool(v != 0))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FlexBool, E> {
                Ok(FlexBool(v != 0))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FlexBool, E> {
                Ok(FlexBool(v != 0.0))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlexBool, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "1" | "true" | "yes" | "on" => Ok(FlexBool(true)),
                    "" | "0" | "false" | "no" | "off" | "null" => Ok(FlexBool(false)),
                    other => match other.parse::<f64>() {
                        Ok(n) => Ok(FlexBool(n != 0.0)),
                        Err(_) => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                    },
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<FlexBool, E> {
                Ok(FlexBool(false))
            }
            fn visit_none<E: de::Error>(self) -> Result<FlexBool, E> {
                Ok(FlexBool(false))
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------
// FlexInt
// ---------------------------------------------------------------------------

/// An integer sent as a number (`77`, `77.0`) or as a numeric string (`"77"`, `" 77 "`).
///
/// `true`/`false` read as 1/0 and an empty string as 0. A fractional value such as `1.5`
/// is an error: it is not an integer, and silently truncating it would corrupt ids.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlexInt(pub i64);

impl FlexInt {
    /// The integer.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl Deref for FlexInt {
    type Target = i64;
    fn deref(&self) -> &i64 {
        &self.0
    }
}

impl From<i64> for FlexInt {
    fn from(v: i64) -> Self {
        FlexInt(v)
    }
}

impl From<FlexInt> for i64 {
    fn from(v: FlexInt) -> i64 {
        v.0
    }
}

impl PartialEq<i64> for FlexInt {
    fn eq(&self, other: &i64) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for FlexInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for FlexInt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

fn integral<E: de::Error>(v: f64, exp: &dyn de::Expected) -> Result<i64, E> {
    if v.fract() == 0.0 && v.is_finite() && v >= i64::MIN as f64 && v <= i64::MAX as f64 {
        Ok(v as i64)
    } else {
        Err(E::invalid_value(de::Unexpected::Float(v), exp))
    }
}

impl<'de> Deserialize<'de> for FlexInt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FlexInt;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FlexInt, E> {
                Ok(FlexInt(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FlexInt, E> {
                i64::try_from(v).map(FlexInt).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FlexInt, E> {
                integral(v, &self).map(FlexInt)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FlexInt, E> {
                Ok(FlexInt(i64::from(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlexInt, E> {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(FlexInt(0));
                }
                if let Ok(i) = t.parse::<i64>() {
                    return Ok(FlexInt(i));
                }
                match t.parse::<f64>() {
                    Ok(f) => integral(f, &self).map(FlexInt),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------
// FlexNumber
// ---------------------------------------------------------------------------

/// A decimal number (money, coordinates, percentages) sent as a number or a numeric
/// string (`1500`, `"1500.50"`). An empty string reads as 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct FlexNumber(pub f64);

impl FlexNumber {
    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl Deref for FlexNumber {
    type Target = f64;
    fn deref(&self) -> &f64 {
        &self.0
    }
}

impl From<f64> for FlexNumber {
    fn from(v: f64) -> Self {
        FlexNumber(v)
    }
}

impl From<FlexNumber> for f64 {
    fn from(v: FlexNumber) -> f64 {
        v.0
    }
}

impl fmt::Display for FlexNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for FlexNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0)
    }
}

impl<'de> Deserialize<'de> for FlexNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FlexNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FlexNumber, E> {
                Ok(FlexNumber(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FlexNumber, E> {
                Ok(FlexNumber(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FlexNumber, E> {
                Ok(FlexNumber(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FlexNumber, E> {
                Ok(FlexNumber(if v { 1.0 } else { 0.0 }))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlexNumber, E> {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(FlexNumber(0.0));
                }
                t.parse::<f64>().map(FlexNumber).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------
// FlexString
// ---------------------------------------------------------------------------

/// Text that is sometimes sent as a number or a boolean (phones, external ids, time zone
/// offsets). Numbers keep their JSON spelling: `13155550175` becomes `"13155550175"`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlexString(pub String);

impl FlexString {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for FlexString {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for FlexString {
    fn from(v: &str) -> Self {
        FlexString(v.to_string())
    }
}

impl From<String> for FlexString {
    fn from(v: String) -> Self {
        FlexString(v)
    }
}

impl PartialEq<str> for FlexString {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for FlexString {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for FlexString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for FlexString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for FlexString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarText("a string or a number")).map(FlexString)
    }
}

/// Reads any JSON scalar as text (numbers and booleans in their JSON spelling).
struct ScalarText(&'static str);

impl<'de> Visitor<'de> for ScalarText {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
}

// ---------------------------------------------------------------------------
// FlexDateTime / FlexDate
// ---------------------------------------------------------------------------

/// A date or a point in time, in any format the API sends, kept as the raw text.
///
/// Decoding never fails on the format; it is parsed when asked:
/// [`to_fixed`](Self::to_fixed) gives the instant when the text carries an offset,
/// [`naive`](Self::naive) the wall-clock time as written, [`date`](Self::date) the
/// calendar date. Understood: `2026-09-21T23:00:00.000-05:00`, `2026-01-17T19:41:44-0500`,
/// `2026-09-21T23:00:00Z`, `2026-10-10 15:30`, `2022-01-01 10:10:00`,
/// `2026-09-21T10:00:00`, `2026-09-21`, `20251201`, and Unix timestamps (`952041600`,
/// as a number or a string). `0000-00-00` and `""` mean "no date".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FlexDateTime {
    raw: String,
}

/// A calendar date; the same lenient type as [`FlexDateTime`], read with [`FlexDateTime::date`].
pub type FlexDate = FlexDateTime;

/// What a [`FlexDateTime`] parsed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// An instant with a known UTC offset (also for Unix timestamps, at UTC).
    Zoned(chrono::DateTime<chrono::FixedOffset>),
    /// A wall-clock date and time without an offset (the location's local time).
    Local(chrono::NaiveDateTime),
    /// A date without a time.
    Date(chrono::NaiveDate),
}

impl FlexDateTime {
    /// Wraps raw text as sent by the API.
    pub fn new(raw: impl Into<String>) -> Self {
        FlexDateTime { raw: raw.into() }
    }

    /// The text as it came over the wire.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// Whether the value stands for "no date" (`""`, `0000-00-00`, `0000-00-00 00:00:00`, `0`).
    pub fn is_empty(&self) -> bool {
        let t = self.raw.trim();
        t.is_empty() || t == "0" || t.starts_with("0000-00-00")
    }

    /// Parses the text; `None` for "no date" or a format not understood.
    pub fn parse(&self) -> Option<When> {
        parse_when(self.raw.trim())
    }

    /// The instant, when the text carries an offset or is a Unix timestamp.
    pub fn to_fixed(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        match self.parse()? {
            When::Zoned(z) => Some(z),
            _ => None,
        }
    }

    /// The date and time as written (for zoned values: the local time at their offset).
    /// A bare date reads as midnight.
    pub fn naive(&self) -> Option<chrono::NaiveDateTime> {
        match self.parse()? {
            When::Zoned(z) => Some(z.naive_local()),
            When::Local(n) => Some(n),
            When::Date(d) => d.and_hms_opt(0, 0, 0),
        }
    }

    /// The calendar date as written.
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        self.naive().map(|n| n.date())
    }
}

fn parse_when(t: &str) -> Option<When> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    if t.is_empty() || t == "0" || t.starts_with("0000-00-00") {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        if t.len() == 8
            && let Ok(d) = NaiveDate::parse_from_str(t, "%Y%m%d")
        {
            return Some(When::Date(d));
        }
        let secs: i64 = t.parse().ok()?;
        return DateTime::from_timestamp(secs, 0).map(|d| When::Zoned(d.fixed_offset()));
    }
    if let Ok(z) = DateTime::parse_from_rfc3339(t) {
        return Some(When::Zoned(z));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(z) = DateTime::parse_from_str(t, f) {
            return Some(When::Zoned(z));
        }
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, f) {
            return Some(When::Local(n));
        }
    }
    for f in ["%Y-%m-%d", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(When::Date(d));
        }
    }
    None
}

impl fmt::Display for FlexDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl From<&str> for FlexDateTime {
    fn from(v: &str) -> Self {
        FlexDateTime::new(v)
    }
}

impl Serialize for FlexDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for FlexDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarText("a date, a date-time or a Unix timestamp")).map(FlexDateTime::new)
    }
}

// ---------------------------------------------------------------------------
// Meta
// ---------------------------------------------------------------------------

/// The `meta` part of the envelope.
///
/// Arrives as `[]`, `[{}]`, `{}`, or an object with any of `count`, `total_count`,
/// `message` and `errors`; other keys are kept in [`extra`](Self::extra).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Total number of items across all pages, when the API says.
    pub total_count: Option<i64>,
    /// Number of items, when the API says (some lists use this instead of `total_count`).
    pub count: Option<i64>,
    /// A message (on errors, and on some accepted requests).
    pub message: Option<String>,
    /// Validation messages per field.
    pub errors: BTreeMap<String, Vec<String>>,
    /// Every other key.
    pub extra: Map<String, Value>,
}

impl Meta {
    /// Builds a `Meta` from any JSON value the API may send.
    pub fn from_value(v: Value) -> Meta {
        let obj = match v {
            Value::Object(o) => o,
            Value::Array(a) => match a.into_iter().find(Value::is_object) {
                Some(Value::Object(o)) => o,
                _ => Map::new(),
            },
            _ => Map::new(),
        };
        let mut meta = Meta::default();
        for (k, v) in obj {
            match k.as_str() {
                "total_count" if int_of(&v).is_some() => meta.total_count = int_of(&v),
                "count" if int_of(&v).is_some() => meta.count = int_of(&v),
                "message" if v.is_string() => meta.message = v.as_str().map(str::to_string),
                "errors" if v.is_object() => meta.errors = field_errors(&v),
                _ => {
                    meta.extra.insert(k, v);
                }
            }
        }
        meta
    }

    /// `total_count`, or else `count`.
    pub fn total(&self) -> Option<i64> {
        self.total_count.or(self.count)
    }
}

/// Reads an integer from a JSON number or numeric string.
pub(crate) fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Reads a field-error map: `{field: [messages]}` or `{field: message}`.
pub(crate) fn field_errors(v: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    if let Some(map) = v.as_object() {
        for (field, msgs) in map {
            let list = match msgs {
                Value::Array(a) => a.iter().map(text_of).collect(),
                other => vec![text_of(other)],
            };
            out.insert(field.clone(), list);
        }
    }
    out
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Serialize for Meta {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = self.extra.clone();
        if let Some(v) = self.total_count {
            m.insert("total_count".into(), v.into());
        }
        if let Some(v) = self.count {
            m.insert("count".into(), v.into());
        }
        if let Some(v) = &self.message {
            m.insert("message".into(), v.clone().into());
        }
        if !self.errors.is_empty() {
            let errors = self.errors.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect();
            m.insert("errors".into(), Value::Object(errors));
        }
        m.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d).map(Meta::from_value)
    }
}

// ---------------------------------------------------------------------------
// OrEmpty<T>, EmptyArray
// ---------------------------------------------------------------------------

/// An object that PHP sends as `[]` (or `null`) when it is empty.
///
/// Holds `None` for `[]` and `null`, and the decoded object otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct OrEmpty<T>(pub Option<T>);

impl<T> OrEmpty<T> {
    /// The object, unless the API sent `[]` or `null`.
    pub fn value(&self) -> Option<&T> {
        self.0.as_ref()
    }

    /// Takes the object out.
    pub fn into_option(self) -> Option<T> {
        self.0
    }
}

impl<T> Default for OrEmpty<T> {
    fn default() -> Self {
        OrEmpty(None)
    }
}

impl<T> Deref for OrEmpty<T> {
    type Target = Option<T>;
    fn deref(&self) -> &Option<T> {
        &self.0
    }
}

impl<T> From<Option<T>> for OrEmpty<T> {
    fn from(v: Option<T>) -> Self {
        OrEmpty(v)
    }
}

impl<T: Serialize> Serialize for OrEmpty<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(v) => v.serialize(s),
            None => s.serialize_seq(Some(0)).and_then(serde::ser::SerializeSeq::end),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for OrEmpty<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(OrEmpty(None)),
            Value::Array(a) if a.is_empty() => Ok(OrEmpty(None)),
            other => T::deserialize(other).map(|v| OrEmpty(Some(v))).map_err(de::Error::custom),
        }
    }
}

/// PHP's empty array where an object was expected; any array (and `null`) is accepted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmptyArray;

impl Serialize for EmptyArray {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_seq(Some(0)).and_then(serde::ser::SerializeSeq::end)
    }
}

impl<'de> Deserialize<'de> for EmptyArray {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EmptyArray;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an empty array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EmptyArray, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(EmptyArray)
            }
            fn visit_unit<E: de::Error>(self) -> Result<EmptyArray, E> {
                Ok(EmptyArray)
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------
// SmsDeliveryStatus
// ---------------------------------------------------------------------------

/// Delivery status of one SMS, as an SMS provider reports it to Altegio.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SmsDeliveryStatus {
    /// 1: delivered to the phone.
    Delivered,
    /// 2: not delivered.
    NotDelivered,
    /// 4: sent to the phone, delivery not yet confirmed.
    SentToPhone,
    /// 8: passed to the operator (the default: the first status a provider reports).
    #[default]
    PassedToOperator,
    /// 16: rejected by the operator.
    RejectedByOperator,
    /// 52: the account has insufficient funds.
    InsufficientFunds,
    /// A code this crate does not know yet, kept as sent.
    Unknown(i64),
}

impl SmsDeliveryStatus {
    /// The numeric code on the wire.
    pub fn code(self) -> i64 {
        match self {
            Self::Delivered => 1,
            Self::NotDelivered => 2,
            Self::SentToPhone => 4,
            Self::PassedToOperator => 8,
            Self::RejectedByOperator => 16,
            Self::InsufficientFunds => 52,
            Self::Unknown(c) => c,
        }
    }

    /// The status for a numeric code.
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => Self::Delivered,
            2 => Self::NotDelivered,
            4 => Self::SentToPhone,
            8 => Self::PassedToOperator,
            16 => Self::RejectedByOperator,
            52 => Self::InsufficientFunds,
            c => Self::Unknown(c),
        }
    }

    /// Whether Altegio expects the price, currency and parts with this status (1 and 4).
    pub fn needs_price(self) -> bool {
        matches!(self, Self::Delivered | Self::SentToPhone)
    }
}

impl Serialize for SmsDeliveryStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.code())
    }
}

impl<'de> Deserialize<'de> for SmsDeliveryStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        FlexInt::deserialize(d).map(|c| Self::from_code(c.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn de<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, serde_json::Error> {
        serde_json::from_value(v)
    }

    #[test]
    fn reply_values_convert_into_request_values() {
        assert_eq!(i64::from_reply(&FlexInt(7)), Ok(Some(7)));
        assert_eq!(String::from_reply(&FlexInt(67345)), Ok(Some("67345".into())));
        assert_eq!(Flag::from_reply(&FlexBool(true)), Ok(Some(Flag(true))));
        assert!(Flag::from_reply(&FlexInt(2)).is_err(), "2 is not a flag");
        assert_eq!(i64::from_reply(&FlexString("".into())), Ok(None));
        assert!(i64::from_reply(&FlexString("+1 315".into())).is_err());
        let day = chrono::NaiveDate::from_ymd_opt(1990, 4, 12);
        assert_eq!(chrono::NaiveDate::from_reply(&FlexDateTime::new("1990-04-12")), Ok(day));
        assert_eq!(chrono::NaiveDate::from_reply(&FlexDateTime::new("0000-00-00")), Ok(None));
        let start = chrono::DateTime::<chrono::FixedOffset>::from_reply(&FlexDateTime::new("2026-09-21T15:00:00-0400"));
        assert_eq!(start.unwrap().map(|d| d.to_rfc3339()).as_deref(), Some("2026-09-21T15:00:00-04:00"));
        let local = chrono::DateTime::<chrono::FixedOffset>::from_reply(&FlexDateTime::new("2026-09-21 15:00:00"));
        assert!(local.is_err(), "a time without an offset is never guessed");
    }

    #[test]
    fn a_conversion_error_names_the_path_to_the_field() {
        let items = [FlexInt(1), FlexInt(5)];
        let r = reply::each(
            &items,
            |v: &FlexInt| if v.0 > 2 { Err(ReplyConversionError::new("too big")) } else { Ok(Some(v.0)) },
        );
        let e = r.unwrap_err().at("id").at("services");
        assert_eq!(e.field(), "services.id[1]");
        let e = reply::required::<i64, FlexInt>(None, "staff_id", reply::convert).unwrap_err();
        assert_eq!(e.field(), "staff_id");
        assert!(e.to_string().contains("`staff_id` is missing"), "{e}");
        let err: crate::Error = e.into();
        assert!(err.is_invalid_request());
        assert_eq!(err.json_path(), Some("staff_id"));
    }

    #[test]
    fn or_unknown_keeps_what_it_does_not_know() {
        #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        enum Status {
            NotPaid,
            Paid,
        }
        assert_eq!(de::<OrUnknown<Status>>(json!("paid")).unwrap(), OrUnknown::Known(Status::Paid));
        let odd = de::<OrUnknown<Status>>(json!("refunded")).unwrap();
        assert_eq!(odd, OrUnknown::Unknown(json!("refunded")));
        assert!(odd.is_unknown() && odd.known().is_none());
        assert_eq!(serde_json::to_value(&odd).unwrap(), json!("refunded"));
        assert_eq!(serde_json::to_value(OrUnknown::from(Status::NotPaid)).unwrap(), json!("not_paid"));
        // An integer code sent as a string reads as the code.
        assert_eq!(de::<OrUnknown<u8>>(json!("2")).unwrap(), OrUnknown::Known(2));
        assert_eq!(de::<OrUnknown<u8>>(json!(null)).unwrap(), OrUnknown::Unknown(json!(null)));
    }

    #[test]
    fn a_flag_goes_out_as_0_or_1_and_reads_leniently() {
        assert_eq!(serde_json::to_string(&Flag::from(true)).unwrap(), "1");
        assert_eq!(serde_json::to_string(&Flag::from(false)).unwrap(), "0");
        assert_eq!(Flag(true).to_string(), "1");
        assert_eq!(serde_json::from_str::<Flag>("\"1\"").unwrap(), Flag(true));
        assert_eq!(serde_json::from_str::<Flag>("false").unwrap(), Flag(false));
    }

    #[test]
    fn flex_bool_accepts_every_php_shape() {
        for (v, want) in [
            (json!(true), true),
            (json!(false), false),
            (json!(1), true),
            (json!(0), false),
            (json!(2), true),
            (json!("1"), true),
            (json!("0"), false),
            (json!("true"), true),
            (json!("false"), false),
            (json!(""), false),
            (json!(null), false),
            (json!(1.0), true),
        ] {
            assert_eq!(de::<FlexBool>(v.clone()).unwrap(), FlexBool(want), "{v}");
        }
        assert!(de::<FlexBool>(json!("maybe")).is_err());
        assert!(de::<FlexBool>(json!([1])).is_err());
        assert_eq!(serde_json::to_value(FlexBool(true)).unwrap(), json!(true));
    }

    #[test]
    fn flex_int_accepts_numbers_and_numeric_strings() {
        for (v, want) in [
            (json!(77), 77),
            (json!("77"), 77),
            (json!(" 77 "), 77),
            (json!(-5), -5),
            (json!("-5"), -5),
            (json!(77.0), 77),
            (json!("77.0"), 77),
            (json!(""), 0),
            (json!(true), 1),
            (json!("00000000042"), 42),
        ] {
            assert_eq!(de::<FlexInt>(v.clone()).unwrap(), FlexInt(want), "{v}");
        }
        assert!(de::<FlexInt>(json!(1.5)).is_err());
        assert!(de::<FlexInt>(json!("abc")).is_err());
        assert!(de::<FlexInt>(json!(u64::MAX)).is_err());
        assert!(de::<FlexInt>(json!({})).is_err());
        assert_eq!(serde_json::to_value(FlexInt(9)).unwrap(), json!(9));
    }

    #[test]
    fn flex_number_accepts_numbers_and_strings() {
        for (v, want) in [
            (json!(1500), 1500.0),
            (json!("1500.50"), 1500.5),
            (json!(-76.147424), -76.147424),
            (json!("-76.147424"), -76.147424),
            (json!(""), 0.0),
        ] {
            assert_eq!(de::<FlexNumber>(v.clone()).unwrap(), FlexNumber(want), "{v}");
        }
        assert!(de::<FlexNumber>(json!("12,5")).is_err());
    }

    #[test]
    fn flex_string_accepts_numbers() {
        assert_eq!(de::<FlexString>(json!("+1 315")).unwrap(), "+1 315");
        assert_eq!(de::<FlexString>(json!(13155550175u64)).unwrap(), "13155550175");
        assert_eq!(de::<FlexString>(json!(-5)).unwrap(), "-5");
        assert_eq!(de::<FlexString>(json!(true)).unwrap(), "true");
        assert_eq!(de::<FlexString>(json!(null)).unwrap(), "");
        assert!(de::<FlexString>(json!({"a": 1})).is_err());
    }

    #[test]
    fn flex_datetime_parses_every_documented_format() {
        use chrono::{NaiveDate, Timelike};
        let cases = [
            ("2026-09-21T23:00:00.000-05:00", Some(-5 * 3600), (2026, 9, 21, 23, 0)),
            ("2026-01-17T19:41:44-0500", Some(-5 * 3600), (2026, 1, 17, 19, 41)),
            ("2019-07-21T12:27:06+0300", Some(3 * 3600), (2019, 7, 21, 12, 27)),
            ("2019-07-21T12:00:00+03:00", Some(3 * 3600), (2019, 7, 21, 12, 0)),
            ("2026-09-21T23:00:00Z", Some(0), (2026, 9, 21, 23, 0)),
            ("2026-10-10 15:30", None, (2026, 10, 10, 15, 30)),
            ("2022-01-01 10:10:00", None, (2022, 1, 1, 10, 10)),
            ("2026-09-21T10:00:00", None, (2026, 9, 21, 10, 0)),
            ("2026-09-21", None, (2026, 9, 21, 0, 0)),
            ("20251201", None, (2025, 12, 1, 0, 0)),
            ("952041600", Some(0), (2000, 3, 3, 0, 0)),
        ];
        for (raw, offset, (y, mo, d, h, mi)) in cases {
            let v: FlexDateTime = de(json!(raw)).unwrap();
            assert_eq!(v.raw(), raw);
            assert_eq!(v.to_fixed().map(|z| z.offset().local_minus_utc()), offset, "{raw}");
            let n = v.naive().unwrap_or_else(|| panic!("{raw} did not parse"));
            assert_eq!(n.date(), NaiveDate::from_ymd_opt(y, mo, d).unwrap(), "{raw}");
            assert_eq!((n.hour(), n.minute()), (h, mi), "{raw}");
        }
        let ts: FlexDateTime = de(json!(952041600)).unwrap();
        assert_eq!(ts.date(), NaiveDate::from_ymd_opt(2000, 3, 3));
        for empty in ["", "0000-00-00", "0000-00-00 00:00:00"] {
            let v: FlexDate = de(json!(empty)).unwrap();
            assert!(v.is_empty() && v.parse().is_none(), "{empty}");
        }
        let odd: FlexDateTime = de(json!("next tuesday")).unwrap();
        assert_eq!(odd.parse(), None);
        assert_eq!(serde_json::to_value(&odd).unwrap(), json!("next tuesday"));
    }

    #[test]
    fn meta_accepts_array_object_and_nested_shapes() {
        for v in [json!([]), json!([{}]), json!({}), json!(null)] {
            assert_eq!(de::<Meta>(v.clone()).unwrap(), Meta::default(), "{v}");
        }
        let m: Meta = de(json!({"total_count": "908", "count": 20, "page": 2})).unwrap();
        assert_eq!((m.total_count, m.count, m.total()), (Some(908), Some(20), Some(908)));
        assert_eq!(m.extra.get("page"), Some(&json!(2)));
        let m: Meta = de(json!([{"count": 3}])).unwrap();
        assert_eq!(m.count, Some(3));
        let m: Meta =
            de(json!({"message": "Invalid filter value", "errors": {"filters": ["bad"], "phone": "short"}})).unwrap();
        assert_eq!(m.message.as_deref(), Some("Invalid filter value"));
        assert_eq!(m.errors["filters"], vec!["bad"]);
        assert_eq!(m.errors["phone"], vec!["short"]);
        let m: Meta = de(json!({"message": "Accepted"})).unwrap();
        assert_eq!(m.message.as_deref(), Some("Accepted"));
    }

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    struct Chain {
        id: i64,
    }

    #[test]
    fn or_empty_maps_empty_array_and_null_to_none() {
        assert_eq!(de::<OrEmpty<Chain>>(json!([])).unwrap(), OrEmpty(None));
        assert_eq!(de::<OrEmpty<Chain>>(json!(null)).unwrap(), OrEmpty(None));
        assert_eq!(de::<OrEmpty<Chain>>(json!({"id": 4})).unwrap(), OrEmpty(Some(Chain { id: 4 })));
        assert!(de::<OrEmpty<Chain>>(json!([{"id": 4}])).is_err());
        assert_eq!(serde_json::to_value(OrEmpty::<Chain>(None)).unwrap(), json!([]));
        #[derive(serde::Deserialize)]
        struct Holder {
            #[serde(default)]
            group: Option<OrEmpty<Chain>>,
        }
        let h: Holder = serde_json::from_str(r#"{"group": []}"#).unwrap();
        assert_eq!(h.group, Some(OrEmpty(None)));
    }

    #[test]
    fn sms_status_keeps_unknown_codes() {
        for (code, s) in [
            (1, SmsDeliveryStatus::Delivered),
            (2, SmsDeliveryStatus::NotDelivered),
            (4, SmsDeliveryStatus::SentToPhone),
            (8, SmsDeliveryStatus::PassedToOperator),
            (16, SmsDeliveryStatus::RejectedByOperator),
            (52, SmsDeliveryStatus::InsufficientFunds),
            (99, SmsDeliveryStatus::Unknown(99)),
        ] {
            assert_eq!(de::<SmsDeliveryStatus>(json!(code)).unwrap(), s);
            assert_eq!(de::<SmsDeliveryStatus>(json!(code.to_string())).unwrap(), s);
            assert_eq!(serde_json::to_value(s).unwrap(), json!(code));
        }
    }
}
