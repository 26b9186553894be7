"""One warm instance of a Python Lambda function (a long-lived process).

Usage: python3 -c "$(cat bootstrap.py)" <codeDir> <handler>   (handler: dir/file.method)
(or python3 bootstrap.py <codeDir> <handler>)

Requests arrive on stdin, one JSON object per line: {"id", "event", "deadline", "clientContext"}.
Replies go to file descriptor 3 (never stdout, so print() cannot corrupt the protocol), one JSON
object per line:
  {"t": "ready"} | {"t": "initError", "error": {...}}
  {"t": "log", "id": ..., "line": ...}
  {"t": "result", "id": ..., "payload": <value>}
  {"t": "error", "id": ..., "error": {"errorType", "errorMessage", "stackTrace"}}
The handler's print() / sys.stderr writes become "log" messages of the current request.
"""
import importlib
import json
import os
import sys
import time
import traceback

CODE_DIR, HANDLER = sys.argv[1], sys.argv[2]
# Frames of this script are left out of tracebacks ("<string>" when run with -c).
BOOTSTRAP_FILE = globals().get("__file__", "<string>")
PROTOCOL = os.fdopen(3, "w", encoding="utf-8", buffering=1)
CURRENT_ID = None


def send(message):
    PROTOCOL.write(json.dumps(message, separators=(",", ":"), default=str) + "\n")
    PROTOCOL.flush()


class LogWriter:
    """A text stream that turns each written line into a "log" message."""

    def __init__(self):
        self.pending = ""
        self.encoding = "utf-8"

    def write(self, text):
        self.pending += text
        while "\n" in self.pending:
            line, self.pending = self.pending.split("\n", 1)
            send({"t": "log", "id": CURRENT_ID, "line": line})
        return len(text)

    def flush(self):
        if self.pending:
            line, self.pending = self.pending, ""
            send({"t": "log", "id": CURRENT_ID, "line": line})

    def isatty(self):
        return False

    def writable(self):
        return True


def error_of(error, tb=None):
    frames = [frame for frame in traceback.extract_tb(tb if tb is not None else error.__traceback__) if frame.filename != BOOTSTRAP_FILE]
    return {
        "errorType": type(error).__name__,
        "errorMessage": str(error),
        "stackTrace": traceback.format_list(frames),
    }


class Context:
    def __init__(self, request, fn):
        self.function_name = fn["name"]
        self.function_version = "$LATEST"
        self.invoked_function_arn = fn["arn"]
        self.memory_limit_in_mb = str(fn["memorySize"])
        self.aws_request_id = request["id"]
        self.log_group_name = fn["logGroupName"]
        self.log_stream_name = fn["logStreamName"]
        self.client_context = request.get("clientContext")
        self.identity = None
        self._deadline = request["deadline"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline - time.time() * 1000))


def load_handler():
    module_path, _, method = HANDLER.rpartition(".")
    if not module_path:
        raise ValueError("Bad handler '%s': expected 'file.method'" % HANDLER)
    module_name = module_path.replace("/", ".").lstrip(".")
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # noqa: BLE001 — reported as Lambda does
        wrapped = ImportError("Unable to import module '%s': %s" % (module_name, error))
        wrapped.lambda_type = "Runtime.ImportModuleError"
        raise wrapped from error
    handler = getattr(module, method, None)
    if not callable(handler):
        missing = AttributeError("Handler '%s' missing on module '%s'" % (method, module_name))
        missing.lambda_type = "Runtime.HandlerNotFound"
        raise missing
    return handler


def main():
    global CURRENT_ID
    sys.path.insert(0, CODE_DIR)
    os.chdir(CODE_DIR)
    fn = json.loads(os.environ.pop("_STRATUS_FUNCTION"))
    sys.stdout = LogWriter()
    sys.stderr = LogWriter()
    try:
        handler = load_handler()
    except Exception as error:  # noqa: BLE001
        info = error_of(error)
        info["errorType"] = getattr(error, "lambda_type", info["errorType"])
        send({"t": "initError", "error": info})
        return
    send({"t": "ready"})
    for line in sys.__stdin__:
        if not line.strip():
            continue
        request = json.loads(line)
        CURRENT_ID = request["id"]
        try:
            result = handler(request.get("event"), Context(request, fn))
            sys.stdout.flush()
            sys.stderr.flush()
            try:
                reply = json.dumps({"t": "result", "id": CURRENT_ID, "payload": result}, separators=(",", ":"))
            except (TypeError, ValueError) as error:
                send({"t": "error", "id": CURRENT_ID, "error": {"errorType": "Runtime.MarshalError", "errorMessage": "Unable to marshal response: %s" % error}})
                continue
            PROTOCOL.write(reply + "\n")
            PROTOCOL.flush()
        except Exception as error:  # noqa: BLE001 — the handler's error is the reply
            sys.stdout.flush()
            sys.stderr.flush()
            send({"t": "error", "id": CURRENT_ID, "error": error_of(error)})


if __name__ == "__main__":
    main()
