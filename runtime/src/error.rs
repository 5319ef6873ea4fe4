//! The one public error type of dynamodel.

use std::error::Error as StdError;
use std::fmt;

use crate::model::Item;

/// A `Result` with dynamodel's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, coarsely: DynamoDB's service errors by exception name, plus the errors
/// that happen on this side of the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `ValidationException`: the request is invalid.
    Validation,
    /// `SerializationException`: the request is not well-formed JSON of the right shape.
    Serialization,
    /// `ResourceNotFoundException`: the table or index does not exist (or is not active).
    ResourceNotFound,
    /// `ResourceInUseException`: the table already exists or is busy.
    ResourceInUse,
    /// `ConditionalCheckFailedException`: a write's condition was false.
    ConditionalCheckFailed,
    /// `TransactionCanceledException`: a transaction was cancelled; see
    /// [`Error::cancellation_reasons`].
    TransactionCanceled,
    /// `TransactionConflictException`: another transaction holds the item.
    TransactionConflict,
    /// `TransactionInProgressException`: a transaction with the token is still running.
    TransactionInProgress,
    /// `IdempotentParameterMismatchException`: a client token was reused with other input.
    IdempotentParameterMismatch,
    /// `ProvisionedThroughputExceededException`: throttled by provisioned capacity.
    ProvisionedThroughputExceeded,
    /// `ThrottlingException`: throttled by the control plane or account limits.
    Throttling,
    /// `RequestLimitExceeded`: the account's request rate limit.
    RequestLimitExceeded,
    /// `ItemCollectionSizeLimitExceededException`: a partition with local indexes passed 10 GB.
    ItemCollectionSizeLimitExceeded,
    /// `LimitExceededException`: too many concurrent control-plane operations.
    LimitExceeded,
    /// `InternalServerError`: DynamoDB failed; retry.
    InternalServer,
    /// `UnknownOperationException`: the target operation does not exist.
    UnknownOperation,
    /// `AccessDeniedException`, `UnrecognizedClientException` and other credential errors.
    AccessDenied,
    /// Any other service exception; see [`Error::code`].
    OtherService,
    /// An item could not be converted to or from a Rust value.
    Conversion,
    /// The request never got an answer: connection, timeout, or an unreadable response.
    Transport,
    /// The client or backend is configured wrongly.
    Configuration,
    /// A versioned write found another version than it expected: someone else wrote the
    /// item since it was read.
    VersionConflict,
    /// A batch gave up with items or keys still unprocessed after its retry policy's last
    /// attempt.
    Unprocessed,
    /// A pagination cursor was altered, truncated, signed with another key or issued for
    /// another request.
    InvalidCursor,
}

impl ErrorKind {
    /// The DynamoDB exception name of a service error kind.
    pub fn code(self) -> Option<&'static str> {
        Some(match self {
            ErrorKind::Validation => "ValidationException",
            ErrorKind::Serialization => "SerializationException",
            ErrorKind::ResourceNotFound => "ResourceNotFoundException",
            ErrorKind::ResourceInUse => "ResourceInUseException",
            ErrorKind::ConditionalCheckFailed => "ConditionalCheckFailedException",
            ErrorKind::TransactionCanceled => "TransactionCanceledException",
            ErrorKind::TransactionConflict => "TransactionConflictException",
            ErrorKind::TransactionInProgress => "TransactionInProgressException",
            ErrorKind::IdempotentParameterMismatch => "IdempotentParameterMismatchException",
            ErrorKind::ProvisionedThroughputExceeded => "ProvisionedThroughputExceededException",
            ErrorKind::Throttling => "ThrottlingException",
            ErrorKind::RequestLimitExceeded => "RequestLimitExceeded",
            ErrorKind::ItemCollectionSizeLimitExceeded => {
                "ItemCollectionSizeLimitExceededException"
            }
            ErrorKind::LimitExceeded => "LimitExceededException",
            ErrorKind::InternalServer => "InternalServerError",
            ErrorKind::UnknownOperation => "UnknownOperationException",
            ErrorKind::AccessDenied => "AccessDeniedException",
            ErrorKind::OtherService
            | ErrorKind::Conversion
            | ErrorKind::Transport
            | ErrorKind::Configuration
            | ErrorKind::Unprocessed
            | ErrorKind::VersionConflict
            | ErrorKind::InvalidCursor => return None,
        })
    }

    /// The kind of a DynamoDB exception name (the part after `#` in `__type`).
    pub fn from_code(code: &str) -> ErrorKind {
        let short = code.rsplit('#').next().unwrap_or(code);
        match short {
            "ValidationException" => ErrorKind::Validation,
            "SerializationException" => ErrorKind::Serialization,
            "ResourceNotFoundException" => ErrorKind::ResourceNotFound,
            "ResourceInUseException" => ErrorKind::ResourceInUse,
            "ConditionalCheckFailedException" => ErrorKind::ConditionalCheckFailed,
            "TransactionCanceledException" => ErrorKind::TransactionCanceled,
            "TransactionConflictException" => ErrorKind::TransactionConflict,
            "TransactionInProgressException" => ErrorKind::TransactionInProgress,
            "IdempotentParameterMismatchException" => ErrorKind::IdempotentParameterMismatch,
            "ProvisionedThroughputExceededException" => ErrorKind::ProvisionedThroughputExceeded,
            "ThrottlingException" => ErrorKind::Throttling,
            "RequestLimitExceeded" => ErrorKind::RequestLimitExceeded,
            "ItemCollectionSizeLimitExceededException" => {
                ErrorKind::ItemCollectionSizeLimitExceeded
            }
            "LimitExceededException" => ErrorKind::LimitExceeded,
            "InternalServerError" => ErrorKind::InternalServer,
            "UnknownOperationException" => ErrorKind::UnknownOperation,
            "AccessDeniedException" | "UnrecognizedClientException" => ErrorKind::AccessDenied,
            _ => ErrorKind::OtherService,
        }
    }
}

