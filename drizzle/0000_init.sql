CREATE TABLE `actor_aliases` (
	`actor_id` integer NOT NULL,
	`alias` text NOT NULL,
	PRIMARY KEY(`actor_id`, `alias`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `actor_aliases_alias_idx` ON `actor_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `actor_identifiers` (
	`actor_id` integer NOT NULL,
	`scheme` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`actor_id`, `scheme`, `value`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "actor_identifiers_scheme_check" CHECK("actor_identifiers"."scheme" IN ('WIKIDATA', 'CAMEO', 'PLOVER', 'ACLED', 'GDELT'))
);
--> statement-breakpoint
CREATE INDEX `actor_identifiers_value_idx` ON `actor_identifiers` (`scheme`,`value`);--> statement-breakpoint
CREATE TABLE `actor_relations` (
	`id` integer PRIMARY KEY NOT NULL,
	`subject_id` integer NOT NULL,
	`kind` text NOT NULL,
	`object_id` integer NOT NULL,
	`valid_edtf` text,
	`valid_earliest` integer,
	`valid_latest` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`object_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "actor_relations_kind_check" CHECK("actor_relations"."kind" IN ('SPOKESPERSON_FOR', 'PART_OF', 'MEMBER_OF', 'LEADS', 'BACKS', 'OPPOSES')),
	CONSTRAINT "actor_relations_not_self" CHECK("actor_relations"."subject_id" <> "actor_relations"."object_id"),
	CONSTRAINT "actor_relations_validity_complete" CHECK(("actor_relations"."valid_edtf" IS NULL) = ("actor_relations"."valid_earliest" IS NULL) AND ("actor_relations"."valid_edtf" IS NULL) = ("actor_relations"."valid_latest" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `actor_relations_subject_idx` ON `actor_relations` (`subject_id`,`kind`);--> statement-breakpoint
CREATE INDEX `actor_relations_object_idx` ON `actor_relations` (`object_id`,`kind`);--> statement-breakpoint
CREATE TABLE `actors` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`country` text,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "actors_kind_check" CHECK("actors"."kind" IN ('STATE', 'GOVERNMENT_BODY', 'MILITARY', 'ARMED_GROUP', 'COALITION', 'PERSON', 'MEDIA', 'ORGANIZATION')),
	CONSTRAINT "actors_country_check" CHECK("actors"."country" IS NULL OR length("actors"."country") = 2)
);
--> statement-breakpoint
CREATE INDEX `actors_name_idx` ON `actors` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `actors_kind_idx` ON `actors` (`kind`,`name`,`id`);--> statement-breakpoint
CREATE TABLE `citations` (
	`id` integer PRIMARY KEY NOT NULL,
	`item_id` integer,
	`relation_id` integer,
	`source_id` integer NOT NULL,
	`quote_id` integer,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`relation_id`) REFERENCES `actor_relations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`quote_id`) REFERENCES `quotes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "citations_one_target" CHECK(("citations"."item_id" IS NULL) <> ("citations"."relation_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `citations_item_idx` ON `citations` (`item_id`,`source_id`,`quote_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `citations_relation_idx` ON `citations` (`relation_id`,`source_id`,`quote_id`);--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`);--> statement-breakpoint
CREATE INDEX `citations_quote_idx` ON `citations` (`quote_id`);--> statement-breakpoint
CREATE TABLE `claim_accused` (
	`claim_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	PRIMARY KEY(`claim_id`, `actor_id`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`item_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_accused_actor_idx` ON `claim_accused` (`actor_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`claimant_id` integer NOT NULL,
	`spokesperson_id` integer,
	`stance` text,
	`statement_kind` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claimant_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`spokesperson_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "claims_stance_check" CHECK("claims"."stance" IS NULL OR "claims"."stance" IN ('DENIES', 'DISPUTES', 'CORRECTS')),
	CONSTRAINT "claims_statement_kind_check" CHECK("claims"."statement_kind" IS NULL OR "claims"."statement_kind" IN ('ASSERTION', 'APPEAL', 'QUESTION'))
);
--> statement-breakpoint
CREATE INDEX `claims_claimant_idx` ON `claims` (`claimant_id`);--> statement-breakpoint
CREATE INDEX `claims_spokesperson_idx` ON `claims` (`spokesperson_id`);--> statement-breakpoint
CREATE TABLE `event_participants` (
	`event_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`event_id`, `actor_id`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`item_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "event_participants_role_check" CHECK("event_participants"."role" IN ('AGENT', 'TARGET', 'SUPPORTER', 'AFFECTED'))
);
--> statement-breakpoint
CREATE INDEX `event_participants_actor_idx` ON `event_participants` (`actor_id`,`role`);--> statement-breakpoint
CREATE TABLE `event_places` (
	`event_id` integer NOT NULL,
	`place_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `place_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`item_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_places_place_idx` ON `event_places` (`place_id`);--> statement-breakpoint
CREATE TABLE `event_quantities` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`measure` text NOT NULL,
	`value` real NOT NULL,
	`unit` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`item_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_quantities_event_idx` ON `event_quantities` (`event_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`mode` text,
	`contexts` text DEFAULT '[]' NOT NULL,
	`status` text NOT NULL,
	`cameo_code` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "events_kind_check" CHECK("events"."kind" IN ('AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT', 'OTHER')),
	CONSTRAINT "events_status_check" CHECK("events"."status" IN ('REPORTED', 'ALLEGED', 'DISPUTED', 'CONFIRMED')),
	CONSTRAINT "events_contexts_check" CHECK(json_valid("events"."contexts") AND json_type("events"."contexts") = 'array')
);
--> statement-breakpoint
CREATE INDEX `events_kind_idx` ON `events` (`kind`);--> statement-breakpoint
CREATE INDEX `events_status_idx` ON `events` (`status`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`summary` text NOT NULL,
	`date_edtf` text NOT NULL,
	`date_earliest` integer NOT NULL,
	`date_latest` integer NOT NULL,
	`date_basis` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "items_type_check" CHECK("items"."type" IN ('EVENT', 'ACCUSATION', 'REBUTTAL', 'STATEMENT')),
	CONSTRAINT "items_date_order_check" CHECK("items"."date_earliest" <= "items"."date_latest")
);
--> statement-breakpoint
CREATE INDEX `items_date_idx` ON `items` (`date_earliest`,`date_latest`,`id`);--> statement-breakpoint
CREATE INDEX `items_type_date_idx` ON `items` (`type`,`date_earliest`,`date_latest`,`id`);--> statement-breakpoint
CREATE TABLE `links` (
	`id` integer PRIMARY KEY NOT NULL,
	`from_item_id` integer NOT NULL,
	`kind` text NOT NULL,
	`to_item_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`from_item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "links_kind_check" CHECK("links"."kind" IN ('REBUTS', 'RESPONDS_TO', 'CITES_AS_EVIDENCE', 'IS_ABOUT', 'PART_OF', 'CAUSED_BY', 'PRECEDES')),
	CONSTRAINT "links_not_self" CHECK("links"."from_item_id" <> "links"."to_item_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_edge_idx` ON `links` (`from_item_id`,`kind`,`to_item_id`);--> statement-breakpoint
CREATE INDEX `links_to_idx` ON `links` (`to_item_id`,`kind`);--> statement-breakpoint
CREATE TABLE `place_aliases` (
	`place_id` integer NOT NULL,
	`alias` text NOT NULL,
	PRIMARY KEY(`place_id`, `alias`),
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `place_aliases_alias_idx` ON `place_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `places` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`country` text,
	`latitude` real,
	`longitude` real,
	`geonames_id` integer,
	`parent_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "places_kind_check" CHECK("places"."kind" IN ('COUNTRY', 'REGION', 'PROVINCE', 'DISTRICT', 'CITY', 'SITE', 'BODY_OF_WATER', 'OTHER')),
	CONSTRAINT "places_country_check" CHECK("places"."country" IS NULL OR length("places"."country") = 2),
	CONSTRAINT "places_coordinates_check" CHECK(("places"."latitude" IS NULL AND "places"."longitude" IS NULL) OR ("places"."latitude" BETWEEN -90 AND 90 AND "places"."longitude" BETWEEN -180 AND 180))
);
--> statement-breakpoint
CREATE INDEX `places_name_idx` ON `places` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `places_parent_idx` ON `places` (`parent_id`);--> statement-breakpoint
CREATE INDEX `places_coordinates_idx` ON `places` (`latitude`,`longitude`);--> statement-breakpoint
CREATE UNIQUE INDEX `places_geonames_idx` ON `places` (`geonames_id`);--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` integer PRIMARY KEY NOT NULL,
	`source_id` integer NOT NULL,
	`speaker_id` integer,
	`kind` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`exact` text NOT NULL,
	`prefix` text NOT NULL,
	`suffix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`speaker_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "quotes_kind_check" CHECK("quotes"."kind" IN ('DIRECT', 'PARAPHRASE', 'NARRATION')),
	CONSTRAINT "quotes_span_check" CHECK("quotes"."start" >= 0 AND "quotes"."end" > "quotes"."start"),
	CONSTRAINT "quotes_exact_length_check" CHECK(length("quotes"."exact") = "quotes"."end" - "quotes"."start"),
	CONSTRAINT "quotes_speaker_check" CHECK(("quotes"."kind" = 'NARRATION') = ("quotes"."speaker_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quotes_span_idx` ON `quotes` (`source_id`,`start`,`end`);--> statement-breakpoint
CREATE INDEX `quotes_speaker_idx` ON `quotes` (`speaker_id`);--> statement-breakpoint
CREATE TABLE `record_keys` (
	`namespace` text NOT NULL,
	`key` text NOT NULL,
	`record_type` text NOT NULL,
	`record_id` integer NOT NULL,
	PRIMARY KEY(`namespace`, `key`)
);
--> statement-breakpoint
CREATE INDEX `record_keys_record_idx` ON `record_keys` (`record_type`,`record_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`publisher` text,
	`url` text,
	`published_edtf` text NOT NULL,
	`published_earliest` integer NOT NULL,
	`published_latest` integer NOT NULL,
	`published_basis` text,
	`language` text,
	`text` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sources_published_idx` ON `sources` (`published_earliest`,`published_latest`,`id`);--> statement-breakpoint
CREATE INDEX `sources_title_idx` ON `sources` (`title`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_idx` ON `sources` (`url`);