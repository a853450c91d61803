#!/usr/bin/env python3
"""Concurrency and crash tests of the write API on the published executable (issue 15).

concurrency: 16 writer clients each insert 2,000 rows in batches of 100, upserting, updating and
deleting some of them as they go, while 8 clients read. Every acknowledged row must then be there
with its last acknowledged value (and every acknowledged delete gone), no answer may be a 5xx or
mention "database is locked", and a read issued after a write's 2xx must see that write.

crash: 16 clients insert and upsert rows as fast as they can; the server is killed with SIGKILL in
the middle of the burst and started again on the same files. PRAGMA integrity_check must say ok,
and every row whose write was acknowledged before the kill must be there with that value.

Usage: durability.py EXE [--workdir DIR]. Only the standard library; exits 1 on any failure.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

SECRET = "durability-test-secret"
WRITERS = 16
READERS = 8
ROWS_PER_WRITER = 2000
BATCH = 100
ID_SPAN = 1_000_000  # writer w owns ids [w * ID_SPAN, (w + 1) * ID_SPAN)


def log(message):
    print(f"durability: {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The executable serving one mutable database file, as root with a signed token."""

    def __init__(self, exe, db_path, workdir):
        self.exe, self.db_path, self.workdir = exe, db_path, workdir
        self.port = free_port()
        self.process = None
        self.token = subprocess.run([exe, "create-token", "root", "--secret", SECRET],
                                    check=True, capture_output=True, text=True).stdout.strip().split()[-1]

    def start(self):
        env = dict(os.environ, TMPDIR=self.workdir)
        self.process = subprocess.Popen([self.exe, "serve", self.db_path, "--root", "--secret", SECRET, "-p", str(self.port)],
                                        cwd=self.workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with status {self.process.returncode}")
            try:
                status, _ = Client(self).request("GET", "/-/versions.json")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not start within 20 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self):
        self.process.kill()  # SIGKILL: no shutdown code runs
        self.process.wait()


class Client:
    """One keep-alive connection; reconnects once when the server closed it."""

    def __init__(self, server):
        self.server = server
        self.connection = None

    def request(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + self.server.token}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
            try:
                self.connection.request(method, path, payload, headers)
                response = self.connection.getresponse()
                return response.status, response.read().decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                # A POST is never retried: it may have been applied; the caller treats it as unacknowledged.
                if attempt == 2 or method != "GET":
                    raise


class Failures:
    def __init__(self):
        self.lock = threading.Lock()
        self.items = []

    def add(self, message):
        with self.lock:
            if len(self.items) < 20:
                self.items.append(message)
            else:
                self.items.append(None)

    def check(self, where, status, text, expected=(200, 201)):
        if status >= 500 or status not in expected or "database is locked" in text:
            self.add(f"{where}: {status} {text[:200]}")
            return False
        return True


def create_database(workdir, test):
    """A fresh data.db (served as /data) in the test's own folder."""
    folder = os.path.join(workdir, test)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "data.db")
    connection = sqlite3.connect(path)
    connection.execute("create table items (id integer primary key, writer integer not null, value text not null)")
    connection.commit()
    connection.close()
    return path


