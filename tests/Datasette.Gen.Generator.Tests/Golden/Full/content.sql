CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT, created TEXT);
CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts(id), author TEXT, body TEXT);
CREATE VIEW recent_posts AS SELECT * FROM posts ORDER BY created DESC;
