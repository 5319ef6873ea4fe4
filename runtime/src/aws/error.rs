//! Every SDK error as a [`dynamodel::Error`](crate::Error).
//!
//! * A service error keeps DynamoDB's exception name (as [`Error::code`]) and message, and
//!   gets the matching [`ErrorKind`](crate::ErrorKind): throttling stays retryable, a failed
//!   condition keeps the item DynamoDB returned, a cancelled transaction keeps its reasons in
//!   action order.
//! * No answer (connection refused, timeout, a response the SDK could not parse) is a
//!   transport error that keeps the SDK error as its `source`.
//! * A request the SDK could not even build (no region, no credentials provider, a bad
//!   endpoint) is a configuration error.

use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

use super::value::item_from_sdk;
use crate::error::{CancellationReason, Error};

/// Maps the error of any DynamoDB operation.
pub(crate) fn from_sdk<E, R>(error: SdkError<E, R>) -> Error
where
    E: Into<aws_sdk_dynamodb::Error> + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match error {
        SdkError::ServiceError(service) => from_service(service.into_err().into()),
        SdkError::ConstructionFailure(_) => Error::configuration(format!(
            "the AWS SDK could not build the request: {}",
            DisplayErrorContext(&error)
        )),
        SdkError::TimeoutError(_) => {
            let message = format!(
                "DynamoDB did not answer in time: {}",
                DisplayErrorContext(&error)
            );
            Error::transport(message, error)
        }
        SdkError::DispatchFailure(_) => {
            let message = format!("could not reach DynamoDB: {}", DisplayErrorContext(&error));
            Error::transport(message, error)
        }
        SdkError::ResponseError(_) => {
            let message = format!(
                "DynamoDB's answer could not be read: {}",
                DisplayErrorContext(&error)
            );
            Error::transport(message, error)
        }
        // `SdkError` is non-exhaustive: a future variant is still an error, never a panic.
        _ => {
            let message = format!("the AWS SDK failed: {}", DisplayErrorContext(&error));
            Error::transport(message, error)
        }
    }
}

