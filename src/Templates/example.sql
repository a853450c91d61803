-- The template's data/example.db, made with: python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(open('example.sql').read()); c.commit(); c.execute('vacuum')" content/datasette/data/example.db
create table species (
  id integer primary key,
  name text not null,
  family text not null,
  wingspan_cm integer
);
create table sightings (
  id integer primary key,
  species_id integer not null references species(id),
  seen_on text not null,
  place text not null,
  count integer not null default 1
);
create index sightings_species on sightings(species_id);
insert into species (id, name, family, wingspan_cm) values
  (1, 'Common swift', 'Apodidae', 42),
  (2, 'Grey heron', 'Ardeidae', 185),
  (3, 'Eurasian blue tit', 'Paridae', 18),
  (4, 'Red kite', 'Accipitridae', 175),
  (5, 'Common kingfisher', 'Alcedinidae', 25);
insert into sightings (species_id, seen_on, place, count) values
  (1, '2026-06-02', 'Riverside', 30),
  (2, '2026-06-02', 'Riverside', 1),
  (5, '2026-06-03', 'Riverside', 2),
  (3, '2026-06-03', 'Old orchard', 4),
  (4, '2026-06-05', 'North hill', 1),
  (3, '2026-06-07', 'Old orchard', 6),
  (2, '2026-06-09', 'Mill pond', 2),
  (1, '2026-06-10', 'North hill', 55);
