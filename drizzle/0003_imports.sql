CREATE TABLE `claim_reviews` (
	`id` integer PRIMARY KEY NOT NULL,
	`claim_id` integer NOT NULL,
	`reviewer_id` integer,
	`url` text,
	`published_edtf` text NOT NULL,
	`published_earliest` integer NOT NULL,
	`published_latest` integer NOT NULL,
	`published_basis` text,
	`rating_value` real,
	`best_rating` real,
	`worst_rating` real,
	`rating_label` text,
	`body` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`item_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_reviews_claim_idx` ON `claim_reviews` (`claim_id`);--> statement-breakpoint
CREATE INDEX `claim_reviews_reviewer_idx` ON `claim_reviews` (`reviewer_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_sources` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text,
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
INSERT INTO `__new_sources`("id", "title", "publisher", "url", "published_edtf", "published_earliest", "published_latest", "published_basis", "language", "text", "created_at") SELECT "id", "title", "publisher", "url", "published_edtf", "published_earliest", "published_latest", "published_basis", "language", "text", "created_at" FROM `sources`;--> statement-breakpoint
DROP TABLE `sources`;--> statement-breakpoint
ALTER TABLE `__new_sources` RENAME TO `sources`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `sources_published_idx` ON `sources` (`published_earliest`,`published_latest`,`id`);--> statement-breakpoint
CREATE INDEX `sources_title_idx` ON `sources` (`title`,`id`);--> statement-breakpoint
CREATE INDEX `sources_language_idx` ON `sources` (`language`);--> statement-breakpoint
CREATE INDEX `sources_publisher_idx` ON `sources` (`publisher`);--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_idx` ON `sources` (`url`);--> statement-breakpoint
ALTER TABLE `events` ADD `goldstein` real;--> statement-breakpoint
ALTER TABLE `events` ADD `quad_class` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `tone` real;--> statement-breakpoint
ALTER TABLE `events` ADD `acled_event_type` text;--> statement-breakpoint
ALTER TABLE `events` ADD `acled_sub_event_type` text;--> statement-breakpoint
ALTER TABLE `record_keys` ADD `fingerprint` text;--> statement-breakpoint
-- Added by hand to the generated rebuild: dropping sources dropped its search triggers.
CREATE TRIGGER `sources_search_insert` AFTER INSERT ON `sources` BEGIN
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 3,
    coalesce(new.`title`, '') || coalesce(' ' || new.`publisher`, '') || coalesce(' ' || new.`text`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_update` AFTER UPDATE OF `title`, `publisher`, `text` ON `sources` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 3;
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 3,
    coalesce(new.`title`, '') || coalesce(' ' || new.`publisher`, '') || coalesce(' ' || new.`text`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_delete` AFTER DELETE ON `sources` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 3;
END;
