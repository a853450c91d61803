-- The demo database that ships inside the default deployment: a few cities, their
-- countries and landmarks, with primary and foreign keys, a compound key, an FTS5 table
-- and a view.
CREATE TABLE countries (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  continent TEXT NOT NULL
);
CREATE TABLE cities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  country_code TEXT NOT NULL REFERENCES countries(code),
  population INTEGER,
  area_km2 REAL,
  founded INTEGER
);
CREATE TABLE landmarks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  city_id INTEGER NOT NULL REFERENCES cities(id),
  kind TEXT NOT NULL,
  opened INTEGER,
  description TEXT
);
CREATE INDEX idx_landmarks_city_id ON landmarks(city_id);
CREATE TABLE visitor_counts (
  landmark_id INTEGER NOT NULL REFERENCES landmarks(id),
  year INTEGER NOT NULL,
  visitors INTEGER,
  PRIMARY KEY (landmark_id, year)
);
CREATE VIRTUAL TABLE landmarks_fts USING fts5(name, description, content="landmarks", content_rowid="id");
CREATE VIEW large_cities AS
  SELECT cities.name AS city, countries.name AS country, cities.population
  FROM cities JOIN countries ON countries.code = cities.country_code
  WHERE cities.population > 1000000
  ORDER BY cities.population DESC;

INSERT INTO countries VALUES
  ('FR', 'France', 'Europe'),
  ('GB', 'United Kingdom', 'Europe'),
  ('IT', 'Italy', 'Europe'),
  ('JP', 'Japan', 'Asia'),
  ('US', 'United States', 'North America'),
  ('BR', 'Brazil', 'South America');

INSERT INTO cities VALUES
  (1, 'Paris', 'FR', 2102650, 105.4, -250),
  (2, 'Lyon', 'FR', 522250, 47.87, -43),
  (3, 'London', 'GB', 8866180, 1572.0, 47),
  (4, 'Edinburgh', 'GB', 506520, 264.0, 1124),
  (5, 'Rome', 'IT', 2748109, 1285.0, -753),
  (6, 'Florence', 'IT', 360930, 102.3, -59),
  (7, 'Tokyo', 'JP', 14094034, 2194.07, 1457),
  (8, 'Kyoto', 'JP', 1464890, 827.8, 794),
  (9, 'New York', 'US', 8258035, 783.8, 1624),
  (10, 'San Francisco', 'US', 808988, 121.4, 1776),
  (11, 'Rio de Janeiro', 'BR', 6211423, 1221.0, 1565),
  (12, 'Salvador', 'BR', 2418005, 693.8, NULL);

INSERT INTO landmarks VALUES
  (1, 'Eiffel Tower', 1, 'tower', 1889, 'Wrought-iron lattice tower on the Champ de Mars, built for the 1889 World''s Fair.'),
  (2, 'Louvre Museum', 1, 'museum', 1793, 'The world''s most-visited art museum, home of the Mona Lisa.'),
  (3, 'Basilica of Notre-Dame de Fourviere', 2, 'church', 1896, 'Basilica on the hill of Fourviere overlooking the old town of Lyon.'),
  (4, 'British Museum', 3, 'museum', 1759, 'Public museum of human history, art and culture in Bloomsbury.'),
  (5, 'Tower Bridge', 3, 'bridge', 1894, 'Combined bascule and suspension bridge crossing the River Thames.'),
  (6, 'Edinburgh Castle', 4, 'castle', NULL, 'Historic fortress on Castle Rock, dominating the skyline of the city.'),
  (7, 'Colosseum', 5, 'amphitheatre', 80, 'Oval amphitheatre in the centre of Rome, the largest ever built.'),
  (8, 'Pantheon', 5, 'temple', 125, 'Former Roman temple with the world''s largest unreinforced concrete dome.'),
  (9, 'Uffizi Gallery', 6, 'museum', 1769, 'Art museum holding masterpieces of the Italian Renaissance.'),
  (10, 'Tokyo Skytree', 7, 'tower', 2012, 'Broadcasting and observation tower, the tallest structure in Japan.'),
  (11, 'Senso-ji', 7, 'temple', 645, 'Ancient Buddhist temple in Asakusa, the oldest in Tokyo.'),
  (12, 'Kinkaku-ji', 8, 'temple', 1397, 'Zen temple whose top two floors are covered in gold leaf.'),
  (13, 'Statue of Liberty', 9, 'monument', 1886, 'Colossal copper statue on Liberty Island, a gift from France.'),
  (14, 'Metropolitan Museum of Art', 9, 'museum', 1870, 'The largest art museum in the Americas.'),
  (15, 'Golden Gate Bridge', 10, 'bridge', 1937, 'Suspension bridge spanning the Golden Gate strait.'),
  (16, 'Christ the Redeemer', 11, 'monument', 1931, 'Art Deco statue of Jesus Christ on the summit of Corcovado.'),
  (17, 'Pelourinho', 12, 'district', NULL, 'Historic centre with colonial architecture, a World Heritage Site.');

INSERT INTO visitor_counts VALUES
  (1, 2022, 5850000), (1, 2023, 6300000),
  (2, 2022, 7800000), (2, 2023, 8900000),
  (4, 2022, 4100000), (4, 2023, 5800000),
  (7, 2022, 9800000), (7, 2023, 12000000),
  (10, 2022, 3400000), (10, 2023, 4200000),
  (13, 2022, 3700000), (13, 2023, 4300000),
  (14, 2022, 3200000), (14, 2023, 5400000),
  (16, 2022, 1900000), (16, 2023, 2200000);

INSERT INTO landmarks_fts(landmarks_fts) VALUES ('rebuild');
