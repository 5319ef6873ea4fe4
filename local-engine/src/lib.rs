//! An in-process engine that behaves like Amazon DynamoDB.
