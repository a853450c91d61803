#!/usr/bin/env python3
"""Checks what a generated client printed after reading facetable against fixtures.db itself:
    check-facetable.py FIXTURES_DB CLIENT < printed.json
CLIENT kiota, nswag or kiota-ts: {"rows": [...], "by_key": {...}} from dotnet-client/Program.cs or
client/read-facetable-kiota.ts (four rows by descending pk, then the first by its key).
CLIENT openapi-fetch: {"count", "states", "planets", "first", "created"} from client/read-facetable.ts
(every CA or MI row with a neighbourhood, by descending planet_int, four a page).
CLIENT kiota-write: {"written": {...}, "read": {...}} from Program.cs kiota-write, the row it inserted
with a token as the insert answered it and as read back by its key; both must be the stored row.
The values must be the database's, with their JSON types (numbers as numbers): typed rows."""
import json
import sqlite3
import sys

database, client = sys.argv[1], sys.argv[2]
printed = json.load(sys.stdin)
connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
problems = []


def same(what, got, expected):
    # type() too: 1 == 1.0 == True in Python, but a typed client prints an integer column as an integer.
    if got != expected or json.dumps(got, sort_keys=True) != json.dumps(expected, sort_keys=True):
        problems.append(f"{what}: got {json.dumps(got)}, fixtures.db has {json.dumps(expected)}")


if client in ("kiota", "nswag", "kiota-ts"):
    columns = ["pk", "state", "planet_int", "created", "_city_id", "_neighborhood"]
    expected = [dict(zip(columns, row)) for row in connection.execute(
        f"select {', '.join(columns)} from facetable order by pk desc limit 4")]
    rows = printed["rows"]
    same("row count", len(rows), len(expected))
    for i, (row, want) in enumerate(zip(rows, expected)):
        if not row.pop("next", None):
            problems.append(f"row {i}: no next token on a first page of 4")
        same(f"row {i}", row, want)
    by_key = dict(printed["by_key"])
    by_key.pop("next", None)
    same("row by key", by_key, expected[0] if expected else None)
elif client == "openapi-fetch":
    where = "state in ('CA', 'MI') and coalesce(_neighborhood, '') != ''"
    rows = connection.execute(f"select state, planet_int from facetable where {where}").fetchall()
    same("count", printed["count"], len(rows))
    same("states", sorted(printed["states"]), sorted(state for state, _ in rows))
    same("planets (descending)", printed["planets"], sorted((planet or 0 for _, planet in rows), reverse=True))
    created = connection.execute("select created from facetable where pk = ?", (printed["first"],)).fetchone()
    same(f"created of pk {printed['first']}", printed["created"], created[0] if created else None)
elif client == "kiota-write":
    written, read = printed["written"], printed["read"]
    written.pop("next", None)
    read.pop("next", None)
    same("row read back by its key", read, written)
    columns = ["pk", "state", "planet_int", "created", "_city_id", "_neighborhood"]
    stored = connection.execute(f"select {', '.join(columns)} from facetable where pk = ?", (written.get("pk"),)).fetchone()
    same("inserted row", written, dict(zip(columns, stored)) if stored else None)
    same("inserted values", [written.get("state"), written.get("planet_int"), written.get("_neighborhood")], ["WA", 2, "Written through Kiota"])
else:
    sys.exit(f"unknown client {client}")

if problems:
    print(f"{client}: facetable as read through the generated client is not fixtures.db's:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"{client}: typed values equal to fixtures.db's")
