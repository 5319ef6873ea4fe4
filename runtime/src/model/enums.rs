//! DynamoDB's string enumerations.
//!
//! Every enum keeps unknown wire strings in an `Unknown` variant instead of failing to decode,
//! so a backend can reject them with DynamoDB's own validation message.

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version does not know; backends reject it.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in DynamoDB's documented order.
            pub const VALUES: &'static [&'static str] = &[$($wire),+];

            /// The wire name.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(other) => other,
                }
            }

            /// Parses a wire name; unknown names land in `Unknown`.
            pub fn from_wire(name: &str) -> Self {
                match name {
                    $($wire => $name::$variant,)+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::from_wire(&text))
            }
        }
    };
}

wire_enum!(
    /// Role of a key attribute.
    KeyType { Hash = "HASH", Range = "RANGE", }
);

wire_enum!(
    /// Types a key attribute may have.
    ScalarAttributeType { S = "S", N = "N", B = "B", }
);

wire_enum!(
    /// How a table is billed.
    BillingMode { Provisioned = "PROVISIONED", PayPerRequest = "PAY_PER_REQUEST", }
);

wire_enum!(
    /// Lifecycle state of a table.
    TableStatus {
        Creating = "CREATING",
        Updating = "UPDATING",
        Deleting = "DELETING",
        Active = "ACTIVE",
        InaccessibleEncryptionCredentials = "INACCESSIBLE_ENCRYPTION_CREDENTIALS",
        Archiving = "ARCHIVING",
        Archived = "ARCHIVED",
    }
);

wire_enum!(
    /// Lifecycle state of a global secondary index.
    IndexStatus { Creating = "CREATING", Updating = "UPDATING", Deleting = "DELETING", Active = "ACTIVE", }
);

wire_enum!(
    /// Which attributes an index copies from the table.
    ProjectionType { All = "ALL", KeysOnly = "KEYS_ONLY", Include = "INCLUDE", }
);

wire_enum!(
    /// What Query and Scan return.
    Select {
        AllAttributes = "ALL_ATTRIBUTES",
        AllProjectedAttributes = "ALL_PROJECTED_ATTRIBUTES",
        SpecificAttributes = "SPECIFIC_ATTRIBUTES",
        Count = "COUNT",
    }
);

wire_enum!(
    /// Which item image a write returns.
    ReturnValue {
        None = "NONE",
        AllOld = "ALL_OLD",
        UpdatedOld = "UPDATED_OLD",
        AllNew = "ALL_NEW",
        UpdatedNew = "UPDATED_NEW",
    }
);

wire_enum!(
    /// Whether a failed condition returns the item.
    ReturnValuesOnConditionCheckFailure { AllOld = "ALL_OLD", None = "NONE", }
);

wire_enum!(
    /// Whether and how a response reports consumed capacity.
    ReturnConsumedCapacity { Indexes = "INDEXES", Total = "TOTAL", None = "NONE", }
);

wire_enum!(
    /// Whether a write reports item collection metrics.
    ReturnItemCollectionMetrics { Size = "SIZE", None = "NONE", }
);

wire_enum!(
    /// Operator of a legacy condition (`Expected`, `KeyConditions`, `QueryFilter`, `ScanFilter`).
    ComparisonOperator {
        Eq = "EQ",
        Ne = "NE",
        In = "IN",
        Le = "LE",
        Lt = "LT",
        Ge = "GE",
        Gt = "GT",
        Between = "BETWEEN",
        NotNull = "NOT_NULL",
        Null = "NULL",
        Contains = "CONTAINS",
        NotContains = "NOT_CONTAINS",
        BeginsWith = "BEGINS_WITH",
    }
);

wire_enum!(
    /// What a legacy `AttributeUpdates` entry does to its attribute.
    AttributeAction { Add = "ADD", Put = "PUT", Delete = "DELETE", }
);

wire_enum!(
    /// How legacy conditions combine.
    ConditionalOperator { And = "AND", Or = "OR", }
);

wire_enum!(
    /// What a table's stream records.
    StreamViewType {
        NewImage = "NEW_IMAGE",
        OldImage = "OLD_IMAGE",
        NewAndOldImages = "NEW_AND_OLD_IMAGES",
        KeysOnly = "KEYS_ONLY",
    }
);

wire_enum!(
    /// Storage class of a table.
    TableClass { Standard = "STANDARD", StandardInfrequentAccess = "STANDARD_INFREQUENT_ACCESS", }
);

wire_enum!(
    /// Whether a table's time to live is on.
    TimeToLiveStatus {
        Enabling = "ENABLING",
        Disabling = "DISABLING",
        Enabled = "ENABLED",
        Disabled = "DISABLED",
    }
);
