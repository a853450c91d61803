#!/usr/bin/env python3
"""Checks the read tier (scale/tier) with the published executable: two instances behind HAProxy
share what they sign. Run by .ci/run; needs haproxy.

    python3 scale/check-tier.py artifacts/publish/datasette-gen

Instance A mints a token (POST /-/create-token, signed in with the root login URL it printed);
instance B accepts it. A message cookie set by A is shown by B, and an actor cookie from A signs in
on B. A `_next` token from A's first page continues on B, and following next_url through HAProxy
(whose GETs alternate between the instances) lists every row once. An immutable database answers
on both with the same ETag, and a tag from A gets a 304 from B. Writes sent to HAProxy land on the
writer and are seen by both instances.
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROWS = 25


def free_block(size):
    """A port p with p..p+size-1 free on loopback (checked, not reserved)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + size >= 65535:
            continue
        try:
            sockets = []
            for p in range(base, base + size):
                t = socket.socket()
                sockets.append(t)
                t.bind(("127.0.0.1", p))
            return base
        except OSError:
            continue
        finally:
            for t in sockets:
                t.close()
    raise SystemExit("no free block of ports")


def request(port, method, path, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def cookie(headers, name):
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith(name + "="):
            return value.split(";", 1)[0]
    raise AssertionError("no %s cookie in %s" % (name, headers.get_all("Set-Cookie")))


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    exe = os.path.realpath(sys.argv[1])
    if shutil.which("haproxy") is None:
        raise SystemExit("check-tier: haproxy is not installed")
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp(prefix="tier-check-")
    data, ref = os.path.join(work, "data.db"), os.path.join(work, "ref.db")
    with sqlite3.connect(data) as conn:
        conn.execute("create table t (id integer primary key, name text)")
        conn.executemany("insert into t values (?, ?)", [(i, "row %d" % i) for i in range(1, ROWS + 1)])
    with sqlite3.connect(ref) as conn:
        conn.execute("create table r (id integer primary key, v text)")
        conn.executemany("insert into r values (?, ?)", [(i, "v%d" % i) for i in range(1, 6)])
    front = free_block(3)
    a, b = front + 1, front + 2
    env = dict(os.environ, DATASETTE_SECRET="tier-check-" + os.urandom(8).hex())
    tier = subprocess.Popen(
        ["bash", os.path.join(here, "tier"), "--instances", "2", "--port", str(front), "--exe", exe, "--dir", work,
         "--", data, "-i", ref, "--root", "-s", "default_page_size", "10"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        line = tier.stdout.readline()
        if not line.startswith("tier: http://"):
            raise AssertionError("the tier did not start: " + line + tier.stdout.read())
        print(line.strip())
        run_checks(work, front, a, b)
    finally:
        os.killpg(tier.pid, signal.SIGTERM)
        try:
            tier.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(tier.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)
    print("check-tier: passed")


def run_checks(work, front, a, b):
    # Root signs in on A through the one-time URL A printed.
    with open(os.path.join(work, "instance-1.log")) as f:
        login = re.search(r"/-/auth-token\?token=\w+", f.read())
    check(login is not None, "instance A printed its root login URL")
    status, headers, _ = request(a, "GET", login.group(0))
    check(status == 302, "A signs root in (302)")
    actor_cookie = cookie(headers, "ds_actor")

    status, _, body = request(b, "GET", "/-/actor.json", {"Cookie": actor_cookie})
    check(status == 200 and json.loads(body)["actor"]["id"] == "root", "B accepts the actor cookie A set")

    form = "expire_type=hours&expire_duration=1"
    status, _, body = request(a, "POST", "/-/create-token", {
        "Cookie": actor_cookie, "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}, form)
    token = re.search(rb"dstok_[A-Za-z0-9_.\-]+", body)
    check(status == 200 and token is not None, "A mints a token at /-/create-token")
    bearer = {"Authorization": "Bearer " + token.group(0).decode()}
    status, _, body = request(b, "GET", "/-/actor.json", bearer)
    actor = json.loads(body)["actor"] if status == 200 else None
    check(actor is not None and actor["id"] == "root" and actor.get("token") == "dstok", "B accepts the token A minted")

    status, headers, _ = request(a, "POST", "/-/messages", {
        "Cookie": actor_cookie, "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"},
        "message=hello+from+A&message_type=INFO")
    check(status == 302, "A adds a flash message")
    messages = cookie(headers, "ds_messages")
    status, _, body = request(b, "GET", "/-/messages", {"Cookie": actor_cookie + "; " + messages})
    check(status == 200 and b"hello from A" in body, "B shows the message A set")

    # _next made by A continues on B: the same rows as one listing.
    status, _, body = request(a, "GET", "/data/t.json?_sort_desc=name")
    first = json.loads(body)
    check(status == 200 and first["next"], "A's first page has a next token")
    status, _, body = request(b, "GET", "/data/t.json?_sort_desc=name&_next=" + urllib.parse.quote(first["next"]))
    second = json.loads(body)
    expected = sorted(range(1, ROWS + 1), key=lambda i: "row %d" % i, reverse=True)
    check(status == 200 and [r["id"] for r in first["rows"] + second["rows"]] == expected[:20], "B continues A's _next")

    # Through HAProxy, next_url hops between the instances; every row comes once.
    ids, served, path = [], set(), "/data/t.json?_sort_desc=name"
    while path:
        status, headers, body = request(front, "GET", path)
        check(status == 200, "GET %s through the tier" % path)
        served.add(headers.get("X-Tier-Instance"))
        page = json.loads(body)
        ids += [r["id"] for r in page["rows"]]
        path = urllib.parse.urlsplit(page["next_url"]).path + "?" + urllib.parse.urlsplit(page["next_url"]).query if page.get("next_url") else None
    check(ids == expected, "following next_url through the tier lists every row once")
    check(served == {"instance1", "instance2"}, "the tier's GETs went to both instances (%s)" % sorted(served))

    # The immutable database: served by both, under one tag.
    # (The tag names the URL, host included: behind HAProxy every instance sees the tier's host.)
    host = {"Host": "127.0.0.1:%d" % front}
    status_a, headers_a, _ = request(a, "GET", "/ref/r.json", host)
    status_b, headers_b, _ = request(b, "GET", "/ref/r.json", host)
    check(status_a == status_b == 200 and headers_a["ETag"] and headers_a["ETag"] == headers_b["ETag"], "both serve ref.db under the same ETag")
    status, _, _ = request(b, "GET", "/ref/r.json", dict(host, **{"If-None-Match": headers_a["ETag"]}))
    check(status == 304, "B answers 304 to A's tag")

    # A write through the front lands on the writer; both instances read it.
    status, headers, body = request(front, "POST", "/data/t/-/insert", dict(bearer, **{"Content-Type": "application/json"}),
                                    json.dumps({"row": {"id": 100, "name": "written"}}))
    check(status == 201 and headers.get("X-Tier-Instance") == "instance1", "a write through the tier goes to the writer (%d)" % status)
    for port in (a, b):
        status, _, body = request(port, "GET", "/data/t/100.json")
        check(status == 200 and b"written" in body, "instance on %d reads the write" % port)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print("check-tier: FAILED:", e, file=sys.stderr)
        sys.exit(1)
