-- Faithful imports: every measure a data set gives is kept on every item it imports, whatever its
-- type (gdelt_codings, acled_codings: the codebooks' own columns); places belong to any item
-- (item_places replaces event_places); records keep the keys their data sets give them
-- (item_identifiers); participants can be the undirected sides of an event; actors carry the
-- parts of their CAMEO codes; a web address can identify an actor. Every trigger is dropped
-- first (SQLite refuses to drop a column a trigger names) and recreated last from
-- src/db/triggers.ts.
DROP TRIGGER IF EXISTS `history_sources_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_sources_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_sources_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actors_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actors_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actors_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_aliases_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_aliases_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_aliases_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_identifiers_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_identifiers_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_identifiers_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_codes_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_codes_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_codes_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_relations_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_relations_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_actor_relations_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_places_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_places_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_places_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_place_aliases_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_place_aliases_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_place_aliases_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_items_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_items_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_items_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_events_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_events_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_events_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claims_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claims_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claims_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_participants_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_participants_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_participants_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_places_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_places_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_places_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_quantities_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_quantities_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_event_quantities_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claim_accused_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claim_accused_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claim_accused_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claim_reviews_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claim_reviews_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_claim_reviews_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_links_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_links_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_links_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_quotes_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_quotes_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_quotes_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_citations_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_citations_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `history_citations_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `actors_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `actors_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `actors_search_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `actor_aliases_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `actor_aliases_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `actor_aliases_search_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `places_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `places_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `places_search_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `place_aliases_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `place_aliases_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `place_aliases_search_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sources_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sources_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sources_search_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `items_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `items_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `items_search_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `events_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `events_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `events_search_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `quotes_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `quotes_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `quotes_search_delete`;
--> statement-breakpoint
CREATE TABLE `acled_codings` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`event_type` text NOT NULL,
	`sub_event_type` text,
	`disorder_type` text,
	`inter1` text,
	`inter2` text,
	`interaction` text,
	`civilian_targeting` text,
	`iso` integer,
	`region` text,
	`geo_precision` integer,
	`time_precision` integer,
	`source_scale` text,
	`tags` text,
	`timestamp` integer,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `gdelt_codings` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`event_code` text NOT NULL,
	`is_root_event` integer,
	`quad_class` integer,
	`goldstein_scale` real,
	`num_mentions` integer,
	`num_sources` integer,
	`num_articles` integer,
	`avg_tone` real,
	`actor1_geo_id` integer,
	`actor2_geo_id` integer,
	`date_added` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor1_geo_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor2_geo_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `item_identifiers` (
	`item_id` integer NOT NULL,
	`scheme` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`item_id`, `scheme`, `value`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "item_identifiers_scheme_check" CHECK("item_identifiers"."scheme" IN ('GDELT', 'ACLED', 'PLOVER', 'CLAIMREVIEW'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_identifiers_value_idx` ON `item_identifiers` (`scheme`,`value`);--> statement-breakpoint
CREATE TABLE `item_places` (
	`item_id` integer NOT NULL,
	`place_id` integer NOT NULL,
	PRIMARY KEY(`item_id`, `place_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `item_places_place_idx` ON `item_places` (`place_id`);--> statement-breakpoint
INSERT INTO `item_places` (`item_id`, `place_id`) SELECT `event_id`, `place_id` FROM `event_places`;
--> statement-breakpoint
INSERT INTO `gdelt_codings` (`item_id`, `event_code`, `quad_class`, `goldstein_scale`, `avg_tone`) SELECT `item_id`, `cameo_code`, `quad_class`, `goldstein`, `tone` FROM `events` WHERE `cameo_code` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `acled_codings` (`item_id`, `event_type`, `sub_event_type`) SELECT `item_id`, `acled_event_type`, `acled_sub_event_type` FROM `events` WHERE `acled_event_type` IS NOT NULL;
--> statement-breakpoint
-- The keys earlier imports remembered for their items become the items' identifiers.
INSERT OR IGNORE INTO `item_identifiers` (`item_id`, `scheme`, `value`) SELECT `record_id`, upper(`namespace`), substr(`key`, length('item:event:') + 1) FROM `record_keys` WHERE `namespace` IN ('gdelt', 'acled', 'plover') AND `key` LIKE 'item:event:%' AND `record_type` = 'item';
--> statement-breakpoint
INSERT OR IGNORE INTO `item_identifiers` (`item_id`, `scheme`, `value`) SELECT `record_id`, 'CLAIMREVIEW', substr(`key`, length('item:review:') + 1) FROM `record_keys` WHERE `namespace` = 'claimreview' AND `key` LIKE 'item:review:http%' AND `record_type` = 'item';
--> statement-breakpoint
-- History of event places is history of item places: same rows, the column renamed.
UPDATE `row_changes` SET `table_name` = 'item_places', `key` = CASE WHEN `key` IS NULL THEN NULL ELSE json_object('item_id', `key` ->> '$.event_id', 'place_id', `key` ->> '$.place_id') END, `before` = CASE WHEN `before` IS NULL THEN NULL ELSE json_object('item_id', `before` ->> '$.event_id', 'place_id', `before` ->> '$.place_id') END, `after` = CASE WHEN `after` IS NULL THEN NULL ELSE json_object('item_id', `after` ->> '$.event_id', 'place_id', `after` ->> '$.place_id') END WHERE `table_name` = 'event_places';
--> statement-breakpoint
DROP TABLE `event_places`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_actor_codes` (
	`actor_id` integer NOT NULL,
	`scheme` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`actor_id`, `scheme`, `value`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "actor_codes_scheme_check" CHECK("__new_actor_codes"."scheme" IN ('CAMEO', 'CAMEO_COUNTRY', 'CAMEO_TYPE', 'CAMEO_KNOWN_GROUP', 'CAMEO_ETHNIC', 'CAMEO_RELIGION', 'PLOVER', 'PLOVER_SECTOR'))
);
--> statement-breakpoint
INSERT INTO `__new_actor_codes`("actor_id", "scheme", "value") SELECT "actor_id", "scheme", "value" FROM `actor_codes`;--> statement-breakpoint
DROP TABLE `actor_codes`;--> statement-breakpoint
ALTER TABLE `__new_actor_codes` RENAME TO `actor_codes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `actor_codes_value_idx` ON `actor_codes` (`scheme`,`value`);--> statement-breakpoint
CREATE TABLE `__new_actor_identifiers` (
	`actor_id` integer NOT NULL,
	`scheme` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`actor_id`, `scheme`, `value`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "actor_identifiers_scheme_check" CHECK("__new_actor_identifiers"."scheme" IN ('WIKIDATA', 'URL'))
);
--> statement-breakpoint
INSERT INTO `__new_actor_identifiers`("actor_id", "scheme", "value") SELECT "actor_id", "scheme", "value" FROM `actor_identifiers`;--> statement-breakpoint
DROP TABLE `actor_identifiers`;--> statement-breakpoint
ALTER TABLE `__new_actor_identifiers` RENAME TO `actor_identifiers`;--> statement-breakpoint
CREATE UNIQUE INDEX `actor_identifiers_value_idx` ON `actor_identifiers` (`scheme`,`value`);--> statement-breakpoint
CREATE TABLE `__new_event_participants` (
	`event_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`event_id`, `actor_id`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`item_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "event_participants_role_check" CHECK("__new_event_participants"."role" IN ('AGENT', 'TARGET', 'SUPPORTER', 'AFFECTED', 'SIDE_1', 'SIDE_2', 'ASSOCIATE_1', 'ASSOCIATE_2'))
);
--> statement-breakpoint
INSERT INTO `__new_event_participants`("event_id", "actor_id", "role") SELECT "event_id", "actor_id", "role" FROM `event_participants`;--> statement-breakpoint
DROP TABLE `event_participants`;--> statement-breakpoint
ALTER TABLE `__new_event_participants` RENAME TO `event_participants`;--> statement-breakpoint
CREATE INDEX `event_participants_actor_idx` ON `event_participants` (`actor_id`,`role`);--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `cameo_code`;--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `goldstein`;--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `quad_class`;--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `tone`;--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `acled_event_type`;--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `acled_sub_event_type`;
--> statement-breakpoint
CREATE TRIGGER history_sources_insert AFTER INSERT ON sources WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'sources', 'source:' || NEW.id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_sources_update AFTER UPDATE ON sources WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'sources', 'source:' || NEW.id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'title', OLD.title, 'publisher', OLD.publisher, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'language', OLD.language, 'text', OLD.text, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'title', NEW.title, 'publisher', NEW.publisher, 'url', NEW.url, 'published_edtf', NEW.published_edtf, 'published_earliest', NEW.published_earliest, 'published_latest', NEW.published_latest, 'published_basis', NEW.published_basis, 'language', NEW.language, 'text', NEW.text, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_sources_delete AFTER DELETE ON sources WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'sources', 'source:' || OLD.id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'title', OLD.title, 'publisher', OLD.publisher, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'language', OLD.language, 'text', OLD.text, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actors_insert AFTER INSERT ON actors WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actors', 'actor:' || NEW.id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actors_update AFTER UPDATE ON actors WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actors', 'actor:' || NEW.id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'description', OLD.description, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'description', NEW.description, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_actors_delete AFTER DELETE ON actors WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actors', 'actor:' || OLD.id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'description', OLD.description, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_insert AFTER INSERT ON actor_aliases WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_aliases', 'actor:' || NEW.actor_id, 'INSERT', json_object('actor_id', NEW.actor_id, 'alias', NEW.alias), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_update AFTER UPDATE ON actor_aliases WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_aliases', 'actor:' || NEW.actor_id, 'UPDATE', json_object('actor_id', NEW.actor_id, 'alias', NEW.alias), json_object('actor_id', OLD.actor_id, 'alias', OLD.alias), json_object('actor_id', NEW.actor_id, 'alias', NEW.alias));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_delete AFTER DELETE ON actor_aliases WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_aliases', 'actor:' || OLD.actor_id, 'DELETE', json_object('actor_id', OLD.actor_id, 'alias', OLD.alias), json_object('actor_id', OLD.actor_id, 'alias', OLD.alias), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_insert AFTER INSERT ON actor_identifiers WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_identifiers', 'actor:' || NEW.actor_id, 'INSERT', json_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_update AFTER UPDATE ON actor_identifiers WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_identifiers', 'actor:' || NEW.actor_id, 'UPDATE', json_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value), json_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_delete AFTER DELETE ON actor_identifiers WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_identifiers', 'actor:' || OLD.actor_id, 'DELETE', json_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_codes_insert AFTER INSERT ON actor_codes WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_codes', 'actor:' || NEW.actor_id, 'INSERT', json_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_codes_update AFTER UPDATE ON actor_codes WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_codes', 'actor:' || NEW.actor_id, 'UPDATE', json_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value), json_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_codes_delete AFTER DELETE ON actor_codes WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_codes', 'actor:' || OLD.actor_id, 'DELETE', json_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_insert AFTER INSERT ON actor_relations WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_relations', 'actor:' || NEW.subject_id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_update AFTER UPDATE ON actor_relations WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_relations', 'actor:' || NEW.subject_id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'subject_id', OLD.subject_id, 'kind', OLD.kind, 'object_id', OLD.object_id, 'valid_edtf', OLD.valid_edtf, 'valid_earliest', OLD.valid_earliest, 'valid_latest', OLD.valid_latest, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'subject_id', NEW.subject_id, 'kind', NEW.kind, 'object_id', NEW.object_id, 'valid_edtf', NEW.valid_edtf, 'valid_earliest', NEW.valid_earliest, 'valid_latest', NEW.valid_latest, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_delete AFTER DELETE ON actor_relations WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_relations', 'actor:' || OLD.subject_id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'subject_id', OLD.subject_id, 'kind', OLD.kind, 'object_id', OLD.object_id, 'valid_edtf', OLD.valid_edtf, 'valid_earliest', OLD.valid_earliest, 'valid_latest', OLD.valid_latest, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_places_insert AFTER INSERT ON places WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'places', 'place:' || NEW.id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_places_update AFTER UPDATE ON places WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'places', 'place:' || NEW.id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'latitude', OLD.latitude, 'longitude', OLD.longitude, 'geonames_id', OLD.geonames_id, 'parent_id', OLD.parent_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'latitude', NEW.latitude, 'longitude', NEW.longitude, 'geonames_id', NEW.geonames_id, 'parent_id', NEW.parent_id, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_places_delete AFTER DELETE ON places WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'places', 'place:' || OLD.id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'latitude', OLD.latitude, 'longitude', OLD.longitude, 'geonames_id', OLD.geonames_id, 'parent_id', OLD.parent_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_insert AFTER INSERT ON place_aliases WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'place_aliases', 'place:' || NEW.place_id, 'INSERT', json_object('place_id', NEW.place_id, 'alias', NEW.alias), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_update AFTER UPDATE ON place_aliases WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'place_aliases', 'place:' || NEW.place_id, 'UPDATE', json_object('place_id', NEW.place_id, 'alias', NEW.alias), json_object('place_id', OLD.place_id, 'alias', OLD.alias), json_object('place_id', NEW.place_id, 'alias', NEW.alias));
END;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_delete AFTER DELETE ON place_aliases WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'place_aliases', 'place:' || OLD.place_id, 'DELETE', json_object('place_id', OLD.place_id, 'alias', OLD.alias), json_object('place_id', OLD.place_id, 'alias', OLD.alias), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_items_insert AFTER INSERT ON items WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'items', 'item:' || NEW.id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_items_update AFTER UPDATE ON items WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'items', 'item:' || NEW.id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'type', OLD.type, 'summary', OLD.summary, 'date_edtf', OLD.date_edtf, 'date_earliest', OLD.date_earliest, 'date_latest', OLD.date_latest, 'date_basis', OLD.date_basis, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'type', NEW.type, 'summary', NEW.summary, 'date_edtf', NEW.date_edtf, 'date_earliest', NEW.date_earliest, 'date_latest', NEW.date_latest, 'date_basis', NEW.date_basis, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_items_delete AFTER DELETE ON items WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'items', 'item:' || OLD.id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'type', OLD.type, 'summary', OLD.summary, 'date_edtf', OLD.date_edtf, 'date_earliest', OLD.date_earliest, 'date_latest', OLD.date_latest, 'date_basis', OLD.date_basis, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_events_insert AFTER INSERT ON events WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'events', 'item:' || NEW.item_id, 'INSERT', json_object('item_id', NEW.item_id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_events_update AFTER UPDATE ON events WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'events', 'item:' || NEW.item_id, 'UPDATE', json_object('item_id', NEW.item_id), json_object('item_id', OLD.item_id, 'title', OLD.title, 'kind', OLD.kind, 'mode', OLD.mode, 'contexts', OLD.contexts, 'status', OLD.status), json_object('item_id', NEW.item_id, 'title', NEW.title, 'kind', NEW.kind, 'mode', NEW.mode, 'contexts', NEW.contexts, 'status', NEW.status));
END;
--> statement-breakpoint
CREATE TRIGGER history_events_delete AFTER DELETE ON events WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'events', 'item:' || OLD.item_id, 'DELETE', json_object('item_id', OLD.item_id), json_object('item_id', OLD.item_id, 'title', OLD.title, 'kind', OLD.kind, 'mode', OLD.mode, 'contexts', OLD.contexts, 'status', OLD.status), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claims_insert AFTER INSERT ON claims WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claims', 'item:' || NEW.item_id, 'INSERT', json_object('item_id', NEW.item_id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claims_update AFTER UPDATE ON claims WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claims', 'item:' || NEW.item_id, 'UPDATE', json_object('item_id', NEW.item_id), json_object('item_id', OLD.item_id, 'claimant_id', OLD.claimant_id, 'spokesperson_id', OLD.spokesperson_id, 'stance', OLD.stance, 'statement_kind', OLD.statement_kind), json_object('item_id', NEW.item_id, 'claimant_id', NEW.claimant_id, 'spokesperson_id', NEW.spokesperson_id, 'stance', NEW.stance, 'statement_kind', NEW.statement_kind));
END;
--> statement-breakpoint
CREATE TRIGGER history_claims_delete AFTER DELETE ON claims WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claims', 'item:' || OLD.item_id, 'DELETE', json_object('item_id', OLD.item_id), json_object('item_id', OLD.item_id, 'claimant_id', OLD.claimant_id, 'spokesperson_id', OLD.spokesperson_id, 'stance', OLD.stance, 'statement_kind', OLD.statement_kind), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_insert AFTER INSERT ON event_participants WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_participants', 'item:' || NEW.event_id, 'INSERT', json_object('event_id', NEW.event_id, 'actor_id', NEW.actor_id, 'role', NEW.role), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_update AFTER UPDATE ON event_participants WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_participants', 'item:' || NEW.event_id, 'UPDATE', json_object('event_id', NEW.event_id, 'actor_id', NEW.actor_id, 'role', NEW.role), json_object('event_id', OLD.event_id, 'actor_id', OLD.actor_id, 'role', OLD.role), json_object('event_id', NEW.event_id, 'actor_id', NEW.actor_id, 'role', NEW.role));
END;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_delete AFTER DELETE ON event_participants WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_participants', 'item:' || OLD.event_id, 'DELETE', json_object('event_id', OLD.event_id, 'actor_id', OLD.actor_id, 'role', OLD.role), json_object('event_id', OLD.event_id, 'actor_id', OLD.actor_id, 'role', OLD.role), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_item_places_insert AFTER INSERT ON item_places WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_places', 'item:' || NEW.item_id, 'INSERT', json_object('item_id', NEW.item_id, 'place_id', NEW.place_id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_item_places_update AFTER UPDATE ON item_places WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_places', 'item:' || NEW.item_id, 'UPDATE', json_object('item_id', NEW.item_id, 'place_id', NEW.place_id), json_object('item_id', OLD.item_id, 'place_id', OLD.place_id), json_object('item_id', NEW.item_id, 'place_id', NEW.place_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_item_places_delete AFTER DELETE ON item_places WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_places', 'item:' || OLD.item_id, 'DELETE', json_object('item_id', OLD.item_id, 'place_id', OLD.place_id), json_object('item_id', OLD.item_id, 'place_id', OLD.place_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_item_identifiers_insert AFTER INSERT ON item_identifiers WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_identifiers', 'item:' || NEW.item_id, 'INSERT', json_object('item_id', NEW.item_id, 'scheme', NEW.scheme, 'value', NEW.value), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_item_identifiers_update AFTER UPDATE ON item_identifiers WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_identifiers', 'item:' || NEW.item_id, 'UPDATE', json_object('item_id', NEW.item_id, 'scheme', NEW.scheme, 'value', NEW.value), json_object('item_id', OLD.item_id, 'scheme', OLD.scheme, 'value', OLD.value), json_object('item_id', NEW.item_id, 'scheme', NEW.scheme, 'value', NEW.value));
END;
--> statement-breakpoint
CREATE TRIGGER history_item_identifiers_delete AFTER DELETE ON item_identifiers WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_identifiers', 'item:' || OLD.item_id, 'DELETE', json_object('item_id', OLD.item_id, 'scheme', OLD.scheme, 'value', OLD.value), json_object('item_id', OLD.item_id, 'scheme', OLD.scheme, 'value', OLD.value), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_gdelt_codings_insert AFTER INSERT ON gdelt_codings WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'gdelt_codings', 'item:' || NEW.item_id, 'INSERT', json_object('item_id', NEW.item_id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_gdelt_codings_update AFTER UPDATE ON gdelt_codings WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'gdelt_codings', 'item:' || NEW.item_id, 'UPDATE', json_object('item_id', NEW.item_id), json_object('item_id', OLD.item_id, 'event_code', OLD.event_code, 'is_root_event', OLD.is_root_event, 'quad_class', OLD.quad_class, 'goldstein_scale', OLD.goldstein_scale, 'num_mentions', OLD.num_mentions, 'num_sources', OLD.num_sources, 'num_articles', OLD.num_articles, 'avg_tone', OLD.avg_tone, 'actor1_geo_id', OLD.actor1_geo_id, 'actor2_geo_id', OLD.actor2_geo_id, 'date_added', OLD.date_added), json_object('item_id', NEW.item_id, 'event_code', NEW.event_code, 'is_root_event', NEW.is_root_event, 'quad_class', NEW.quad_class, 'goldstein_scale', NEW.goldstein_scale, 'num_mentions', NEW.num_mentions, 'num_sources', NEW.num_sources, 'num_articles', NEW.num_articles, 'avg_tone', NEW.avg_tone, 'actor1_geo_id', NEW.actor1_geo_id, 'actor2_geo_id', NEW.actor2_geo_id, 'date_added', NEW.date_added));
END;
--> statement-breakpoint
CREATE TRIGGER history_gdelt_codings_delete AFTER DELETE ON gdelt_codings WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'gdelt_codings', 'item:' || OLD.item_id, 'DELETE', json_object('item_id', OLD.item_id), json_object('item_id', OLD.item_id, 'event_code', OLD.event_code, 'is_root_event', OLD.is_root_event, 'quad_class', OLD.quad_class, 'goldstein_scale', OLD.goldstein_scale, 'num_mentions', OLD.num_mentions, 'num_sources', OLD.num_sources, 'num_articles', OLD.num_articles, 'avg_tone', OLD.avg_tone, 'actor1_geo_id', OLD.actor1_geo_id, 'actor2_geo_id', OLD.actor2_geo_id, 'date_added', OLD.date_added), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_acled_codings_insert AFTER INSERT ON acled_codings WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'acled_codings', 'item:' || NEW.item_id, 'INSERT', json_object('item_id', NEW.item_id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_acled_codings_update AFTER UPDATE ON acled_codings WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'acled_codings', 'item:' || NEW.item_id, 'UPDATE', json_object('item_id', NEW.item_id), json_object('item_id', OLD.item_id, 'event_type', OLD.event_type, 'sub_event_type', OLD.sub_event_type, 'disorder_type', OLD.disorder_type, 'inter1', OLD.inter1, 'inter2', OLD.inter2, 'interaction', OLD.interaction, 'civilian_targeting', OLD.civilian_targeting, 'iso', OLD.iso, 'region', OLD.region, 'geo_precision', OLD.geo_precision, 'time_precision', OLD.time_precision, 'source_scale', OLD.source_scale, 'tags', OLD.tags, 'timestamp', OLD.timestamp), json_object('item_id', NEW.item_id, 'event_type', NEW.event_type, 'sub_event_type', NEW.sub_event_type, 'disorder_type', NEW.disorder_type, 'inter1', NEW.inter1, 'inter2', NEW.inter2, 'interaction', NEW.interaction, 'civilian_targeting', NEW.civilian_targeting, 'iso', NEW.iso, 'region', NEW.region, 'geo_precision', NEW.geo_precision, 'time_precision', NEW.time_precision, 'source_scale', NEW.source_scale, 'tags', NEW.tags, 'timestamp', NEW.timestamp));
END;
--> statement-breakpoint
CREATE TRIGGER history_acled_codings_delete AFTER DELETE ON acled_codings WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'acled_codings', 'item:' || OLD.item_id, 'DELETE', json_object('item_id', OLD.item_id), json_object('item_id', OLD.item_id, 'event_type', OLD.event_type, 'sub_event_type', OLD.sub_event_type, 'disorder_type', OLD.disorder_type, 'inter1', OLD.inter1, 'inter2', OLD.inter2, 'interaction', OLD.interaction, 'civilian_targeting', OLD.civilian_targeting, 'iso', OLD.iso, 'region', OLD.region, 'geo_precision', OLD.geo_precision, 'time_precision', OLD.time_precision, 'source_scale', OLD.source_scale, 'tags', OLD.tags, 'timestamp', OLD.timestamp), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_insert AFTER INSERT ON event_quantities WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_quantities', 'item:' || NEW.event_id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_update AFTER UPDATE ON event_quantities WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_quantities', 'item:' || NEW.event_id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'event_id', OLD.event_id, 'measure', OLD.measure, 'value', OLD.value, 'unit', OLD.unit), json_object('id', NEW.id, 'event_id', NEW.event_id, 'measure', NEW.measure, 'value', NEW.value, 'unit', NEW.unit));
END;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_delete AFTER DELETE ON event_quantities WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_quantities', 'item:' || OLD.event_id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'event_id', OLD.event_id, 'measure', OLD.measure, 'value', OLD.value, 'unit', OLD.unit), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_insert AFTER INSERT ON claim_accused WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_accused', 'item:' || NEW.claim_id, 'INSERT', json_object('claim_id', NEW.claim_id, 'actor_id', NEW.actor_id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_update AFTER UPDATE ON claim_accused WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_accused', 'item:' || NEW.claim_id, 'UPDATE', json_object('claim_id', NEW.claim_id, 'actor_id', NEW.actor_id), json_object('claim_id', OLD.claim_id, 'actor_id', OLD.actor_id), json_object('claim_id', NEW.claim_id, 'actor_id', NEW.actor_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_delete AFTER DELETE ON claim_accused WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_accused', 'item:' || OLD.claim_id, 'DELETE', json_object('claim_id', OLD.claim_id, 'actor_id', OLD.actor_id), json_object('claim_id', OLD.claim_id, 'actor_id', OLD.actor_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_insert AFTER INSERT ON claim_reviews WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_reviews', 'item:' || NEW.claim_id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_update AFTER UPDATE ON claim_reviews WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_reviews', 'item:' || NEW.claim_id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'claim_id', OLD.claim_id, 'reviewer_id', OLD.reviewer_id, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'rating_value', OLD.rating_value, 'best_rating', OLD.best_rating, 'worst_rating', OLD.worst_rating, 'rating_label', OLD.rating_label, 'body', OLD.body), json_object('id', NEW.id, 'claim_id', NEW.claim_id, 'reviewer_id', NEW.reviewer_id, 'url', NEW.url, 'published_edtf', NEW.published_edtf, 'published_earliest', NEW.published_earliest, 'published_latest', NEW.published_latest, 'published_basis', NEW.published_basis, 'rating_value', NEW.rating_value, 'best_rating', NEW.best_rating, 'worst_rating', NEW.worst_rating, 'rating_label', NEW.rating_label, 'body', NEW.body));
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_delete AFTER DELETE ON claim_reviews WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_reviews', 'item:' || OLD.claim_id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'claim_id', OLD.claim_id, 'reviewer_id', OLD.reviewer_id, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'rating_value', OLD.rating_value, 'best_rating', OLD.best_rating, 'worst_rating', OLD.worst_rating, 'rating_label', OLD.rating_label, 'body', OLD.body), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_links_insert AFTER INSERT ON links WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'links', 'item:' || NEW.from_item_id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_links_update AFTER UPDATE ON links WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'links', 'item:' || NEW.from_item_id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'from_item_id', OLD.from_item_id, 'kind', OLD.kind, 'to_item_id', OLD.to_item_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'from_item_id', NEW.from_item_id, 'kind', NEW.kind, 'to_item_id', NEW.to_item_id, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_links_delete AFTER DELETE ON links WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'links', 'item:' || OLD.from_item_id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'from_item_id', OLD.from_item_id, 'kind', OLD.kind, 'to_item_id', OLD.to_item_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_quotes_insert AFTER INSERT ON quotes WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'quotes', 'quote:' || NEW.id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_quotes_update AFTER UPDATE ON quotes WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'quotes', 'quote:' || NEW.id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'source_id', OLD.source_id, 'speaker_id', OLD.speaker_id, 'kind', OLD.kind, 'start', OLD.start, 'end', OLD.end, 'exact', OLD.exact, 'prefix', OLD.prefix, 'suffix', OLD.suffix, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'source_id', NEW.source_id, 'speaker_id', NEW.speaker_id, 'kind', NEW.kind, 'start', NEW.start, 'end', NEW.end, 'exact', NEW.exact, 'prefix', NEW.prefix, 'suffix', NEW.suffix, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_quotes_delete AFTER DELETE ON quotes WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'quotes', 'quote:' || OLD.id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'source_id', OLD.source_id, 'speaker_id', OLD.speaker_id, 'kind', OLD.kind, 'start', OLD.start, 'end', OLD.end, 'exact', OLD.exact, 'prefix', OLD.prefix, 'suffix', OLD.suffix, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_citations_insert AFTER INSERT ON citations WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'citations', coalesce('item:' || NEW.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = NEW.relation_id), 'relation:' || NEW.relation_id), 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_citations_update AFTER UPDATE ON citations WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'citations', coalesce('item:' || NEW.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = NEW.relation_id), 'relation:' || NEW.relation_id), 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'item_id', OLD.item_id, 'relation_id', OLD.relation_id, 'source_id', OLD.source_id, 'quote_id', OLD.quote_id), json_object('id', NEW.id, 'item_id', NEW.item_id, 'relation_id', NEW.relation_id, 'source_id', NEW.source_id, 'quote_id', NEW.quote_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_citations_delete AFTER DELETE ON citations WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'citations', coalesce('item:' || OLD.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = OLD.relation_id), 'relation:' || OLD.relation_id), 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'item_id', OLD.item_id, 'relation_id', OLD.relation_id, 'source_id', OLD.source_id, 'quote_id', OLD.quote_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER actors_search_insert AFTER INSERT ON actors WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = NEW.id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER actors_search_update AFTER UPDATE OF name ON actors WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = NEW.id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER actors_search_delete AFTER DELETE ON actors WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER actor_aliases_search_insert AFTER INSERT ON actor_aliases WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.actor_id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = NEW.actor_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER actor_aliases_search_update AFTER UPDATE ON actor_aliases WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.actor_id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = OLD.actor_id AND 1;
  DELETE FROM search_index WHERE rowid = NEW.actor_id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = NEW.actor_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER actor_aliases_search_delete AFTER DELETE ON actor_aliases WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.actor_id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = OLD.actor_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER places_search_insert AFTER INSERT ON places WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = NEW.id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER places_search_update AFTER UPDATE OF name ON places WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = NEW.id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER places_search_delete AFTER DELETE ON places WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER place_aliases_search_insert AFTER INSERT ON place_aliases WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.place_id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = NEW.place_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER place_aliases_search_update AFTER UPDATE ON place_aliases WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.place_id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = OLD.place_id AND 1;
  DELETE FROM search_index WHERE rowid = NEW.place_id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = NEW.place_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER place_aliases_search_delete AFTER DELETE ON place_aliases WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.place_id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = OLD.place_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER sources_search_insert AFTER INSERT ON sources WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 3;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 3, coalesce(R.title, '') || coalesce(' ' || R.publisher, '') || coalesce(' ' || R.text, '') FROM sources R WHERE R.id = NEW.id AND coalesce(R.title, R.publisher, R.text) IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER sources_search_update AFTER UPDATE OF title, publisher, text ON sources WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 3;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 3, coalesce(R.title, '') || coalesce(' ' || R.publisher, '') || coalesce(' ' || R.text, '') FROM sources R WHERE R.id = NEW.id AND coalesce(R.title, R.publisher, R.text) IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER sources_search_delete AFTER DELETE ON sources WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
END;
--> statement-breakpoint
CREATE TRIGGER items_search_insert AFTER INSERT ON items WHEN claimline_indexed() AND NEW.type <> 'EVENT' BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = NEW.id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER items_search_update AFTER UPDATE OF summary ON items WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = NEW.id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER items_search_delete AFTER DELETE ON items WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
END;
--> statement-breakpoint
CREATE TRIGGER events_search_insert AFTER INSERT ON events WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.item_id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = NEW.item_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER events_search_update AFTER UPDATE OF title ON events WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.item_id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = NEW.item_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER events_search_delete AFTER DELETE ON events WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.item_id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = OLD.item_id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER quotes_search_insert AFTER INSERT ON quotes WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 5;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 5, R.exact FROM quotes R WHERE R.id = NEW.id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER quotes_search_update AFTER UPDATE OF exact ON quotes WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 5;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 5, R.exact FROM quotes R WHERE R.id = NEW.id AND 1;
END;
--> statement-breakpoint
CREATE TRIGGER quotes_search_delete AFTER DELETE ON quotes WHEN claimline_indexed() BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
END;
