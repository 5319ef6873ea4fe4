//! DynamoDB's data model: attribute values, exact numbers, items, table definitions and one
//! request/response pair per operation. Every type here serializes to and from DynamoDB's
//! JSON 1.0 wire format with serde.

mod enums;
mod number;
mod operations;
mod table;
mod value;
mod wire;

pub use enums::*;
pub use number::{MAX_SIGNIFICANT_DIGITS, Number, NumberError};
pub use operations::*;
pub use table::*;
pub use value::{AttributeType, AttributeValue, Item};
