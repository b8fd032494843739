PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_actors` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`country` text,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "actors_kind_check" CHECK("__new_actors"."kind" IN ('STATE', 'GOVERNMENT_BODY', 'MILITARY', 'ARMED_GROUP', 'COALITION', 'PERSON', 'MEDIA', 'ORGANIZATION', 'UNKNOWN')),
	CONSTRAINT "actors_country_check" CHECK("__new_actors"."country" IS NULL OR length("__new_actors"."country") = 2)
);
--> statement-breakpoint
INSERT INTO `__new_actors`("id", "name", "kind", "country", "description", "created_at") SELECT "id", "name", "kind", "country", "description", "created_at" FROM `actors`;--> statement-breakpoint
-- Added by hand: SQLite will not rename a table while another table's trigger names a missing one.
DROP TRIGGER `actor_aliases_search_insert`;--> statement-breakpoint
DROP TRIGGER `actor_aliases_search_delete`;--> statement-breakpoint
DROP TABLE `actors`;--> statement-breakpoint
ALTER TABLE `__new_actors` RENAME TO `actors`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `actors_name_idx` ON `actors` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `actors_kind_idx` ON `actors` (`kind`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `actors_country_idx` ON `actors` (`country`,`name`,`id`);--> statement-breakpoint
-- Added by hand to the generated rebuild: dropping actors dropped its search triggers.
CREATE TRIGGER `actors_search_insert` AFTER INSERT ON `actors` BEGIN
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 1, new.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `actors_search_update` AFTER UPDATE OF `name` ON `actors` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 1;
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 1,
    new.`name` || coalesce(' ' || (SELECT group_concat(`alias`, ' ') FROM `actor_aliases` WHERE `actor_id` = new.`id`), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `actors_search_delete` AFTER DELETE ON `actors` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `actor_aliases_search_insert` AFTER INSERT ON `actor_aliases` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = new.`actor_id` * 8 + 1;
  INSERT INTO `search_index` (`rowid`, `body`) SELECT `id` * 8 + 1,
    `name` || coalesce(' ' || (SELECT group_concat(`alias`, ' ') FROM `actor_aliases` WHERE `actor_id` = new.`actor_id`), '')
    FROM `actors` WHERE `id` = new.`actor_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `actor_aliases_search_delete` AFTER DELETE ON `actor_aliases` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`actor_id` * 8 + 1;
  INSERT INTO `search_index` (`rowid`, `body`) SELECT `id` * 8 + 1,
    `name` || coalesce(' ' || (SELECT group_concat(`alias`, ' ') FROM `actor_aliases` WHERE `actor_id` = old.`actor_id`), '')
    FROM `actors` WHERE `id` = old.`actor_id`;
END;
