//! Errors on the wire, as DynamoDB sends them: HTTP 400 (500 only for the server's own
//! failures) and a JSON body `{"__type": "<namespace>#<Exception>", "message": "..."}`.
//!
//! The namespace before `#` depends on the layer that raised the exception in DynamoDB's
//! front end (`com.amazon.coral.validate` for request validation, `com.amazon.coral.service`
//! for protocol errors, `com.amazonaws.dynamodb.v20120810` for the service's own); SDKs read
//! only the part after `#`. Extra members ride along: the old `Item` of a failed condition
//! and the `CancellationReasons` of a cancelled transaction.

use dynamodel::{CancellationReason, Error, Item};
use http::StatusCode;
use serde::Serialize;

/// An exception ready to be written: status, `__type` and the body's other members.
#[derive(Debug)]
pub(crate) struct WireError {
    status: StatusCode,
    exception: String,
    message: Option<String>,
    /// Coral's protocol layer spells the member `Message`; DynamoDB's own errors `message`.
    capitalized_message: bool,
    item: Option<Item>,
    reasons: Vec<CancellationReason>,
}

/// The namespace DynamoDB puts in front of an exception name.
fn namespace(exception: &str) -> &'static str {
    match exception {
        "ValidationException" => "com.amazon.coral.validate",
        "SerializationException"
        | "UnknownOperationException"
        | "AccessDeniedException"
        | "UnrecognizedClientException"
        | "MissingAuthenticationTokenException"
        | "IncompleteSignatureException"
        | "InvalidSignatureException"
        | "RequestEntityTooLargeException" => "com.amazon.coral.service",
        "ThrottlingException" => "com.amazon.coral.availability",
        _ => "com.amazonaws.dynamodb.v20120810",
    }
}

impl WireError {
    fn new(exception: &str, message: Option<String>) -> Self {
        let status = match exception {
            "InternalServerError" => StatusCode::INTERNAL_SERVER_ERROR,
            "ServiceUnavailable" | "ServiceUnavailableException" => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::BAD_REQUEST,
        };
        WireError {
            status,
            exception: exception.to_owned(),
            message,
            capitalized_message: false,
            item: None,
            reasons: Vec::new(),
        }
    }

    /// A `SerializationException`: the body is not JSON, or a member has the wrong JSON type.
    pub(crate) fn serialization(message: Option<String>) -> Self {
        WireError {
            capitalized_message: true,
            ..WireError::new("SerializationException", message)
        }
    }

    /// A `ValidationException` raised while decoding (DynamoDB's request validation layer).
    pub(crate) fn validation(message: String) -> Self {
        WireError::new("ValidationException", Some(message))
    }

    /// An `UnknownOperationException`: the target names no operation this server serves.
    pub(crate) fn unknown_operation(message: Option<String>) -> Self {
        WireError::new("UnknownOperationException", message)
    }

    /// The engine's answer, exception name and message as the engine gave them.
    pub(crate) fn from_engine(error: Error) -> Self {
        // Errors outside DynamoDB's model (conversion, transport, configuration) carry no
        // exception name; the engine never raises them for a request, so one would be the
        // server's own failure.
        let exception = error.code().unwrap_or("InternalServerError").to_owned();
        let mut wire = WireError::new(&exception, Some(error.message().to_owned()));
        wire.reasons = error.cancellation_reasons().to_vec();
        wire.item = error.into_item();
        wire
    }

    /// The HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    /// The exception name, without namespace.
    pub(crate) fn exception(&self) -> &str {
        &self.exception
    }

    /// The message, if any.
    pub(crate) fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> Vec<u8> {
        let body = Body {
            kind: format!("{}#{}", namespace(&self.exception), self.exception),
            message: self
                .message
                .as_deref()
                .filter(|_| !self.capitalized_message),
            capital_message: self.message.as_deref().filter(|_| self.capitalized_message),
            item: self.item.as_ref(),
            reasons: (!self.reasons.is_empty())
                .then(|| self.reasons.iter().map(Reason::from).collect()),
        };
        // Serializing strings, numbers and items into a Vec cannot fail; keep a fallback body
        // rather than a panic all the same.
        serde_json::to_vec(&body).unwrap_or_else(|_| {
            br#"{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError"}"#.to_vec()
        })
    }
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "__type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(rename = "Message", skip_serializing_if = "Option::is_none")]
    capital_message: Option<&'a str>,
    #[serde(rename = "Item", skip_serializing_if = "Option::is_none")]
    item: Option<&'a Item>,
    #[serde(
        rename = "CancellationReasons",
        skip_serializing_if = "Option::is_none"
    )]
    reasons: Option<Vec<Reason<'a>>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Reason<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<&'a Item>,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

impl<'a> From<&'a CancellationReason> for Reason<'a> {
    fn from(reason: &'a CancellationReason) -> Self {
        Reason {
            item: reason.item.as_ref(),
            code: &reason.code,
            message: reason.message.as_deref(),
        }
    }
}
