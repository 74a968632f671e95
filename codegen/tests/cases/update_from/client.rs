#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///`Owner`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Owner {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<crate::wire::FlexInt>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
    }
    ///`Pet`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Pet {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub born: ::std::option::Option<crate::wire::FlexDateTime>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<crate::wire::FlexInt>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub kind: ::std::option::Option<crate::wire::OrUnknown<PetKind>>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub label: ::std::option::Option<crate::wire::FlexString>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub legs: ::std::option::Option<crate::wire::FlexInt>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub owners: ::std::option::Option<::std::vec::Vec<Owner>>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub shelter_id: ::std::option::Option<crate::wire::FlexInt>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<crate::wire::OrUnknown<PetStatus>>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub toy: ::std::option::Option<
            crate::wire::OrEmpty<crate::golden::generated::types::PetToy>,
        >,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub vaccinated: ::std::option::Option<crate::wire::FlexBool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub weight: ::std::option::Option<crate::wire::FlexNumber>,
    }
    ///`PetAdoption`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct PetAdoption {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        pub shelter_id: i64,
    }
    impl PetAdoption {
        pub fn builder() -> builder::PetAdoption {
            Default::default()
        }
    }
    ///`PetKind`
    #[derive(::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct PetKind(i64);
    impl ::std::ops::Deref for PetKind {
        type Target = i64;
        fn deref(&self) -> &i64 {
            &self.0
        }
    }
    impl ::std::convert::From<PetKind> for i64 {
        fn from(value: PetKind) -> Self {
            value.0
        }
    }
    impl ::std::convert::TryFrom<i64> for PetKind {
        type Error = self::error::ConversionError;
        fn try_from(
            value: i64,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if ![1_i64, 2_i64].contains(&value) {
                Err("invalid value".into())
            } else {
                Ok(Self(value))
            }
        }
    }
    impl<'de> ::serde::Deserialize<'de> for PetKind {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            Self::try_from(<i64>::deserialize(deserializer)?)
                .map_err(|e| { <D::Error as ::serde::de::Error>::custom(e.to_string()) })
        }
    }
    ///`PetReplace`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum PetReplace {
        Update(PetUpdate),
        Adoption(PetAdoption),
    }
    impl ::std::convert::From<PetUpdate> for PetReplace {
        fn from(value: PetUpdate) -> Self {
            Self::Update(value)
        }
    }
    impl ::std::convert::From<PetAdoption> for PetReplace {
        fn from(value: PetAdoption) -> Self {
            Self::Adoption(value)
        }
    }
    ///`PetResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct PetResponse {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub data: ::std::option::Option<Pet>,
    }
    ///`PetStatus`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    pub enum PetStatus {
        #[serde(rename = "home")]
        Home,
        #[serde(rename = "lost")]
        Lost,
    }
    impl ::std::fmt::Display for PetStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Home => f.write_str("home"),
                Self::Lost => f.write_str("lost"),
            }
        }
    }
    impl ::std::str::FromStr for PetStatus {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "home" => Ok(Self::Home),
                "lost" => Ok(Self::Lost),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for PetStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PetStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`PetToy`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct PetToy {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub price: ::std::option::Option<crate::wire::FlexNumber>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }
    ///`PetToyInput`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct PetToyInput {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub price: ::std::option::Option<f64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }
    impl PetToyInput {
        pub fn builder() -> builder::PetToyInput {
            Default::default()
        }
    }
    ///`PetUpdate`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct PetUpdate {
        pub born: ::chrono::DateTime<::chrono::FixedOffset>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub kind: ::std::option::Option<PetKind>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub legs: ::std::option::Option<PetUpdateLegs>,
        pub name: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub notify: ::std::option::Option<bool>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub owner_ids: ::std::vec::Vec<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub tag: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub toy: ::std::option::Option<PetToyInput>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub vaccinated: ::std::option::Option<crate::wire::Flag>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub weight: ::std::option::Option<f64>,
    }
    impl PetUpdate {
        pub fn builder() -> builder::PetUpdate {
            Default::default()
        }
    }
    ///`PetUpdateLegs`
    #[derive(::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct PetUpdateLegs(i64);
    impl ::std::ops::Deref for PetUpdateLegs {
        type Target = i64;
        fn deref(&self) -> &i64 {
            &self.0
        }
    }
    impl ::std::convert::From<PetUpdateLegs> for i64 {
        fn from(value: PetUpdateLegs) -> Self {
            value.0
        }
    }
    impl ::std::convert::TryFrom<i64> for PetUpdateLegs {
        type Error = self::error::ConversionError;
        fn try_from(
            value: i64,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if ![2_i64, 4_i64].contains(&value) {
                Err("invalid value".into())
            } else {
                Ok(Self(value))
            }
        }
    }
    impl<'de> ::serde::Deserialize<'de> for PetUpdateLegs {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            Self::try_from(<i64>::deserialize(deserializer)?)
                .map_err(|e| { <D::Error as ::serde::de::Error>::custom(e.to_string()) })
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        #[must_use = "a type builder does nothing until it is converted into its type"]
        pub struct PetAdoption {
            name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            shelter_id: ::std::result::Result<i64, ::std::string::String>,
        }
        impl ::std::default::Default for PetAdoption {
            fn default() -> Self {
                Self {
                    name: Ok(Default::default()),
                    shelter_id: Err("no value supplied for shelter_id".to_string()),
                }
            }
        }
        impl PetAdoption {
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<::std::string::String>,
            {
                self.name = Ok(value.into_optional());
                self
            }
            pub fn shelter_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.shelter_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for shelter_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PetAdoption> for super::PetAdoption {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PetAdoption,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    name: value.name?,
                    shelter_id: value.shelter_id?,
                })
            }
        }
        impl ::std::convert::From<super::PetAdoption> for PetAdoption {
            fn from(value: super::PetAdoption) -> Self {
                Self {
                    name: Ok(value.name),
                    shelter_id: Ok(value.shelter_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        #[must_use = "a type builder does nothing until it is converted into its type"]
        pub struct PetToyInput {
            price: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
            title: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PetToyInput {
            fn default() -> Self {
                Self {
                    price: Ok(Default::default()),
                    title: Ok(Default::default()),
                }
            }
        }
        impl PetToyInput {
            pub fn price<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<f64>,
            {
                self.price = Ok(value.into_optional());
                self
            }
            pub fn title<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<::std::string::String>,
            {
                self.title = Ok(value.into_optional());
                self
            }
        }
        impl ::std::convert::TryFrom<PetToyInput> for super::PetToyInput {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PetToyInput,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    price: value.price?,
                    title: value.title?,
                })
            }
        }
        impl ::std::convert::From<super::PetToyInput> for PetToyInput {
            fn from(value: super::PetToyInput) -> Self {
                Self {
                    price: Ok(value.price),
                    title: Ok(value.title),
                }
            }
        }
        #[derive(Clone, Debug)]
        #[must_use = "a type builder does nothing until it is converted into its type"]
        pub struct PetUpdate {
            born: ::std::result::Result<
                ::chrono::DateTime<::chrono::FixedOffset>,
                ::std::string::String,
            >,
            kind: ::std::result::Result<
                ::std::option::Option<super::PetKind>,
                ::std::string::String,
            >,
            legs: ::std::result::Result<
                ::std::option::Option<super::PetUpdateLegs>,
                ::std::string::String,
            >,
            name: ::std::result::Result<::std::string::String, ::std::string::String>,
            notify: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            owner_ids: ::std::result::Result<
                ::std::vec::Vec<i64>,
                ::std::string::String,
            >,
            tag: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            toy: ::std::result::Result<
                ::std::option::Option<super::PetToyInput>,
                ::std::string::String,
            >,
            vaccinated: ::std::result::Result<
                ::std::option::Option<crate::wire::Flag>,
                ::std::string::String,
            >,
            weight: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PetUpdate {
            fn default() -> Self {
                Self {
                    born: Err("no value supplied for born".to_string()),
                    kind: Ok(Default::default()),
                    legs: Ok(Default::default()),
                    name: Err("no value supplied for name".to_string()),
                    notify: Ok(Default::default()),
                    owner_ids: Ok(Default::default()),
                    tag: Ok(Default::default()),
                    toy: Ok(Default::default()),
                    vaccinated: Ok(Default::default()),
                    weight: Ok(Default::default()),
                }
            }
        }
        impl PetUpdate {
            pub fn born<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::chrono::DateTime<::chrono::FixedOffset>>,
                T::Error: ::std::fmt::Display,
            {
                self.born = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for born: {e}")
                    });
                self
            }
            pub fn kind<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::PetKind>>,
                T::Error: ::std::fmt::Display,
            {
                self.kind = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for kind: {e}")
                    });
                self
            }
            pub fn legs<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::PetUpdateLegs>>,
                T::Error: ::std::fmt::Display,
            {
                self.legs = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for legs: {e}")
                    });
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn notify<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<bool>,
            {
                self.notify = Ok(value.into_optional());
                self
            }
            pub fn owner_ids<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.owner_ids = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for owner_ids: {e}")
                    });
                self
            }
            pub fn tag<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<::std::string::String>,
            {
                self.tag = Ok(value.into_optional());
                self
            }
            pub fn toy<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::PetToyInput>>,
                T::Error: ::std::fmt::Display,
            {
                self.toy = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for toy: {e}")
                    });
                self
            }
            pub fn vaccinated<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<crate::wire::Flag>,
            {
                self.vaccinated = Ok(value.into_optional());
                self
            }
            pub fn weight<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<f64>,
            {
                self.weight = Ok(value.into_optional());
                self
            }
        }
        impl ::std::convert::TryFrom<PetUpdate> for super::PetUpdate {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PetUpdate,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    born: value.born?,
                    kind: value.kind?,
                    legs: value.legs?,
                    name: value.name?,
                    notify: value.notify?,
                    owner_ids: value.owner_ids?,
                    tag: value.tag?,
                    toy: value.toy?,
                    vaccinated: value.vaccinated?,
                    weight: value.weight?,
                })
            }
        }
        impl ::std::convert::From<super::PetUpdate> for PetUpdate {
            fn from(value: super::PetUpdate) -> Self {
                Self {
                    born: Ok(value.born),
                    kind: Ok(value.kind),
                    legs: Ok(value.legs),
                    name: Ok(value.name),
                    notify: Ok(value.notify),
                    owner_ids: Ok(value.owner_ids),
                    tag: Ok(value.tag),
                    toy: Ok(value.toy),
                    vaccinated: Ok(value.vaccinated),
                    weight: Ok(value.weight),
                }
            }
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
    impl crate::wire::FromReply<Pet> for PetAdoption {
        fn from_reply(
            value: &Pet,
        ) -> ::std::result::Result<
            ::std::option::Option<Self>,
            crate::wire::ReplyConversionError,
        > {
            ::std::result::Result::Ok(
                ::std::option::Option::Some(Self {
                    name: crate::wire::reply::optional(
                        value.name.as_ref(),
                        "name",
                        crate::wire::reply::same,
                    )?,
                    shelter_id: crate::wire::reply::required(
                        value.shelter_id.as_ref(),
                        "shelter_id",
                        crate::wire::reply::convert,
                    )?,
                }),
            )
        }
    }
    /// The body of the update, from the `Pet` a reply carries: every field they share, lenient wire types resolved (spec extension `x-altegio-update-from`).
    impl ::std::convert::TryFrom<&Pet> for PetAdoption {
        type Error = crate::wire::ReplyConversionError;
        fn try_from(value: &Pet) -> ::std::result::Result<Self, Self::Error> {
            crate::wire::reply::whole(crate::wire::FromReply::from_reply(value))
        }
    }
    impl crate::wire::FromReply<Pet> for PetReplace {
        fn from_reply(
            value: &Pet,
        ) -> ::std::result::Result<
            ::std::option::Option<Self>,
            crate::wire::ReplyConversionError,
        > {
            if crate::wire::reply::positive(value.shelter_id.as_ref()) {
                ::std::result::Result::Ok(
                    crate::wire::reply::convert(value)?.map(Self::Adoption),
                )
            } else {
                ::std::result::Result::Ok(
                    crate::wire::reply::convert(value)?.map(Self::Update),
                )
            }
        }
    }
    /// The body of the update, from the `Pet` a reply carries: every field they share, lenient wire types resolved (spec extension `x-altegio-update-from`).
    impl ::std::convert::TryFrom<&Pet> for PetReplace {
        type Error = crate::wire::ReplyConversionError;
        fn try_from(value: &Pet) -> ::std::result::Result<Self, Self::Error> {
            crate::wire::reply::whole(crate::wire::FromReply::from_reply(value))
        }
    }
    impl crate::wire::FromReply<PetToy> for PetToyInput {
        fn from_reply(
            value: &PetToy,
        ) -> ::std::result::Result<
            ::std::option::Option<Self>,
            crate::wire::ReplyConversionError,
        > {
            ::std::result::Result::Ok(
                ::std::option::Option::Some(Self {
                    price: crate::wire::reply::optional(
                        value.price.as_ref(),
                        "price",
                        crate::wire::reply::convert,
                    )?,
                    title: crate::wire::reply::optional(
                        value.title.as_ref(),
                        "title",
                        crate::wire::reply::same,
                    )?,
                }),
            )
        }
    }
    /// The body of the update, from the `PetToy` a reply carries: every field they share, lenient wire types resolved (spec extension `x-altegio-update-from`).
    impl ::std::convert::TryFrom<&PetToy> for PetToyInput {
        type Error = crate::wire::ReplyConversionError;
        fn try_from(value: &PetToy) -> ::std::result::Result<Self, Self::Error> {
            crate::wire::reply::whole(crate::wire::FromReply::from_reply(value))
        }
    }
    impl crate::wire::FromReply<Pet> for PetUpdate {
        fn from_reply(
            value: &Pet,
        ) -> ::std::result::Result<
            ::std::option::Option<Self>,
            crate::wire::ReplyConversionError,
        > {
            ::std::result::Result::Ok(
                ::std::option::Option::Some(Self {
                    born: crate::wire::reply::required(
                        value.born.as_ref(),
                        "born",
                        crate::wire::reply::convert,
                    )?,
                    kind: crate::wire::reply::optional(
                        value.kind.as_ref(),
                        "kind",
                        crate::wire::reply::known,
                    )?,
                    legs: crate::wire::reply::optional(
                        value.legs.as_ref(),
                        "legs",
                        crate::wire::reply::int_enum,
                    )?,
                    name: crate::wire::reply::required(
                        value.name.as_ref(),
                        "name",
                        crate::wire::reply::same,
                    )?,
                    notify: ::std::default::Default::default(),
                    owner_ids: crate::wire::reply::defaulted(
                        value.owners.as_ref(),
                        "owners",
                        |items| crate::wire::reply::each(
                            items,
                            |item| {
                                crate::wire::reply::required(
                                        item.id.as_ref(),
                                        "id",
                                        crate::wire::reply::convert,
                                    )
                                    .map(::std::option::Option::Some)
                            },
                        ),
                    )?,
                    tag: crate::wire::reply::optional(
                        value.label.as_ref(),
                        "label",
                        crate::wire::reply::convert,
                    )?,
                    toy: crate::wire::reply::optional(
                        value.toy.as_ref().and_then(|v| v.value()),
                        "toy",
                        crate::wire::reply::convert,
                    )?,
                    vaccinated: crate::wire::reply::optional(
                        value.vaccinated.as_ref(),
                        "vaccinated",
                        crate::wire::reply::convert,
                    )?,
                    weight: crate::wire::reply::optional(
                        value.weight.as_ref(),
                        "weight",
                        crate::wire::reply::convert,
                    )?,
                }),
            )
        }
    }
    /// The body of the update, from the `Pet` a reply carries: every field they share, lenient wire types resolved (spec extension `x-altegio-update-from`).
    impl ::std::convert::TryFrom<&Pet> for PetUpdate {
        type Error = crate::wire::ReplyConversionError;
        fn try_from(value: &Pet) -> ::std::result::Result<Self, Self::Error> {
            crate::wire::reply::whole(crate::wire::FromReply::from_reply(value))
        }
    }
    impl PetUpdate {
        /// A value with its required fields (`name`, `born`); the optional ones are left out, set them on the value.
        pub fn new(
            name: impl ::std::convert::Into<::std::string::String>,
            born: ::chrono::DateTime<::chrono::FixedOffset>,
        ) -> Self {
            Self {
                name: name.into(),
                born,
                kind: ::std::default::Default::default(),
                legs: ::std::default::Default::default(),
                notify: ::std::default::Default::default(),
                owner_ids: ::std::default::Default::default(),
                tag: ::std::default::Default::default(),
                toy: ::std::default::Default::default(),
                vaccinated: ::std::default::Default::default(),
                weight: ::std::default::Default::default(),
            }
        }
    }
    impl crate::wire::CheckLimits for PetReplace {
        fn check_limits(&self) -> ::std::result::Result<(), ::std::string::String> {
            match self {
                Self::Update(v) => crate::wire::CheckLimits::check_limits(v),
                Self::Adoption(_) => ::std::result::Result::Ok(()),
            }
        }
    }
    impl crate::wire::CheckLimits for PetUpdate {
        fn check_limits(&self) -> ::std::result::Result<(), ::std::string::String> {
            crate::wire::limits::number(
                "weight",
                &self.weight,
                ::std::option::Option::Some(0f64),
                ::std::option::Option::Some(200f64),
                ::std::option::Option::None,
            )?;
            ::std::result::Result::Ok(())
        }
    }
}
/// The client of the golden tests.
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::golden::Context,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub(crate) fn new(baseurl: &str, inner: crate::golden::Context) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub(crate) fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::golden::Context,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::golden::Context> for Client {
    fn api_version() -> &'static str {
        "1.0.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::golden::Context {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::golden::Context>,
    {}
};
impl Client {
    /**Read a pet

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 200.

Sends a `GET` request to `/pets/{pet_id}`

Arguments:
- `pet_id`: ID of the pet.
```ignore
let response = client.get_pet()
    .pet_id(pet_id)
    .send()
    .await;
```*/
    pub fn get_pet(&self) -> builder::GetPet<'_> {
        builder::GetPet::new(self)
    }
    /**Replace a pet

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 200.

Sends a `PUT` request to `/pets/{pet_id}`

Arguments:
- `pet_id`: ID of the pet.
- `body`
```ignore
let response = client.update_pet()
    .pet_id(pet_id)
    .body(body)
    .send()
    .await;
```*/
    pub fn update_pet(&self) -> builder::UpdatePet<'_> {
        builder::UpdatePet::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::get_pet`]

[`Client::get_pet`]: super::Client::get_pet*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct GetPet<'a> {
        client: &'a super::Client,
        pet_id: Result<i64, String>,
    }
    impl<'a> GetPet<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                pet_id: Err("pet_id was not initialized".to_string()),
            }
        }
        /// ID of the pet.
        ///
        /// Required (path parameter `pet_id`).
        pub fn pet_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.pet_id = value
                .try_into()
                .map_err(|_| "conversion to `i64` for pet_id failed".to_string());
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<types::PetResponse>, Error<()>> {
            let Self { client, pet_id } = self;
            let pet_id = pet_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/pets/{}", client.baseurl, crate ::runtime::encode_path(& pet_id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_pet",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => ResponseValue::from_response(response).await,
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `get_pet` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(
            self,
        ) -> crate::runtime::Result<ResponseValue<types::PetResponse>> {
            crate::runtime::typed(
                    "get_pet",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<types::PetResponse>> {
            crate::runtime::typed("get_pet", options, self.send_raw()).await
        }
    }
    /**Builder for [`Client::update_pet`]

[`Client::update_pet`]: super::Client::update_pet*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct UpdatePet<'a> {
        client: &'a super::Client,
        pet_id: Result<i64, String>,
        body: Result<types::PetReplace, String>,
    }
    impl<'a> UpdatePet<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                pet_id: Err("pet_id was not initialized".to_string()),
                body: Err("body was not initialized".to_string()),
            }
        }
        /// ID of the pet.
        ///
        /// Required (path parameter `pet_id`).
        pub fn pet_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.pet_id = value
                .try_into()
                .map_err(|_| "conversion to `i64` for pet_id failed".to_string());
            self
        }
        /// The request body: [`types::PetReplace`](super::types::PetReplace), or its builder. Required.
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::PetReplace>,
        {
            self.body = value
                .try_into()
                .map_err(|_| "conversion to `PetReplace` for body failed".to_string());
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<types::PetResponse>, Error<()>> {
            let Self { client, pet_id, body } = self;
            let pet_id = pet_id.map_err(Error::InvalidRequest)?;
            let body = body.map_err(Error::InvalidRequest)?;
            crate::wire::CheckLimits::check_limits(&body)
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/pets/{}", client.baseurl, crate ::runtime::encode_path(& pet_id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .put(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "update_pet",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => ResponseValue::from_response(response).await,
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `update_pet` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(
            self,
        ) -> crate::runtime::Result<ResponseValue<types::PetResponse>> {
            crate::runtime::typed(
                    "update_pet",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<types::PetResponse>> {
            crate::runtime::typed("update_pet", options, self.send_raw()).await
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
/// Decodes a success body of an operation into its typed response; `None` for an
/// unknown operation, `Some(Ok(()))` for replies without a typed body.
pub fn decode_success(operation_id: &str, body: &[u8]) -> Option<Result<(), String>> {
    match operation_id {
        "get_pet" => Some(crate::runtime::check_decode::<types::PetResponse>(body)),
        "update_pet" => Some(crate::runtime::check_decode::<types::PetResponse>(body)),
        _ => None,
    }
}
/// The JSON Schema of an operation's request body type; `None` when it has none.
#[cfg(feature = "schemars")]
pub fn request_schema(operation_id: &str) -> Option<schemars::schema::RootSchema> {
    match operation_id {
        "update_pet" => Some(schemars::schema_for!(types::PetReplace)),
        _ => None,
    }
}
/// The JSON Schema of an operation's success reply type; `None` when it has none.
#[cfg(feature = "schemars")]
pub fn response_schema(operation_id: &str) -> Option<schemars::schema::RootSchema> {
    match operation_id {
        "get_pet" => Some(schemars::schema_for!(types::PetResponse)),
        "update_pet" => Some(schemars::schema_for!(types::PetResponse)),
        _ => None,
    }
}