/// Why one action of a cancelled transaction failed, in action order.
#[derive(Clone, Debug, PartialEq)]
pub struct CancellationReason {
    /// `None`, `ConditionalCheckFailed`, `ValidationError`, `TransactionConflict`, ...
    pub code: String,
    /// DynamoDB's explanation, if any.
    pub message: Option<String>,
    /// The item as it was, when `ReturnValuesOnConditionCheckFailure = ALL_OLD`.
    pub item: Option<Item>,
}

/// An error from dynamodel: a DynamoDB service error, a conversion error, or a transport or
/// configuration error. Inspect it with [`Error::kind`] and the `is_*` predicates.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    code: Option<String>,
    message: String,
    item: Option<Item>,
    cancellation_reasons: Vec<CancellationReason>,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl Error {
    fn from_inner(inner: Inner) -> Self {
        Error {
            inner: Box::new(inner),
        }
    }

    /// A service error of a known kind, with DynamoDB's message.
    pub fn service(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error::from_inner(Inner {
            kind,
            code: kind.code().map(str::to_owned),
            message: message.into(),
            item: None,
            cancellation_reasons: Vec::new(),
            source: None,
        })
    }

    /// A service error from its exception name (`ValidationException`, or a full `__type`).
    pub fn from_code(code: &str, message: impl Into<String>) -> Self {
        let kind = ErrorKind::from_code(code);
        let short = code.rsplit('#').next().unwrap_or(code);
        Error::from_inner(Inner {
            kind,
            code: Some(short.to_owned()),
            message: message.into(),
            item: None,
            cancellation_reasons: Vec::new(),
            source: None,
        })
    }

    /// A `ValidationException`.
    pub fn validation(message: impl Into<String>) -> Self {
        Error::service(ErrorKind::Validation, message)
    }

    /// A `ResourceNotFoundException`.
    pub fn resource_not_found(message: impl Into<String>) -> Self {
        Error::service(ErrorKind::ResourceNotFound, message)
    }

    /// A `ResourceInUseException`.
    pub fn resource_in_use(message: impl Into<String>) -> Self {
        Error::service(ErrorKind::ResourceInUse, message)
    }

    /// A `ConditionalCheckFailedException`, with the item as it was when asked for.
    pub fn conditional_check_failed(message: impl Into<String>, item: Option<Item>) -> Self {
        let mut error = Error::service(ErrorKind::ConditionalCheckFailed, message);
        error.inner.item = item;
        error
    }

    /// A `TransactionCanceledException` with its reasons in action order.
    pub fn transaction_canceled(
        message: impl Into<String>,
        reasons: Vec<CancellationReason>,
    ) -> Self {
        let mut error = Error::service(ErrorKind::TransactionCanceled, message);
        error.inner.cancellation_reasons = reasons;
        error
    }

    /// An item that could not be converted to or from a Rust value.
    pub fn conversion(message: impl Into<String>) -> Self {
        Error::from_inner(Inner {
            kind: ErrorKind::Conversion,
            code: None,
            message: message.into(),
            item: None,
            cancellation_reasons: Vec::new(),
            source: None,
        })
    }

    /// A transport failure, keeping its cause.
    pub fn transport(
        message: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Error::from_inner(Inner {
            kind: ErrorKind::Transport,
            code: None,
            message: message.into(),
            item: None,
            cancellation_reasons: Vec::new(),
            source: Some(source.into()),
        })
    }

    /// A configuration error.
    pub fn configuration(message: impl Into<String>) -> Self {
        Error::from_inner(Inner {
            kind: ErrorKind::Configuration,
            code: None,
            message: message.into(),
            item: None,
            cancellation_reasons: Vec::new(),
            source: None,
        })
    }

    /// A versioned write's conflict, with the item as it is now when there is one.
    pub fn version_conflict(message: impl Into<String>, item: Option<Item>) -> Self {
        let mut error = Error::from_inner(Inner {
            kind: ErrorKind::VersionConflict,
            code: None,
            message: message.into(),
            item: None,
            cancellation_reasons: Vec::new(),
            source: None,
        });
        error.inner.item = item;
        error
    }

    /// A batch that gave up with unprocessed items or keys.
    pub fn unprocessed(message: impl Into<String>) -> Self {
        Error::from_inner(Inner {
            kind: ErrorKind::Unprocessed,
            code: None,
            message: message.into(),
            item: None,
            cancellation_reasons: Vec::new(),
            source: None,
        })
    }

    /// A pagination cursor that does not verify (see [`CursorKey`](crate::CursorKey)).
    pub fn invalid_cursor(message: impl Into<String>) -> Self {
        Error::from_inner(Inner {
            kind: ErrorKind::InvalidCursor,
            code: None,
            message: message.into(),
            item: None,
            cancellation_reasons: Vec::new(),
            source: None,
        })
    }

    /// Prefixes a conversion error with the attribute it happened in, building a path such
    /// as `address.city`.
    #[must_use]
    pub fn in_attribute(mut self, name: &str) -> Self {
        if self.inner.kind == ErrorKind::Conversion {
            let message = &mut self.inner.message;
            if let Some(rest) = message.strip_prefix("attribute `") {
                let separator = if rest.starts_with('[') { "" } else { "." };
                *message = format!("attribute `{name}{separator}{rest}");
            } else {
                *message = format!("attribute `{name}`: {message}");
            }
        }
        self
    }

    /// Prefixes a conversion error with the list index it happened at.
    #[must_use]
    pub fn in_element(mut self, index: usize) -> Self {
        if self.inner.kind == ErrorKind::Conversion {
            let message = &mut self.inner.message;
            if let Some(rest) = message.strip_prefix("attribute `") {
                let separator = if rest.starts_with('[') { "" } else { "." };
                *message = format!("attribute `[{index}]{separator}{rest}");
            } else {
                *message = format!("attribute `[{index}]`: {message}");
            }
        }
        self
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The DynamoDB exception name, for service errors (e.g. `ValidationException`).
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// The message, as DynamoDB sent it for service errors.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The item as it was, for a failed condition with `ReturnValuesOnConditionCheckFailure`.
    pub fn item(&self) -> Option<&Item> {
        self.inner.item.as_ref()
    }

    /// The item as it was, decoded as `T`, for a failed condition of a write sent with
    /// `return_old_on_failure`.
    pub fn old_item<T: crate::table::Table>(&self) -> Option<Result<T>> {
        self.inner.item.clone().map(T::from_item)
    }

    /// Takes the item as it was out of a failed condition.
    pub fn into_item(self) -> Option<Item> {
        self.inner.item
    }

    /// Why each action of a cancelled transaction failed, in action order.
    pub fn cancellation_reasons(&self) -> &[CancellationReason] {
        &self.inner.cancellation_reasons
    }

    /// Whether DynamoDB rejected the request as invalid.
    pub fn is_validation(&self) -> bool {
        self.inner.kind == ErrorKind::Validation
    }

    /// Whether the table or index does not exist.
    pub fn is_resource_not_found(&self) -> bool {
        self.inner.kind == ErrorKind::ResourceNotFound
    }

    /// Whether the table already exists or is busy.
    pub fn is_resource_in_use(&self) -> bool {
        self.inner.kind == ErrorKind::ResourceInUse
    }

    /// Whether a write's condition was false.
    pub fn is_conditional_check_failed(&self) -> bool {
        self.inner.kind == ErrorKind::ConditionalCheckFailed
    }

    /// Whether a transaction was cancelled.
    pub fn is_transaction_canceled(&self) -> bool {
        self.inner.kind == ErrorKind::TransactionCanceled
    }

    /// Whether the request was throttled.
    pub fn is_throttled(&self) -> bool {
        matches!(
            self.inner.kind,
            ErrorKind::ProvisionedThroughputExceeded
                | ErrorKind::Throttling
                | ErrorKind::RequestLimitExceeded
        )
    }

    /// Whether a versioned write lost to a concurrent write: the stored version was not the
    /// expected one. [`Error::old_item`] holds the item as it is now, if it exists.
    pub fn is_version_conflict(&self) -> bool {
        self.inner.kind == ErrorKind::VersionConflict
    }

    /// Whether a batch gave up with items or keys still unprocessed.
    pub fn is_unprocessed(&self) -> bool {
        self.inner.kind == ErrorKind::Unprocessed
    }

    /// Whether a pagination cursor was rejected: altered, truncated, signed with another
    /// key, or issued for another request. Answer a web client with a 400.
    pub fn is_invalid_cursor(&self) -> bool {
        self.inner.kind == ErrorKind::InvalidCursor
    }

    /// Whether an item failed to convert to or from a Rust value.
    pub fn is_conversion(&self) -> bool {
        self.inner.kind == ErrorKind::Conversion
    }

    /// Whether retrying the same request later may succeed.
    pub fn is_retryable(&self) -> bool {
        self.is_throttled()
            || matches!(
                self.inner.kind,
                ErrorKind::InternalServer
                    | ErrorKind::TransactionConflict
                    | ErrorKind::TransactionInProgress
                    | ErrorKind::LimitExceeded
                    | ErrorKind::Transport
            )
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Error");
        debug.field("kind", &self.inner.kind);
        if let Some(code) = &self.inner.code {
            debug.field("code", code);
        }
        debug.field("message", &self.inner.message);
        if let Some(item) = &self.inner.item {
            debug.field("item", item);
        }
        if !self.inner.cancellation_reasons.is_empty() {
            debug.field("cancellation_reasons", &self.inner.cancellation_reasons);
        }
        if let Some(source) = &self.inner.source {
            debug.field("source", source);
        }
        debug.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.code {
            Some(code) => write!(f, "{code}: {}", self.inner.message),
            None => f.write_str(&self.inner.message),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|s| s as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_codes_round_trip_through_kinds() {
        for kind in [
            ErrorKind::Validation,
            ErrorKind::ResourceNotFound,
            ErrorKind::ResourceInUse,
            ErrorKind::ConditionalCheckFailed,
            ErrorKind::TransactionCanceled,
            ErrorKind::ProvisionedThroughputExceeded,
            ErrorKind::Throttling,
            ErrorKind::InternalServer,
        ] {
            let code = kind.code().unwrap();
            assert_eq!(ErrorKind::from_code(code), kind);
            let full = format!("com.amazonaws.dynamodb.v20120810#{code}");
            let error = Error::from_code(&full, "m");
            assert_eq!((error.kind(), error.code()), (kind, Some(code)));
        }
        let other = Error::from_code("SomethingNewException", "m");
        assert_eq!(
            (other.kind(), other.code()),
            (ErrorKind::OtherService, Some("SomethingNewException"))
        );
    }

    #[test]
    fn predicates() {
        assert!(Error::validation("x").is_validation());
        assert!(Error::resource_not_found("x").is_resource_not_found());
        assert!(Error::resource_in_use("x").is_resource_in_use());
        let throttled = Error::service(ErrorKind::ProvisionedThroughputExceeded, "slow down");
        assert!(throttled.is_throttled() && throttled.is_retryable());
        assert!(!Error::validation("x").is_retryable());
        let failed =
            Error::conditional_check_failed("The conditional request failed", Some(Item::new()));
        assert!(failed.is_conditional_check_failed());
        assert_eq!(failed.item(), Some(&Item::new()));
        let canceled = Error::transaction_canceled(
            "Transaction cancelled",
            vec![CancellationReason {
                code: "None".into(),
                message: None,
                item: None,
            }],
        );
        assert!(canceled.is_transaction_canceled());
        assert_eq!(canceled.cancellation_reasons().len(), 1);
    }

    #[test]
    fn display_shows_code_and_message() {
        let error = Error::validation("The provided key element does not match the schema");
        assert_eq!(
            error.to_string(),
            "ValidationException: The provided key element does not match the schema"
        );
        assert_eq!(Error::conversion("boom").to_string(), "boom");
    }

    #[test]
    fn conversion_errors_build_attribute_paths() {
        let error = Error::conversion("expected a number (N), found S")
            .in_attribute("zip")
            .in_attribute("address");
        assert_eq!(
            error.message(),
            "attribute `address.zip`: expected a number (N), found S"
        );
        let error = Error::conversion("bad").in_element(3).in_attribute("tags");
        assert_eq!(error.message(), "attribute `tags[3]`: bad");
        let error = Error::conversion("bad")
            .in_attribute("x")
            .in_element(0)
            .in_attribute("rows");
        assert_eq!(error.message(), "attribute `rows[0].x`: bad");
        // Service errors are not rewritten.
        assert_eq!(Error::validation("v").in_attribute("a").message(), "v");
    }

    #[test]
    fn transport_errors_keep_their_source() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let error = Error::transport("could not reach DynamoDB", io);
        assert!(error.is_retryable());
        assert_eq!(
            error.source().map(|s| s.to_string()),
            Some("refused".to_owned())
        );
    }
}
