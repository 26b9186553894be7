import json
import os


def hello(event, context):
    return {
        "statusCode": 200,
        "headers": {"X-Runtime": "python"},
        "body": json.dumps({"path": event["path"], "id": event["pathParameters"]["id"], "isOffline": os.environ.get("IS_OFFLINE")}),
    }
