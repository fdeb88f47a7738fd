#!/usr/bin/env python3
"""A scripted fake of the Anthropic Messages API, for running the real Claude Code CLI in tests.

    scripts/fake-messages-api.py --rules RULES.json --log LOG.jsonl --port-file PORT [--max-seconds N]

Listens on 127.0.0.1 on a free port (written to --port-file once listening, atomically) and
answers requests concurrently, one thread each, until killed or --max-seconds (default 600) pass.
Point the CLI at it with ANTHROPIC_BASE_URL=http://127.0.0.1:PORT ANTHROPIC_API_KEY=dummy.

Endpoints
  POST /v1/messages[?...]              a scripted reply: server-sent events when the body has
                                       "stream": true, else one JSON message
  POST /v1/messages/count_tokens[?...] {"input_tokens": 1}
  HEAD or GET /                        200, empty (a reachability probe)
  anything else                        404 with an Anthropic-style error body
Every request is appended to --log as one JSON line:
  {"seq", "time", "method", "path", "headers", "body", ["body_error", "raw"], ["rule"], ["reply"]}
"body" is the parsed JSON body (null when there is none or it does not parse; then "body_error"
says why and "raw" holds the text). A request http.server cannot parse at all is logged with
"protocol_error" and its raw request line. "rule" is the index of the rule that answered (null:
the default reply), "reply" the blocks sent. Malformed requests are logged and answered with 400.

Rules file
  {"rules": [{"when": {...}, "reply": [BLOCK, ...], "times": N}, ...], "default": [BLOCK, ...]}
The first rule whose "when" holds and that has fired fewer than "times" times (no "times": no
limit) answers. "when" keys, all optional, all must hold:
  system_contains          substring of the request's "system" field (a string, or the texts of
                           its blocks joined with newlines); role "system" entries of "messages"
                           (Claude Code puts its environment and agent list there) are not part
                           of it: any_message_contains sees them
  last_user_text_contains  substring of the last user message's text: a string content, its text
                           blocks and its tool_result contents, joined with newlines
  last_is_tool_result      true: the last message (role "system" messages skipped) is a user
                           message holding a tool_result block (false: it is not)
  any_message_contains     substring of any string anywhere in "messages"
  tool_available           a tool of that name is in the request's "tools"
  model_contains           substring of the request's "model"
  stream                   the request's "stream" flag equals this bool
An unknown key is an error (the server exits 1 at start). A *_contains or tool_available value
may also be a list: every entry must hold.
Blocks: {"type": "text", "text": "..."} or {"type": "tool_use", "name": "Bash", "input": {...}}
(ids are generated; an "id" given is kept). A rule may add "delay_seconds" (sleep before
answering) and "stop_reason" (else "tool_use" when a tool_use block is sent, "end_turn"
otherwise). No "default": one text block "OK".
"""

import argparse
import itertools
import json
import os
import signal
import sys
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

DEFAULT_REPLY = [{"type": "text", "text": "OK"}]
WHEN_KEYS = {
    "system_contains", "last_user_text_contains", "last_is_tool_result", "any_message_contains",
    "tool_available", "model_contains", "stream",
}


class Script:
    """The rules and how often each has fired; shared by all request threads."""

    def __init__(self, document):
        if not isinstance(document, dict):
            raise ValueError("the rules file must hold a JSON object")
        rules = document.get("rules", [])
        if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
            raise ValueError('"rules" must be a list of objects')
        for index, rule in enumerate(rules):
            if not isinstance(rule.get("reply", []), list):
                raise ValueError(f'rule {index}: "reply" must be a list of blocks')
            if not isinstance(rule.get("when", {}), dict):
                raise ValueError(f'rule {index}: "when" must be an object')
            unknown = sorted(set(rule.get("when", {})) - WHEN_KEYS)
            if unknown:
                raise ValueError(f'rule {index}: unknown "when" key(s) {", ".join(unknown)}')
        self.rules = rules
        self.default = document.get("default", DEFAULT_REPLY)
        if not isinstance(self.default, list):
            raise ValueError('"default" must be a list of blocks')
        self.fired = [0] * len(rules)
        self.lock = threading.Lock()

    def choose(self, body):
        """(rule index or None, rule or None, reply blocks) for a request body."""
        facts = Facts(body)
        with self.lock:
            for index, rule in enumerate(self.rules):
                times = rule.get("times")
                if isinstance(times, int) and self.fired[index] >= times:
                    continue
                if facts.holds(rule.get("when", {})):
                    self.fired[index] += 1
                    return index, rule, rule.get("reply", [])
        return None, None, self.default


