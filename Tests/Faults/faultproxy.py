#!/usr/bin/env python3
"""A fault-injecting HTTP/1.1 proxy for loopback tests of FareLegami Sync.

Sits between `farelegami` clients and `farelegami-server` and, request by request, lets them through
or breaks them the way networks break:

  pass               forward the request, return the answer
  drop_response      forward the request (the server commits it), then close without answering: ack loss
  truncate_response  forward the request, return only half of the answer, then close
  truncate_request   send only half of the request body to the server, then close both sides
  delay              wait `delay` seconds (default 2), then forward normally
  reset              close the client's connection with a TCP reset before forwarding anything
  duplicate          send the request to the server twice, return the second answer
  partition_up       client -> server blocked: hold the request `hold` seconds (default 1), never forward it
  partition_down     server -> client blocked: forward the request, hold the answer `hold` seconds, drop it
  partition_both     nothing passes: close at once without forwarding

What to do is read from a JSON control file before every request (tests rewrite it to change faults):

  {"rules": [{"path": "/v1/push", "fault": "drop_response", "times": 1}],
   "random": {"probability": 0.3, "faults": ["reset", "drop_response"], "paths": ["/v1/"]},
   "seed": 7}

Rules apply in order to requests whose path starts with `path` (default: any); `times` limits how many
requests a rule breaks (default: unlimited) and `after` how many matching requests pass first. Counters restart whenever the control file changes.
Without a matching rule, `random` breaks a request with `probability` (seeded). Every request is logged
to `--log` as one line: `<n> <fault> <method> <path> <status or ->`.

Usage: faultproxy.py --upstream 127.0.0.1:8080 [--listen 0] --control plan.json [--log proxy.log]
Prints `listening on 127.0.0.1:<port>` once ready. Loopback only.
"""
import argparse
import asyncio
import json
import os
import random
import signal
import socket
import struct
import sys


class Plan:
    def __init__(self, path):
        self.path = path
        self.stamp = None
        self.rules = []
        self.random = None
        self.rng = random.Random(0)
        self.used = []

    def refresh(self):
        try:
            stat = os.stat(self.path)
            stamp = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp == self.stamp:
            return
        self.stamp = stamp
        data = {}
        if stamp is not None:
            try:
                with open(self.path) as handle:
                    data = json.load(handle)
            except (OSError, ValueError):
                data = {}
        self.rules = data.get("rules", [])
        self.random = data.get("random")
        self.rng = random.Random(data.get("seed", 0))
        self.used = [0] * len(self.rules)

    def choose(self, path):
        self.refresh()
        for index, rule in enumerate(self.rules):
            if not path.startswith(rule.get("path", "")):
                continue
            times = rule.get("times")
            after = rule.get("after", 0)
            self.used[index] += 1
            if self.used[index] <= after or (times is not None and self.used[index] > after + times):
                continue
            return rule
        chance = self.random
        if chance and any(path.startswith(p) for p in chance.get("paths", [""])):
            if self.rng.random() < chance.get("probability", 0):
                return {"fault": self.rng.choice(chance.get("faults", ["pass"]))}
        return {"fault": "pass"}


async def read_message(reader, is_request):
    """One HTTP/1.1 message as (head bytes, body bytes); None at a clean end of stream."""
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = await reader.read(65536)
        if not chunk:
            if head:
                raise ConnectionError("stream ended inside a header")
            return None
        head += chunk
    head, rest = head.split(b"\r\n\r\n", 1)
    head += b"\r\n\r\n"
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            name, value = line.split(b":", 1)
            headers[name.strip().lower()] = value.strip()
    body = rest
    if b"content-length" in headers:
        length = int(headers[b"content-length"])
        while len(body) < length:
            chunk = await reader.read(length - len(body))
            if not chunk:
                raise ConnectionError("stream ended inside a body")
            body += chunk
    elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        while not body.endswith(b"0\r\n\r\n"):
            chunk = await reader.read(65536)
            if not chunk:
                raise ConnectionError("stream ended inside a chunked body")
            body += chunk
    elif not is_request:
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                break
            body += chunk
    return head, body


async def exchange(upstream, head, body, partial=False):
    """Sends one request to the server on a fresh connection; returns its answer (None when cut)."""
    reader, writer = await asyncio.open_connection(*upstream)
    try:
        if partial:
            writer.write(head + body[: len(body) // 2])
            await writer.drain()
            return None
        writer.write(head + body)
        await writer.drain()
        return await read_message(reader, is_request=False)
    finally:
        writer.close()


def reset(writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.close()


class Proxy:
    def __init__(self, upstream, plan, log):
        self.upstream = upstream
        self.plan = plan
        self.log = log
        self.count = 0

    def record(self, fault, head, answer):
        self.count += 1
        first = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
        status = answer[0].split(b" ", 2)[1].decode() if answer else "-"
        if self.log:
            with open(self.log, "a") as handle:
                handle.write(f"{self.count} {fault} {first[0]} {first[1] if len(first) > 1 else '?'} {status}\n")

    async def serve(self, reader, writer):
        try:
            while True:
                request = await read_message(reader, is_request=True)
                if request is None:
                    break
                head, body = request
                path = head.split(b" ", 2)[1].decode("latin-1")
                rule = self.plan.choose(path)
                fault = rule.get("fault", "pass")
                if fault == "partition_both":
                    self.record(fault, head, None)
                    writer.close()
                    return
                if fault == "reset":
                    self.record(fault, head, None)
                    reset(writer)
                    return
                if fault == "partition_up":
                    await asyncio.sleep(rule.get("hold", 1))
                    self.record(fault, head, None)
                    reset(writer)
                    return
                if fault == "truncate_request":
                    await exchange(self.upstream, head, body, partial=True)
                    self.record(fault, head, None)
                    reset(writer)
                    return
                if fault == "delay":
                    await asyncio.sleep(rule.get("delay", 2))
                if fault == "duplicate":
                    await exchange(self.upstream, head, body)
                answer = await exchange(self.upstream, head, body)
                self.record(fault, head, answer)
                if answer is None:
                    reset(writer)
                    return
                if fault == "drop_response":
                    reset(writer)
                    return
                if fault == "partition_down":
                    await asyncio.sleep(rule.get("hold", 1))
                    reset(writer)
                    return
                if fault == "truncate_response":
                    whole = answer[0] + answer[1]
                    writer.write(answer[0] + answer[1][: max(1, len(answer[1]) // 2)] if answer[1] else whole[: len(whole) // 2])
                    await writer.drain()
                    reset(writer)
                    return
                writer.write(answer[0] + answer[1])
                await writer.drain()
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            reset(writer)
        finally:
            if not writer.is_closing():
                writer.close()


async def main():
    # A parent may spawn us with signals blocked (test runners do): SIGTERM and SIGINT must stop the proxy.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, set(signal.Signals))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upstream", required=True, help="the server, HOST:PORT (loopback)")
    parser.add_argument("--listen", type=int, default=0, help="the port to listen on (0: any free one)")
    parser.add_argument("--control", required=True, help="the JSON control file")
    parser.add_argument("--log", help="append one line per request to this file")
    arguments = parser.parse_args()
    host, port = arguments.upstream.rsplit(":", 1)
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("faultproxy: loopback upstreams only")
    proxy = Proxy((host, int(port)), Plan(arguments.control), arguments.log)
    server = await asyncio.start_server(proxy.serve, "127.0.0.1", arguments.listen)
    print(f"listening on 127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
