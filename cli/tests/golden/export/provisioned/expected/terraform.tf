# DynamoDB tables of the dynamodel models.

resource "aws_dynamodb_table" "audit-log_v1" {
  name           = "audit-log.v1"
  billing_mode   = "PAY_PER_REQUEST"
  hash_key       = "id"

  attribute {
    name = "id"
    type = "B"
  }
}

resource "aws_dynamodb_table" "orders" {
  name           = "orders"
  billing_mode   = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "pk"
  range_key      = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "status"
    type = "S"
  }

  attribute {
    name = "total"
    type = "N"
  }

  global_secondary_index {
    name               = "by_status"
    hash_key           = "status"
    range_key          = "sk"
    projection_type    = "INCLUDE"
    non_key_attributes = ["total", "note"]
    read_capacity      = 5
    write_capacity     = 2
  }

  local_secondary_index {
    name               = "by_total"
    range_key          = "total"
    projection_type    = "KEYS_ONLY"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  stream_enabled   = true
  stream_view_type = "NEW_IMAGE"

  tags = {
    "env" = "prod"
    "team" = "billing"
  }
}