/// Maps a service error: DynamoDB answered with an exception.
pub(crate) fn from_service(error: aws_sdk_dynamodb::Error) -> Error {
    use aws_sdk_dynamodb::Error as Sdk;
    // Modeled exceptions carry the message twice (their own member and the metadata); take
    // whichever is there.
    let meta_message = error.message().map(str::to_owned);
    match error {
        Sdk::ConditionalCheckFailedException(failed) => {
            match failed.item.map(item_from_sdk).transpose() {
                Ok(item) => Error::conditional_check_failed(
                    failed.message.or(meta_message).unwrap_or_default(),
                    item,
                ),
                Err(unreadable) => unreadable,
            }
        }
        Sdk::TransactionCanceledException(canceled) => {
            let reasons = canceled
                .cancellation_reasons
                .unwrap_or_default()
                .into_iter()
                .map(|reason| {
                    Ok(CancellationReason {
                        code: reason.code.unwrap_or_default(),
                        message: reason.message,
                        item: reason.item.map(item_from_sdk).transpose()?,
                    })
                });
            match reasons.collect() {
                Ok(reasons) => Error::transaction_canceled(
                    canceled.message.or(meta_message).unwrap_or_default(),
                    reasons,
                ),
                Err(unreadable) => unreadable,
            }
        }
        other => match other.code() {
            Some(code) => Error::from_code(code, meta_message.unwrap_or_default()),
            // An error response without an exception name (an HTML page from a proxy, an
            // empty 500): nothing DynamoDB said, so the answer was not readable.
            None => {
                let text = format!(
                    "DynamoDB answered with an error that names no exception: {}",
                    DisplayErrorContext(&other)
                );
                Error::transport(text, other)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use aws_sdk_dynamodb::error::ErrorMetadata;
    use aws_sdk_dynamodb::operation::put_item::PutItemError;
    use aws_sdk_dynamodb::types::error::{
        ConditionalCheckFailedException, TransactionCanceledException,
    };
    use aws_sdk_dynamodb::types::{AttributeValue as SdkValue, CancellationReason as SdkReason};

    use super::*;
    use crate::ErrorKind;
    use crate::model::AttributeValue;

    fn unhandled(code: &str, message: &str) -> aws_sdk_dynamodb::Error {
        let meta = ErrorMetadata::builder().code(code).message(message).build();
        PutItemError::generic(meta).into()
    }

    #[test]
    fn service_errors_keep_name_kind_and_message() {
        let cases = [
            ("ValidationException", ErrorKind::Validation),
            ("SerializationException", ErrorKind::Serialization),
            ("ResourceNotFoundException", ErrorKind::ResourceNotFound),
            ("ResourceInUseException", ErrorKind::ResourceInUse),
            (
                "ProvisionedThroughputExceededException",
                ErrorKind::ProvisionedThroughputExceeded,
            ),
            ("ThrottlingException", ErrorKind::Throttling),
            ("RequestLimitExceeded", ErrorKind::RequestLimitExceeded),
            ("InternalServerError", ErrorKind::InternalServer),
            ("UnknownOperationException", ErrorKind::UnknownOperation),
            ("UnrecognizedClientException", ErrorKind::AccessDenied),
            ("SomethingNewException", ErrorKind::OtherService),
        ];
        for (code, kind) in cases {
            let error = from_service(unhandled(code, "the message"));
            assert_eq!(
                (error.kind(), error.code(), error.message()),
                (kind, Some(code), "the message")
            );
        }
        assert!(from_service(unhandled("ThrottlingException", "slow")).is_throttled());
        assert!(from_service(unhandled("ThrottlingException", "slow")).is_retryable());
    }

    #[test]
    fn modeled_exceptions_map_like_unmodeled_ones() {
        let modeled = aws_sdk_dynamodb::Error::ResourceNotFoundException(
            aws_sdk_dynamodb::types::error::ResourceNotFoundException::builder()
                .message("Requested resource not found")
                .meta(
                    ErrorMetadata::builder()
                        .code("ResourceNotFoundException")
                        .message("Requested resource not found")
                        .build(),
                )
                .build(),
        );
        let error = from_service(modeled);
        assert!(error.is_resource_not_found());
        assert_eq!(error.message(), "Requested resource not found");
    }

    #[test]
    fn a_failed_condition_keeps_the_old_item() {
        let failed = ConditionalCheckFailedException::builder()
            .message("The conditional request failed")
            .item("id", SdkValue::S("a".into()))
            .item("n", SdkValue::N("1.50".into()))
            .meta(
                ErrorMetadata::builder()
                    .code("ConditionalCheckFailedException")
                    .build(),
            )
            .build();
        let error = from_service(aws_sdk_dynamodb::Error::ConditionalCheckFailedException(
            failed,
        ));
        assert!(error.is_conditional_check_failed());
        assert_eq!(error.message(), "The conditional request failed");
        let item = error.item().unwrap();
        assert_eq!(item["id"], AttributeValue::S("a".into()));
        assert_eq!(
            item["n"].as_n().map(ToString::to_string).as_deref(),
            Some("1.5")
        );
    }

    #[test]
    fn a_cancelled_transaction_keeps_its_reasons_in_order() {
        let canceled = TransactionCanceledException::builder()
            .message("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]")
            .cancellation_reasons(SdkReason::builder().code("None").build())
            .cancellation_reasons(
                SdkReason::builder()
                    .code("ConditionalCheckFailed")
                    .message("The conditional request failed")
                    .item("id", SdkValue::S("b".into()))
                    .build(),
            )
            .meta(ErrorMetadata::builder().code("TransactionCanceledException").build())
            .build();
        let error = from_service(aws_sdk_dynamodb::Error::TransactionCanceledException(
            canceled,
        ));
        assert!(error.is_transaction_canceled());
        let reasons = error.cancellation_reasons();
        assert_eq!(reasons.len(), 2);
        assert_eq!(
            (reasons[0].code.as_str(), reasons[0].message.as_deref()),
            ("None", None)
        );
        assert_eq!(reasons[1].code, "ConditionalCheckFailed");
        assert_eq!(
            reasons[1].item.as_ref().map(|i| i["id"].clone()),
            Some(AttributeValue::S("b".into()))
        );
    }

    #[test]
    fn unreadable_items_in_errors_are_transport_errors() {
        let failed = ConditionalCheckFailedException::builder()
            .item("n", SdkValue::N("not a number".into()))
            .meta(
                ErrorMetadata::builder()
                    .code("ConditionalCheckFailedException")
                    .build(),
            )
            .build();
        let error = from_service(aws_sdk_dynamodb::Error::ConditionalCheckFailedException(
            failed,
        ));
        assert_eq!(error.kind(), ErrorKind::Transport);
    }

    #[test]
    fn an_error_without_a_name_is_a_transport_error() {
        let error = from_service(
            PutItemError::generic(ErrorMetadata::builder().message("<html>").build()).into(),
        );
        assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
        assert!(error.source().is_some());
    }

    #[test]
    fn sdk_failures_without_an_answer_are_transport_or_configuration_errors() {
        type E = SdkError<PutItemError, ()>;
        let io =
            || std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        let timeout: E = SdkError::timeout_error(io());
        assert_eq!(from_sdk(timeout).kind(), ErrorKind::Transport);
        let response: E = SdkError::response_error(io(), ());
        assert_eq!(from_sdk(response).kind(), ErrorKind::Transport);
        let construction: E = SdkError::construction_failure("no region");
        let error = from_sdk(construction);
        assert_eq!(error.kind(), ErrorKind::Configuration);
        assert!(error.message().contains("no region"), "{}", error.message());
        let dispatch: E =
            SdkError::dispatch_failure(aws_sdk_dynamodb::error::ConnectorError::io(io().into()));
        let error = from_sdk(dispatch);
        assert_eq!(error.kind(), ErrorKind::Transport);
        assert!(error.is_retryable());
        assert!(
            error.message().contains("connection refused"),
            "{}",
            error.message()
        );
        assert!(error.source().is_some());
    }
}
