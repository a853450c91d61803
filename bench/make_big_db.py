#!/usr/bin/env python3
"""Writes the benchmark's 1,000,000-row database: items(id integer primary key, name, value,
category, created), an index on category. Usage: make_big_db.py PATH [ROWS]

The shape is the conformance corpus's big.db (50 categories, five years of timestamps); the
values come from SQLite itself in one INSERT … SELECT over a counter, so the file is the same on
every machine and takes a few seconds, with nothing but the standard library.
"""
import os
import sqlite3
import sys

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
if os.path.exists(path):
    os.unlink(path)
db = sqlite3.connect(path)
db.executescript(
    """
    pragma journal_mode = off;
    pragma synchronous = off;
    create table items (id integer primary key, name text, value real, category text, created text);
    create temp table words (n integer primary key, word text);
    insert into words (word) values ('alpha'), ('bravo'), ('charlie'), ('delta'), ('echo'),
      ('foxtrot'), ('golf'), ('hotel'), ('india'), ('juliet'), ('kilo'), ('lima'), ('mike'),
      ('november'), ('oscar'), ('papa');
    """
)
# A multiplicative hash of the id stands in for a seeded random generator: deterministic and spread.
db.execute(
    """
    with recursive counter(i) as (select 1 union all select i + 1 from counter where i < ?),
    mixed(i, h) as (select i, (i * 2654435761) % 4294967296 from counter)
    insert into items
    select i,
      (select word from words where n = 1 + h % 16) || ' ' || (select word from words where n = 1 + (h / 16) % 16) || ' ' || i,
      round(((h / 256) % 1000000) / 100.0, 2),
      'cat' || ((h / 7) % 50),
      strftime('%Y-%m-%dT%H:%M:%S', 1577836800 + (h * 7919) % (5 * 365 * 86400), 'unixepoch')
    from mixed
    """,
    (rows,),
)
db.commit()
db.executescript("create index idx_items_category on items(category); analyze; pragma journal_mode = delete;")
db.close()
print("wrote", path, rows, "rows")
