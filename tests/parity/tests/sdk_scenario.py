"""One DynamoDB scenario through boto3, printed as canonical JSON.

The parity suite runs it against dynamodel's HTTP server and against DynamoDB Local and
compares the two outputs: same answers, same error codes. boto3 also checks every response's
x-amz-crc32 header, so a wrong checksum fails here.

Usage: python3 sdk_scenario.py ENDPOINT ACCESS_KEY_ID
"""

import base64
import json
import sys
from decimal import Decimal

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main():
    endpoint, access_key = sys.argv[1], sys.argv[2]
    client = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=access_key,
        aws_secret_access_key="scenario",
        config=Config(retries={"max_attempts": 1}),
    )
    out = {}

    created = client.create_table(
        TableName="scenario",
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )["TableDescription"]
    out["created"] = {k: created[k] for k in ("TableName", "KeySchema", "AttributeDefinitions", "ItemCount")}

    every_type = {
        "pk": {"S": "p"},
        "sk": {"N": "1.50"},
        "s": {"S": "é\u0000x"},
        "empty_s": {"S": ""},
        "big": {"N": "12345678901234567890123456789012345678"},
        "tiny": {"N": "-1E-130"},
        "b": {"B": bytes(range(256))},
        "empty_b": {"B": b""},
        "bool": {"BOOL": False},
        "null": {"NULL": True},
        "m": {"M": {"nested": {"L": [{"N": "1e2"}, {"M": {}}]}}},
        "ss": {"SS": ["b", "a"]},
        "ns": {"NS": ["3", "0.10"]},
        "bs": {"BS": [b"\x00", b"\xff"]},
    }
    client.put_item(TableName="scenario", Item=every_type)
    for sk in ["2", "3", "4", "5"]:
        client.put_item(TableName="scenario", Item={"pk": {"S": "p"}, "sk": {"N": sk}, "v": {"S": "x" * int(sk)}})

    got = client.get_item(TableName="scenario", Key={"pk": {"S": "p"}, "sk": {"N": "1.5"}}, ConsistentRead=True)
    out["get"] = canonical(got["Item"])
    item = got["Item"]
    # The texts as returned (canonical() compares numbers by value).
    out["number_texts"] = [item["sk"]["N"], item["big"]["N"], item["tiny"]["N"], item["m"]["M"]["nested"]["L"][0]["N"]]

    page = client.query(
        TableName="scenario",
        KeyConditionExpression="pk = :p AND sk BETWEEN :low AND :high",
        ExpressionAttributeValues={":p": {"S": "p"}, ":low": {"N": "2"}, ":high": {"N": "5"}},
        ScanIndexForward=False,
        Limit=2,
    )
    out["query"] = {
        "Items": [canonical(i) for i in page["Items"]],
        "Count": page["Count"],
        "ScannedCount": page["ScannedCount"],
        "LastEvaluatedKey": canonical(page["LastEvaluatedKey"]),
    }
    counted = client.scan(TableName="scenario", Select="COUNT")
    out["scan_count"] = [counted["Count"], counted["ScannedCount"], "Items" in counted]

    old = client.delete_item(TableName="scenario", Key={"pk": {"S": "p"}, "sk": {"N": "5"}}, ReturnValues="ALL_OLD")
    out["deleted"] = canonical(old["Attributes"])
    out["tables"] = client.list_tables()["TableNames"]

    out["errors"] = {
        "missing_table": error_of(lambda: client.get_item(TableName="nope", Key={"pk": {"S": "p"}})),
        "key_type": error_of(lambda: client.get_item(TableName="scenario", Key={"pk": {"N": "1"}, "sk": {"N": "1"}})),
        "null_false": error_of(lambda: client.put_item(TableName="scenario", Item={"pk": {"S": "p"}, "sk": {"N": "9"}, "n": {"NULL": False}})),
        "overflow": error_of(lambda: client.put_item(TableName="scenario", Item={"pk": {"S": "p"}, "sk": {"N": "1e126"}})),
    }
    print(json.dumps(out, sort_keys=True, indent=1))


def canonical(item):
    """An item with binaries as base64, numbers by value and sets sorted."""
    def value(v):
        (kind, inner), = v.items()
        if kind == "B":
            return {kind: base64.b64encode(inner).decode()}
        if kind == "BS":
            return {kind: sorted(base64.b64encode(b).decode() for b in inner)}
        if kind == "N":
            return {kind: number(inner)}
        if kind == "NS":
            return {kind: sorted(number(n) for n in inner)}
        if kind == "SS":
            return {kind: sorted(inner)}
        if kind == "M":
            return {kind: canonical(inner)}
        if kind == "L":
            return {kind: [value(x) for x in inner]}
        return {kind: inner}
    return {k: value(v) for k, v in sorted(item.items())}


def number(text):
    """A number's value in plain notation, whatever notation it came in."""
    return "{:f}".format(Decimal(text).normalize())


def error_of(call):
    try:
        call()
    except ClientError as error:
        return [error.response["Error"]["Code"], error.response["Error"].get("Message"), error.response["ResponseMetadata"]["HTTPStatusCode"]]
    return None


if __name__ == "__main__":
    main()
