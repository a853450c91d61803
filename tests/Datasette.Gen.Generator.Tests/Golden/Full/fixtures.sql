-- The fixtures database of the Full golden deployment: every table, column and query that
-- datasette.yaml names exists here. datasette.schema.json is its snapshot (see README.md).
CREATE TABLE facet_cities (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE facetable (
  pk INTEGER PRIMARY KEY,
  created TEXT,
  planet_int INTEGER,
  on_earth INTEGER,
  state TEXT,
  city_id INTEGER REFERENCES facet_cities(id),
  neighborhood TEXT,
  neighbourhood TEXT,
  tags TEXT,
  website TEXT,
  location TEXT
);
CREATE VIRTUAL TABLE facetable_fts USING fts5(neighborhood, tags, content="facetable", content_rowid="pk");
CREATE TABLE secrets (pk TEXT PRIMARY KEY, value TEXT);
CREATE TABLE names (name TEXT);
CREATE TABLE "Ünïcödé — «quoted» ""name"" back\slash" ("name	with tab" TEXT, other TEXT, PRIMARY KEY ("name	with tab", other));