def texts_of(value):
    """Every string inside a JSON value, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from texts_of(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_of(item)


def content_text(content):
    """The text of a message content: a string, or its text blocks and tool_result contents."""
    if isinstance(content, str):
        return content
    parts = []
    if isinstance(content, list):
        for block in content:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, dict):
                if block.get("type") == "text" and isinstance(block.get("text"), str):
                    parts.append(block["text"])
                elif block.get("type") == "tool_result":
                    parts.append(content_text(block.get("content", "")))
    return "\n".join(parts)


class Facts:
    def __init__(self, body):
        body = body if isinstance(body, dict) else {}
        system = body.get("system", "")
        self.system = system if isinstance(system, str) else content_text(system)
        messages = body.get("messages")
        self.messages = messages if isinstance(messages, list) else []
        self.everything = "\n".join(texts_of(self.messages))
        last_user = next((m for m in reversed(self.messages) if isinstance(m, dict) and m.get("role") == "user"), None)
        self.last_user_text = content_text(last_user.get("content", "")) if last_user else ""
        # Claude Code sends role "system" messages (environment, agent list) among the others.
        last = next((m for m in reversed(self.messages) if not (isinstance(m, dict) and m.get("role") == "system")), None)
        self.last_is_tool_result = (
            isinstance(last, dict)
            and last.get("role") == "user"
            and isinstance(last.get("content"), list)
            and any(isinstance(b, dict) and b.get("type") == "tool_result" for b in last["content"])
        )
        tools = body.get("tools")
        self.tools = {t.get("name") for t in tools if isinstance(t, dict)} if isinstance(tools, list) else set()
        self.model = body.get("model") if isinstance(body.get("model"), str) else ""
        self.stream = body.get("stream") is True

    @staticmethod
    def contains(haystack, needles):
        needles = needles if isinstance(needles, list) else [needles]
        return all(isinstance(n, str) and n in haystack for n in needles)

    def holds(self, when):
        checks = {
            "system_contains": lambda v: self.contains(self.system, v),
            "last_user_text_contains": lambda v: self.contains(self.last_user_text, v),
            "last_is_tool_result": lambda v: self.last_is_tool_result == bool(v),
            "any_message_contains": lambda v: self.contains(self.everything, v),
            "tool_available": lambda v: all(n in self.tools for n in (v if isinstance(v, list) else [v])),
            "model_contains": lambda v: self.contains(self.model, v),
            "stream": lambda v: self.stream == bool(v),
        }
        for key, value in when.items():
            check = checks.get(key)
            if check is None or not check(value):  # an unknown key never holds: a typo must not match everything
                return False
        return True


_ids = itertools.count(1)


def new_id(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:20]}{next(_ids):04d}"


def normalized_blocks(reply):
    """The reply as API content blocks, each tool_use with a unique id."""
    blocks = []
    for block in reply:
        if not isinstance(block, dict):
            blocks.append({"type": "text", "text": str(block)})
        elif block.get("type") == "tool_use":
            tool_input = block.get("input", {})
            blocks.append({
                "type": "tool_use",
                "id": block.get("id") or new_id("toolu"),
                "name": str(block.get("name", "")),
                "input": tool_input if isinstance(tool_input, dict) else {},
            })
        else:
            blocks.append({"type": "text", "text": str(block.get("text", ""))})
    return blocks


def usage(output_tokens=1):
    return {
        "input_tokens": 1,
        "output_tokens": output_tokens,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    }


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, script, log_path):
        super().__init__(address, Handler)
        self.script = script
        self.log_path = log_path
        self.log_lock = threading.Lock()
        self.sequence = itertools.count(1)

    def log_request_record(self, record):
        record["seq"] = next(self.sequence)
        line = json.dumps(record, ensure_ascii=False, default=str)
        with self.log_lock:
            try:
                with open(self.log_path, "a", encoding="utf-8") as log:
                    log.write(line + "\n")
                    log.flush()
            except OSError as error:
                sys.stderr.write(f"fake-messages-api: cannot write log: {error}\n")

    def handle_error(self, request, client_address):
        # A client that hung up mid-answer (or anything else) must not stop the server.
        sys.stderr.write(f"fake-messages-api: error serving {client_address}:\n{traceback.format_exc()}")


class BadRequest(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-messages-api/1"

    def log_message(self, format, *args):  # the JSONL log replaces the default access log
        pass

    def send_error(self, code, message=None, explain=None):
        # Only http.server calls this: a request line or headers it could not parse.
        raw = getattr(self, "raw_requestline", b"") or b""
        self.server.log_request_record({
            "time": time.time(), "method": getattr(self, "command", None), "path": getattr(self, "path", None),
            "headers": dict(self.headers.items()) if getattr(self, "headers", None) else {}, "body": None,
            "protocol_error": f"{code} {message or ''}".strip(), "raw": raw.decode("latin-1"),
        })
        super().send_error(code, message, explain)

    # --- entry points -------------------------------------------------------------------------

    def do_POST(self):
        self.dispatch("POST")

    def do_GET(self):
        self.dispatch("GET")

    def do_HEAD(self):
        self.dispatch("HEAD")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def do_PATCH(self):
        self.dispatch("PATCH")

    def do_OPTIONS(self):
        self.dispatch("OPTIONS")

    def dispatch(self, method):
        record = {"time": time.time(), "method": method, "path": self.path, "headers": dict(self.headers.items()), "body": None}
        try:
            raw = self.read_body()
            if raw:
                try:
                    record["body"] = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, ValueError) as error:
                    record["body_error"] = f"not JSON: {error}"
                    record["raw"] = raw.decode("utf-8", errors="replace")
            route = urlsplit(self.path).path.rstrip("/")
            if method == "POST" and route == "/v1/messages":
                self.messages(record)
            elif method == "POST" and route == "/v1/messages/count_tokens":
                self.server.log_request_record(record)
                self.send_json(200, {"input_tokens": 1})
            elif method in ("GET", "HEAD") and route == "":
                self.server.log_request_record(record)
                self.send_json(200, None)
            else:
                self.server.log_request_record(record)
                self.send_error_json(404, "not_found_error", f"fake-messages-api has no {method} {route or '/'}")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except BadRequest as error:
            record["body_error"] = str(error)
            self.server.log_request_record(record)
            self.close_connection = True
            self.send_error_json(400, "invalid_request_error", str(error))
        except Exception as error:  # never let one request take the server down
            record["handler_error"] = f"{type(error).__name__}: {error}"
            self.server.log_request_record(record)
            traceback.print_exc()
            self.close_connection = True
            try:
                self.send_error_json(500, "api_error", f"fake-messages-api failed: {error}")
            except OSError:
                pass

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = bytearray()
            while True:
                size_line = self.rfile.readline(65537)
                if not size_line:
                    break
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                data += self.rfile.read(size)
                self.rfile.readline(65537)
            return bytes(data)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise BadRequest(f"bad Content-Length {self.headers.get('Content-Length')!r}")
        return self.rfile.read(length) if length > 0 else b""

    # --- /v1/messages -------------------------------------------------------------------------

    def messages(self, record):
        body = record["body"]
        if not isinstance(body, dict):
            record["rule"] = None
            self.server.log_request_record(record)
            self.send_error_json(400, "invalid_request_error", record.get("body_error", "the body must be a JSON object"))
            return
        index, rule, reply = self.server.script.choose(body)
        blocks = normalized_blocks(reply)
        record["rule"] = index
        record["reply"] = blocks
        self.server.log_request_record(record)
        delay = (rule or {}).get("delay_seconds")
        if isinstance(delay, (int, float)) and delay > 0:
            time.sleep(delay)
        stop_reason = (rule or {}).get("stop_reason") or (
            "tool_use" if any(b["type"] == "tool_use" for b in blocks) else "end_turn")
        model = body.get("model") if isinstance(body.get("model"), str) else "fake-model"
        message_id = new_id("msg")
        if body.get("stream") is True:
            self.stream(message_id, model, blocks, stop_reason)
        else:
            self.send_json(200, {
                "id": message_id,
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": blocks,
                "stop_reason": stop_reason,
                "stop_sequence": None,
                "usage": usage(max(1, len(blocks))),
            })

    def stream(self, message_id, model, blocks, stop_reason):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("request-id", new_id("req"))
        self.end_headers()
        self.event("message_start", {
            "type": "message_start",
            "message": {
                "id": message_id, "type": "message", "role": "assistant", "model": model, "content": [],
                "stop_reason": None, "stop_sequence": None, "usage": usage(1),
            },
        })
        self.event("ping", {"type": "ping"})
        for index, block in enumerate(blocks):
            if block["type"] == "tool_use":
                start = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
                delta = {"type": "input_json_delta", "partial_json": json.dumps(block["input"], ensure_ascii=False)}
            else:
                start = {"type": "text", "text": ""}
                delta = {"type": "text_delta", "text": block["text"]}
            self.event("content_block_start", {"type": "content_block_start", "index": index, "content_block": start})
            self.event("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})
            self.event("content_block_stop", {"type": "content_block_stop", "index": index})
        self.event("message_delta", {
            "type": "message_delta",
            "delta": {"stop_reason": stop_reason, "stop_sequence": None},
            "usage": {"output_tokens": max(1, len(blocks))},
        })
        self.event("message_stop", {"type": "message_stop"})
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def event(self, name, data):
        payload = f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode("utf-8")
        self.wfile.write(f"{len(payload):X}\r\n".encode("ascii") + payload + b"\r\n")
        self.wfile.flush()

    # --- plain answers ------------------------------------------------------------------------

    def send_json(self, status, value):
        data = b"" if value is None else json.dumps(value, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("request-id", new_id("req"))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.wfile.flush()

    def send_error_json(self, status, kind, message):
        self.send_json(status, {"type": "error", "error": {"type": kind, "message": message}})


def main():
    # A child inherits its spawner's blocked signals (Swift Testing's threads block SIGTERM):
    # unblock them, so that a plain kill stops the server.
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description="A scripted fake of the Anthropic Messages API.")
    parser.add_argument("--rules", help="rules JSON file (default: no rules, every reply is 'OK')")
    parser.add_argument("--log", required=True, help="JSONL file, one line per request")
    parser.add_argument("--port-file", required=True, help="file that receives the port once listening")
    parser.add_argument("--max-seconds", type=float, default=600, help="exit after this long (default 600)")
    arguments = parser.parse_args()

    document = {}
    if arguments.rules:
        with open(arguments.rules, encoding="utf-8") as file:
            document = json.load(file)
    try:
        script = Script(document)
    except ValueError as error:
        sys.exit(f"fake-messages-api: {arguments.rules}: {error}")

    open(arguments.log, "a", encoding="utf-8").close()
    server = Server(("127.0.0.1", 0), script, arguments.log)
    port = server.server_address[1]

    def expire():
        sys.stderr.write(f"fake-messages-api: {arguments.max_seconds:g} s passed, exiting\n")
        sys.stderr.flush()
        os._exit(0)

    timer = threading.Timer(arguments.max_seconds, expire)
    timer.daemon = True
    timer.start()

    temporary = f"{arguments.port_file}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="ascii") as file:
        file.write(f"{port}\n")
    os.replace(temporary, arguments.port_file)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
