-- Full-text search on PostgreSQL: the same documents as SQLite's FTS5 index (src/db/triggers.ts:
-- SEARCH_DOCUMENTS), one per record, keyed the same way (rowid = the record's id * 8 + its kind's
-- code), each kept as a tsvector with a GIN index. The `claimline` configuration is `simple`
-- (every word, no stemming or stop words, as FTS5's unicode61) with diacritics removed first, as
-- unicode61 removes them: Erdoğan is found by erdogan.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION claimline (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION claimline ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple;
--> statement-breakpoint
CREATE TABLE search_index (
	rowid bigint PRIMARY KEY,
	body text NOT NULL,
	document tsvector GENERATED ALWAYS AS (to_tsvector('claimline', body)) STORED
);
--> statement-breakpoint
CREATE INDEX search_index_document_idx ON search_index USING gin (document);