def concurrency(exe, workdir):
    db_path = create_database(workdir, "concurrency")
    server = Server(exe, db_path, workdir)
    server.start()
    failures = Failures()
    models = [dict() for _ in range(WRITERS)]  # id -> last acknowledged value (None: deleted)
    writers_done = threading.Event()
    counts = {"requests": 0, "reads": 0}
    counts_lock = threading.Lock()

    def writer(w):
        client = Client(server)
        model = models[w]
        base = w * ID_SPAN
        requests = 0
        for batch in range(ROWS_PER_WRITER // BATCH):
            first = base + batch * BATCH
            rows = [{"id": first + i, "writer": w, "value": f"i{batch}.{i}"} for i in range(BATCH)]
            status, text = client.request("POST", "/data/items/-/insert", {"rows": rows})
            requests += 1
            if not failures.check(f"writer {w} insert", status, text):
                return
            for row in rows:
                model[row["id"]] = row["value"]
            # A read after the 2xx sees the write.
            status, text = client.request("GET", f"/data/items/{first + BATCH - 1}.json?_shape=array")
            if failures.check(f"writer {w} read-back", status, text, expected=(200,)) and json.loads(text)[0]["value"] != rows[-1]["value"]:
                failures.add(f"writer {w}: row {first + BATCH - 1} not visible after its insert was acknowledged")
            # Upsert half of the batch (and half of the previous one), new values.
            upserts = [{"id": first - BATCH // 2 + i, "writer": w, "value": f"u{batch}.{i}"} for i in range(BATCH)] if batch else \
                      [{"id": first + i, "writer": w, "value": f"u{batch}.{i}"} for i in range(BATCH // 2)]
            upserts = [row for row in upserts if model.get(row["id"], "") is not None]
            status, text = client.request("POST", "/data/items/-/upsert", {"rows": upserts})
            requests += 1
            if not failures.check(f"writer {w} upsert", status, text):
                return
            for row in upserts:
                model[row["id"]] = row["value"]
            # Update five rows one at a time, delete two.
            for i in range(5):
                row_id = first + 10 * i + 3
                status, text = client.request("POST", f"/data/items/{row_id}/-/update", {"update": {"value": f"x{batch}.{i}"}})
                requests += 1
                if not failures.check(f"writer {w} update {row_id}", status, text):
                    return
                model[row_id] = f"x{batch}.{i}"
            for row_id in (first + 7, first + 77):
                status, text = client.request("POST", f"/data/items/{row_id}/-/delete", {})
                requests += 1
                if not failures.check(f"writer {w} delete {row_id}", status, text):
                    return
                model[row_id] = None
        with counts_lock:
            counts["requests"] += requests

    def reader(r):
        client = Client(server)
        reads = 0
        paths = ["/data/items.json?_size=50&writer={}", "/data/-/query.json?sql=select+count(*)+from+items+where+writer+%3D+{}",
                 "/data/items.json?_sort_desc=id&_size=20&writer={}", "/data.json"]
        while not writers_done.is_set():
            path = paths[reads % len(paths)].format((r + reads) % WRITERS)
            status, text = client.request("GET", path)
            reads += 1
            failures.check(f"reader {r} {path}", status, text, expected=(200,))
        with counts_lock:
            counts["reads"] += reads

    started = time.time()
    readers = [threading.Thread(target=reader, args=(r,)) for r in range(READERS)]
    writers = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    elapsed = time.time() - started
    writers_done.set()
    for thread in readers:
        thread.join()

    # The server's own view, then the file's once it has stopped.
    client = Client(server)
    status, text = client.request("GET", "/data/-/query.json?sql=select+count(*)+as+n+from+items&_shape=array")
    served = json.loads(text)[0]["n"] if status == 200 else None
    server.stop()
    stored = dict(sqlite3.connect(db_path).execute("select id, value from items").fetchall())
    expected = {row_id: value for model in models for row_id, value in model.items() if value is not None}
    missing = [row_id for row_id, value in expected.items() if stored.get(row_id) != value]
    extra = [row_id for row_id in stored if row_id not in expected]
    if missing:
        failures.add(f"{len(missing)} acknowledged rows missing or stale, e.g. {missing[:5]} (stored {[stored.get(i) for i in missing[:5]]})")
    if extra:
        failures.add(f"{len(extra)} rows present that were deleted or never acknowledged, e.g. {extra[:5]}")
    if served != len(expected):
        failures.add(f"the server counted {served} rows, {len(expected)} acknowledged")
    inserted = WRITERS * ROWS_PER_WRITER
    log(f"concurrency: {WRITERS} writers x {ROWS_PER_WRITER} rows, {counts['requests']} write requests and {counts['reads']} reads "
        f"in {elapsed:.1f} s ({inserted / elapsed:.0f} rows inserted/s), {len(expected)} rows expected and found")
    return failures


def crash(exe, workdir):
    db_path = create_database(workdir, "crash")
    server = Server(exe, db_path, workdir)
    server.start()
    failures = Failures()
    models = [dict() for _ in range(WRITERS)]
    # The write in flight when the server died may or may not have committed: either value is right.
    in_flight = [dict() for _ in range(WRITERS)]
    stop = threading.Event()

    def writer(w):
        client = Client(server)
        model, pending = models[w], in_flight[w]
        batch = 0

        def send(path, rows, ok_status):
            pending.clear()
            pending.update((row["id"], row["value"]) for row in rows)
            try:
                status, text = client.request("POST", path, {"rows": rows})
            except OSError:
                return False  # the server died with this request in flight: never acknowledged
            if status >= 500 or "database is locked" in text or status != ok_status:
                failures.add(f"crash writer {w}: {status} {text[:200]}")
                return False
            model.update(pending)
            pending.clear()
            return True

        while not stop.is_set():
            first = w * ID_SPAN + batch * 20
            if not send("/data/items/-/insert", [{"id": first + i, "writer": w, "value": f"c{batch}.{i}"} for i in range(20)], 201):
                return
            # Rewrite the previous batch's rows: an acknowledged upsert must survive too.
            if batch and not send("/data/items/-/upsert", [{"id": first - 20 + i, "writer": w, "value": f"r{batch}.{i}"} for i in range(20)], 200):
                return
            batch += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    server.kill()
    stop.set()
    for thread in threads:
        thread.join()
    acknowledged = {row_id: value for model in models for row_id, value in model.items()}
    if not acknowledged:
        failures.add("no write was acknowledged before the kill: the burst did not run")

    # Restart on the same files (the WAL left behind is recovered), read back, stop, check the file.
    server.start()
    client = Client(server)
    status, text = client.request("GET", "/data/-/query.json?sql=select+count(*)+as+n+from+items&_shape=array")
    failures.check("count after restart", status, text, expected=(200,))
    status, text = client.request("POST", "/data/items/-/insert", {"row": {"id": WRITERS * ID_SPAN, "writer": -1, "value": "after"}})
    failures.check("insert after restart", status, text)
    server.stop()
    connection = sqlite3.connect(db_path)
    integrity = connection.execute("pragma integrity_check").fetchall()
    if integrity != [("ok",)]:
        failures.add(f"integrity_check: {integrity[:5]}")
    stored = dict(connection.execute("select id, value from items").fetchall())
    connection.close()
    maybe = {row_id: value for pending in in_flight for row_id, value in pending.items()}
    lost = [row_id for row_id, value in acknowledged.items() if stored.get(row_id) not in (value, maybe.get(row_id, value))]
    if lost:
        failures.add(f"{len(lost)} acknowledged rows lost or stale after kill -9, e.g. {lost[:5]}")
    log(f"crash: killed during the burst with {len(acknowledged)} rows acknowledged ({len(stored) - 1} stored); "
        f"integrity_check {integrity[0][0]}; {len(lost)} acknowledged rows lost")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exe")
    parser.add_argument("--workdir")
    args = parser.parse_args()
    exe = os.path.realpath(args.exe)
    workdir = args.workdir or tempfile.mkdtemp(prefix="durability-")
    os.makedirs(workdir, exist_ok=True)
    failed = False
    try:
        for name, test in (("concurrency", concurrency), ("crash", crash)):
            failures = test(exe, workdir)
            if failures.items:
                failed = True
                shown = [item for item in failures.items if item is not None]
                log(f"{name} FAILED ({len(failures.items)} failures):")
                for item in shown:
                    log("  " + item)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print("durability: " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
