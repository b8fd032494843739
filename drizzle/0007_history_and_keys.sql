CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_name_idx` ON `api_keys` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_idx` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE TABLE `changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`operation` text NOT NULL,
	`key_name` text
);
--> statement-breakpoint
CREATE INDEX `changes_at_idx` ON `changes` (`at`);--> statement-breakpoint
CREATE TABLE `row_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`change_id` integer NOT NULL,
	`table_name` text NOT NULL,
	`record` text NOT NULL,
	`operation` text NOT NULL,
	`before` text,
	`after` text,
	CONSTRAINT "row_changes_operation_check" CHECK("row_changes"."operation" IN ('INSERT', 'UPDATE', 'DELETE'))
);
--> statement-breakpoint
CREATE INDEX `row_changes_record_idx` ON `row_changes` (`record`,`change_id`);--> statement-breakpoint
CREATE INDEX `row_changes_change_idx` ON `row_changes` (`change_id`);--> statement-breakpoint
ALTER TABLE `actor_relations` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `actor_relations` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `actors` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `actors` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `items` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `items` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `links` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `links` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `places` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `places` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `quotes` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `quotes` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `retraction_reason` text;--> statement-breakpoint
CREATE TRIGGER history_sources_insert AFTER INSERT ON sources BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'sources', 'source:' || NEW.id, 'INSERT', NULL, json_object('id', NEW.id, 'title', NEW.title, 'publisher', NEW.publisher, 'url', NEW.url, 'published_edtf', NEW.published_edtf, 'published_earliest', NEW.published_earliest, 'published_latest', NEW.published_latest, 'published_basis', NEW.published_basis, 'language', NEW.language, 'text', NEW.text, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_sources_update AFTER UPDATE ON sources BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'sources', 'source:' || NEW.id, 'UPDATE', json_object('id', OLD.id, 'title', OLD.title, 'publisher', OLD.publisher, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'language', OLD.language, 'text', OLD.text, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'title', NEW.title, 'publisher', NEW.publisher, 'url', NEW.url, 'published_edtf', NEW.published_edtf, 'published_earliest', NEW.published_earliest, 'published_latest', NEW.published_latest, 'published_basis', NEW.published_basis, 'language', NEW.language, 'text', NEW.text, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_sources_delete AFTER DELETE ON sources BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'sources', 'source:' || OLD.id, 'DELETE', json_object('id', OLD.id, 'title', OLD.title, 'publisher', OLD.publisher, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'language', OLD.language, 'text', OLD.text, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actors_insert AFTER INSERT ON actors BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actors', 'actor:' || NEW.id, 'INSERT', NULL, json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'description', NEW.description, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_actors_update AFTER UPDATE ON actors BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actors', 'actor:' || NEW.id, 'UPDATE', json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'description', OLD.description, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'description', NEW.description, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_actors_delete AFTER DELETE ON actors BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actors', 'actor:' || OLD.id, 'DELETE', json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'description', OLD.description, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_insert AFTER INSERT ON actor_aliases BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_aliases', 'actor:' || NEW.actor_id, 'INSERT', NULL, json_object('actor_id', NEW.actor_id, 'alias', NEW.alias));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_update AFTER UPDATE ON actor_aliases BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_aliases', 'actor:' || NEW.actor_id, 'UPDATE', json_object('actor_id', OLD.actor_id, 'alias', OLD.alias), json_object('actor_id', NEW.actor_id, 'alias', NEW.alias));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_delete AFTER DELETE ON actor_aliases BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_aliases', 'actor:' || OLD.actor_id, 'DELETE', json_object('actor_id', OLD.actor_id, 'alias', OLD.alias), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_insert AFTER INSERT ON actor_identifiers BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_identifiers', 'actor:' || NEW.actor_id, 'INSERT', NULL, json_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_update AFTER UPDATE ON actor_identifiers BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_identifiers', 'actor:' || NEW.actor_id, 'UPDATE', json_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_delete AFTER DELETE ON actor_identifiers BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_identifiers', 'actor:' || OLD.actor_id, 'DELETE', json_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_insert AFTER INSERT ON actor_relations BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_relations', 'actor:' || NEW.subject_id, 'INSERT', NULL, json_object('id', NEW.id, 'subject_id', NEW.subject_id, 'kind', NEW.kind, 'object_id', NEW.object_id, 'valid_edtf', NEW.valid_edtf, 'valid_earliest', NEW.valid_earliest, 'valid_latest', NEW.valid_latest, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_update AFTER UPDATE ON actor_relations BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_relations', 'actor:' || NEW.subject_id, 'UPDATE', json_object('id', OLD.id, 'subject_id', OLD.subject_id, 'kind', OLD.kind, 'object_id', OLD.object_id, 'valid_edtf', OLD.valid_edtf, 'valid_earliest', OLD.valid_earliest, 'valid_latest', OLD.valid_latest, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'subject_id', NEW.subject_id, 'kind', NEW.kind, 'object_id', NEW.object_id, 'valid_edtf', NEW.valid_edtf, 'valid_earliest', NEW.valid_earliest, 'valid_latest', NEW.valid_latest, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_delete AFTER DELETE ON actor_relations BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'actor_relations', 'actor:' || OLD.subject_id, 'DELETE', json_object('id', OLD.id, 'subject_id', OLD.subject_id, 'kind', OLD.kind, 'object_id', OLD.object_id, 'valid_edtf', OLD.valid_edtf, 'valid_earliest', OLD.valid_earliest, 'valid_latest', OLD.valid_latest, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_places_insert AFTER INSERT ON places BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'places', 'place:' || NEW.id, 'INSERT', NULL, json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'latitude', NEW.latitude, 'longitude', NEW.longitude, 'geonames_id', NEW.geonames_id, 'parent_id', NEW.parent_id, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_places_update AFTER UPDATE ON places BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'places', 'place:' || NEW.id, 'UPDATE', json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'latitude', OLD.latitude, 'longitude', OLD.longitude, 'geonames_id', OLD.geonames_id, 'parent_id', OLD.parent_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'latitude', NEW.latitude, 'longitude', NEW.longitude, 'geonames_id', NEW.geonames_id, 'parent_id', NEW.parent_id, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_places_delete AFTER DELETE ON places BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'places', 'place:' || OLD.id, 'DELETE', json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'latitude', OLD.latitude, 'longitude', OLD.longitude, 'geonames_id', OLD.geonames_id, 'parent_id', OLD.parent_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_insert AFTER INSERT ON place_aliases BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'place_aliases', 'place:' || NEW.place_id, 'INSERT', NULL, json_object('place_id', NEW.place_id, 'alias', NEW.alias));
END;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_update AFTER UPDATE ON place_aliases BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'place_aliases', 'place:' || NEW.place_id, 'UPDATE', json_object('place_id', OLD.place_id, 'alias', OLD.alias), json_object('place_id', NEW.place_id, 'alias', NEW.alias));
END;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_delete AFTER DELETE ON place_aliases BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'place_aliases', 'place:' || OLD.place_id, 'DELETE', json_object('place_id', OLD.place_id, 'alias', OLD.alias), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_items_insert AFTER INSERT ON items BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'items', 'item:' || NEW.id, 'INSERT', NULL, json_object('id', NEW.id, 'type', NEW.type, 'summary', NEW.summary, 'date_edtf', NEW.date_edtf, 'date_earliest', NEW.date_earliest, 'date_latest', NEW.date_latest, 'date_basis', NEW.date_basis, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_items_update AFTER UPDATE ON items BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'items', 'item:' || NEW.id, 'UPDATE', json_object('id', OLD.id, 'type', OLD.type, 'summary', OLD.summary, 'date_edtf', OLD.date_edtf, 'date_earliest', OLD.date_earliest, 'date_latest', OLD.date_latest, 'date_basis', OLD.date_basis, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'type', NEW.type, 'summary', NEW.summary, 'date_edtf', NEW.date_edtf, 'date_earliest', NEW.date_earliest, 'date_latest', NEW.date_latest, 'date_basis', NEW.date_basis, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_items_delete AFTER DELETE ON items BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'items', 'item:' || OLD.id, 'DELETE', json_object('id', OLD.id, 'type', OLD.type, 'summary', OLD.summary, 'date_edtf', OLD.date_edtf, 'date_earliest', OLD.date_earliest, 'date_latest', OLD.date_latest, 'date_basis', OLD.date_basis, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_events_insert AFTER INSERT ON events BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'events', 'item:' || NEW.item_id, 'INSERT', NULL, json_object('item_id', NEW.item_id, 'title', NEW.title, 'kind', NEW.kind, 'mode', NEW.mode, 'contexts', NEW.contexts, 'status', NEW.status, 'cameo_code', NEW.cameo_code, 'goldstein', NEW.goldstein, 'quad_class', NEW.quad_class, 'tone', NEW.tone, 'acled_event_type', NEW.acled_event_type, 'acled_sub_event_type', NEW.acled_sub_event_type));
END;
--> statement-breakpoint
CREATE TRIGGER history_events_update AFTER UPDATE ON events BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'events', 'item:' || NEW.item_id, 'UPDATE', json_object('item_id', OLD.item_id, 'title', OLD.title, 'kind', OLD.kind, 'mode', OLD.mode, 'contexts', OLD.contexts, 'status', OLD.status, 'cameo_code', OLD.cameo_code, 'goldstein', OLD.goldstein, 'quad_class', OLD.quad_class, 'tone', OLD.tone, 'acled_event_type', OLD.acled_event_type, 'acled_sub_event_type', OLD.acled_sub_event_type), json_object('item_id', NEW.item_id, 'title', NEW.title, 'kind', NEW.kind, 'mode', NEW.mode, 'contexts', NEW.contexts, 'status', NEW.status, 'cameo_code', NEW.cameo_code, 'goldstein', NEW.goldstein, 'quad_class', NEW.quad_class, 'tone', NEW.tone, 'acled_event_type', NEW.acled_event_type, 'acled_sub_event_type', NEW.acled_sub_event_type));
END;
--> statement-breakpoint
CREATE TRIGGER history_events_delete AFTER DELETE ON events BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'events', 'item:' || OLD.item_id, 'DELETE', json_object('item_id', OLD.item_id, 'title', OLD.title, 'kind', OLD.kind, 'mode', OLD.mode, 'contexts', OLD.contexts, 'status', OLD.status, 'cameo_code', OLD.cameo_code, 'goldstein', OLD.goldstein, 'quad_class', OLD.quad_class, 'tone', OLD.tone, 'acled_event_type', OLD.acled_event_type, 'acled_sub_event_type', OLD.acled_sub_event_type), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claims_insert AFTER INSERT ON claims BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claims', 'item:' || NEW.item_id, 'INSERT', NULL, json_object('item_id', NEW.item_id, 'claimant_id', NEW.claimant_id, 'spokesperson_id', NEW.spokesperson_id, 'stance', NEW.stance, 'statement_kind', NEW.statement_kind));
END;
--> statement-breakpoint
CREATE TRIGGER history_claims_update AFTER UPDATE ON claims BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claims', 'item:' || NEW.item_id, 'UPDATE', json_object('item_id', OLD.item_id, 'claimant_id', OLD.claimant_id, 'spokesperson_id', OLD.spokesperson_id, 'stance', OLD.stance, 'statement_kind', OLD.statement_kind), json_object('item_id', NEW.item_id, 'claimant_id', NEW.claimant_id, 'spokesperson_id', NEW.spokesperson_id, 'stance', NEW.stance, 'statement_kind', NEW.statement_kind));
END;
--> statement-breakpoint
CREATE TRIGGER history_claims_delete AFTER DELETE ON claims BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claims', 'item:' || OLD.item_id, 'DELETE', json_object('item_id', OLD.item_id, 'claimant_id', OLD.claimant_id, 'spokesperson_id', OLD.spokesperson_id, 'stance', OLD.stance, 'statement_kind', OLD.statement_kind), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_insert AFTER INSERT ON event_participants BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_participants', 'item:' || NEW.event_id, 'INSERT', NULL, json_object('event_id', NEW.event_id, 'actor_id', NEW.actor_id, 'role', NEW.role));
END;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_update AFTER UPDATE ON event_participants BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_participants', 'item:' || NEW.event_id, 'UPDATE', json_object('event_id', OLD.event_id, 'actor_id', OLD.actor_id, 'role', OLD.role), json_object('event_id', NEW.event_id, 'actor_id', NEW.actor_id, 'role', NEW.role));
END;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_delete AFTER DELETE ON event_participants BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_participants', 'item:' || OLD.event_id, 'DELETE', json_object('event_id', OLD.event_id, 'actor_id', OLD.actor_id, 'role', OLD.role), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_event_places_insert AFTER INSERT ON event_places BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_places', 'item:' || NEW.event_id, 'INSERT', NULL, json_object('event_id', NEW.event_id, 'place_id', NEW.place_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_event_places_update AFTER UPDATE ON event_places BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_places', 'item:' || NEW.event_id, 'UPDATE', json_object('event_id', OLD.event_id, 'place_id', OLD.place_id), json_object('event_id', NEW.event_id, 'place_id', NEW.place_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_event_places_delete AFTER DELETE ON event_places BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_places', 'item:' || OLD.event_id, 'DELETE', json_object('event_id', OLD.event_id, 'place_id', OLD.place_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_insert AFTER INSERT ON event_quantities BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_quantities', 'item:' || NEW.event_id, 'INSERT', NULL, json_object('id', NEW.id, 'event_id', NEW.event_id, 'measure', NEW.measure, 'value', NEW.value, 'unit', NEW.unit));
END;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_update AFTER UPDATE ON event_quantities BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_quantities', 'item:' || NEW.event_id, 'UPDATE', json_object('id', OLD.id, 'event_id', OLD.event_id, 'measure', OLD.measure, 'value', OLD.value, 'unit', OLD.unit), json_object('id', NEW.id, 'event_id', NEW.event_id, 'measure', NEW.measure, 'value', NEW.value, 'unit', NEW.unit));
END;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_delete AFTER DELETE ON event_quantities BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'event_quantities', 'item:' || OLD.event_id, 'DELETE', json_object('id', OLD.id, 'event_id', OLD.event_id, 'measure', OLD.measure, 'value', OLD.value, 'unit', OLD.unit), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_insert AFTER INSERT ON claim_accused BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claim_accused', 'item:' || NEW.claim_id, 'INSERT', NULL, json_object('claim_id', NEW.claim_id, 'actor_id', NEW.actor_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_update AFTER UPDATE ON claim_accused BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claim_accused', 'item:' || NEW.claim_id, 'UPDATE', json_object('claim_id', OLD.claim_id, 'actor_id', OLD.actor_id), json_object('claim_id', NEW.claim_id, 'actor_id', NEW.actor_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_delete AFTER DELETE ON claim_accused BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claim_accused', 'item:' || OLD.claim_id, 'DELETE', json_object('claim_id', OLD.claim_id, 'actor_id', OLD.actor_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_insert AFTER INSERT ON claim_reviews BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claim_reviews', 'item:' || NEW.claim_id, 'INSERT', NULL, json_object('id', NEW.id, 'claim_id', NEW.claim_id, 'reviewer_id', NEW.reviewer_id, 'url', NEW.url, 'published_edtf', NEW.published_edtf, 'published_earliest', NEW.published_earliest, 'published_latest', NEW.published_latest, 'published_basis', NEW.published_basis, 'rating_value', NEW.rating_value, 'best_rating', NEW.best_rating, 'worst_rating', NEW.worst_rating, 'rating_label', NEW.rating_label, 'body', NEW.body));
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_update AFTER UPDATE ON claim_reviews BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claim_reviews', 'item:' || NEW.claim_id, 'UPDATE', json_object('id', OLD.id, 'claim_id', OLD.claim_id, 'reviewer_id', OLD.reviewer_id, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'rating_value', OLD.rating_value, 'best_rating', OLD.best_rating, 'worst_rating', OLD.worst_rating, 'rating_label', OLD.rating_label, 'body', OLD.body), json_object('id', NEW.id, 'claim_id', NEW.claim_id, 'reviewer_id', NEW.reviewer_id, 'url', NEW.url, 'published_edtf', NEW.published_edtf, 'published_earliest', NEW.published_earliest, 'published_latest', NEW.published_latest, 'published_basis', NEW.published_basis, 'rating_value', NEW.rating_value, 'best_rating', NEW.best_rating, 'worst_rating', NEW.worst_rating, 'rating_label', NEW.rating_label, 'body', NEW.body));
END;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_delete AFTER DELETE ON claim_reviews BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'claim_reviews', 'item:' || OLD.claim_id, 'DELETE', json_object('id', OLD.id, 'claim_id', OLD.claim_id, 'reviewer_id', OLD.reviewer_id, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'rating_value', OLD.rating_value, 'best_rating', OLD.best_rating, 'worst_rating', OLD.worst_rating, 'rating_label', OLD.rating_label, 'body', OLD.body), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_links_insert AFTER INSERT ON links BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'links', 'item:' || NEW.from_item_id, 'INSERT', NULL, json_object('id', NEW.id, 'from_item_id', NEW.from_item_id, 'kind', NEW.kind, 'to_item_id', NEW.to_item_id, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_links_update AFTER UPDATE ON links BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'links', 'item:' || NEW.from_item_id, 'UPDATE', json_object('id', OLD.id, 'from_item_id', OLD.from_item_id, 'kind', OLD.kind, 'to_item_id', OLD.to_item_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'from_item_id', NEW.from_item_id, 'kind', NEW.kind, 'to_item_id', NEW.to_item_id, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_links_delete AFTER DELETE ON links BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'links', 'item:' || OLD.from_item_id, 'DELETE', json_object('id', OLD.id, 'from_item_id', OLD.from_item_id, 'kind', OLD.kind, 'to_item_id', OLD.to_item_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_quotes_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'quotes', 'quote:' || NEW.id, 'INSERT', NULL, json_object('id', NEW.id, 'source_id', NEW.source_id, 'speaker_id', NEW.speaker_id, 'kind', NEW.kind, 'start', NEW.start, 'end', NEW.end, 'exact', NEW.exact, 'prefix', NEW.prefix, 'suffix', NEW.suffix, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_quotes_update AFTER UPDATE ON quotes BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'quotes', 'quote:' || NEW.id, 'UPDATE', json_object('id', OLD.id, 'source_id', OLD.source_id, 'speaker_id', OLD.speaker_id, 'kind', OLD.kind, 'start', OLD.start, 'end', OLD.end, 'exact', OLD.exact, 'prefix', OLD.prefix, 'suffix', OLD.suffix, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'source_id', NEW.source_id, 'speaker_id', NEW.speaker_id, 'kind', NEW.kind, 'start', NEW.start, 'end', NEW.end, 'exact', NEW.exact, 'prefix', NEW.prefix, 'suffix', NEW.suffix, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_quotes_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'quotes', 'quote:' || OLD.id, 'DELETE', json_object('id', OLD.id, 'source_id', OLD.source_id, 'speaker_id', OLD.speaker_id, 'kind', OLD.kind, 'start', OLD.start, 'end', OLD.end, 'exact', OLD.exact, 'prefix', OLD.prefix, 'suffix', OLD.suffix, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_citations_insert AFTER INSERT ON citations BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'citations', coalesce('item:' || NEW.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = NEW.relation_id), 'relation:' || NEW.relation_id), 'INSERT', NULL, json_object('id', NEW.id, 'item_id', NEW.item_id, 'relation_id', NEW.relation_id, 'source_id', NEW.source_id, 'quote_id', NEW.quote_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_citations_update AFTER UPDATE ON citations BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'citations', coalesce('item:' || NEW.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = NEW.relation_id), 'relation:' || NEW.relation_id), 'UPDATE', json_object('id', OLD.id, 'item_id', OLD.item_id, 'relation_id', OLD.relation_id, 'source_id', OLD.source_id, 'quote_id', OLD.quote_id), json_object('id', NEW.id, 'item_id', NEW.item_id, 'relation_id', NEW.relation_id, 'source_id', NEW.source_id, 'quote_id', NEW.quote_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_citations_delete AFTER DELETE ON citations BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, before, after)
  VALUES ((SELECT max(id) FROM changes), 'citations', coalesce('item:' || OLD.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = OLD.relation_id), 'relation:' || OLD.relation_id), 'DELETE', json_object('id', OLD.id, 'item_id', OLD.item_id, 'relation_id', OLD.relation_id, 'source_id', OLD.source_id, 'quote_id', OLD.quote_id), NULL);
END;
