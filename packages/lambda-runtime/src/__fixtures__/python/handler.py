import os
import sys
import time

counter = {"calls": 0}


def hello(event, context):
    counter["calls"] += 1
    return {"message": "hello", "input": event, "calls": counter["calls"], "pid": os.getpid()}


def logs(event, context):
    print("printed line")
    print("to stderr", file=sys.stderr)
    return "done"


def raises(event, context):
    raise ValueError("bad value")


def sleep(event, context):
    time.sleep(event["seconds"])
    return "slept"


def ctx(event, context):
    return {
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "aws_request_id": context.aws_request_id,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "client_context": context.client_context,
        "env": {name: os.environ.get(name) for name in event.get("names", [])},
    }


def exits(event, context):
    os._exit(4)
