-- Full-text search over every named or worded record, with SQLite FTS5.
-- The rowid encodes the record: id * 8 + kind (1 actor, 2 place, 3 source, 4 timeline item,
-- 5 quote), so a trigger refreshes one document by rowid instead of scanning the index.
CREATE VIRTUAL TABLE `search_index` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
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
--> statement-breakpoint
CREATE TRIGGER `places_search_insert` AFTER INSERT ON `places` BEGIN
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 2, new.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `places_search_update` AFTER UPDATE OF `name` ON `places` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 2;
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 2,
    new.`name` || coalesce(' ' || (SELECT group_concat(`alias`, ' ') FROM `place_aliases` WHERE `place_id` = new.`id`), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `places_search_delete` AFTER DELETE ON `places` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER `place_aliases_search_insert` AFTER INSERT ON `place_aliases` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = new.`place_id` * 8 + 2;
  INSERT INTO `search_index` (`rowid`, `body`) SELECT `id` * 8 + 2,
    `name` || coalesce(' ' || (SELECT group_concat(`alias`, ' ') FROM `place_aliases` WHERE `place_id` = new.`place_id`), '')
    FROM `places` WHERE `id` = new.`place_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `place_aliases_search_delete` AFTER DELETE ON `place_aliases` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`place_id` * 8 + 2;
  INSERT INTO `search_index` (`rowid`, `body`) SELECT `id` * 8 + 2,
    `name` || coalesce(' ' || (SELECT group_concat(`alias`, ' ') FROM `place_aliases` WHERE `place_id` = old.`place_id`), '')
    FROM `places` WHERE `id` = old.`place_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_insert` AFTER INSERT ON `sources` BEGIN
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 3,
    new.`title` || coalesce(' ' || new.`publisher`, '') || coalesce(' ' || new.`text`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_update` AFTER UPDATE OF `title`, `publisher`, `text` ON `sources` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 3;
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 3,
    new.`title` || coalesce(' ' || new.`publisher`, '') || coalesce(' ' || new.`text`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_delete` AFTER DELETE ON `sources` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 3;
END;
--> statement-breakpoint
CREATE TRIGGER `items_search_insert` AFTER INSERT ON `items` BEGIN
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 4, new.`summary`);
END;
--> statement-breakpoint
CREATE TRIGGER `items_search_update` AFTER UPDATE OF `summary` ON `items` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 4;
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 4,
    coalesce((SELECT `title` || ' ' FROM `events` WHERE `item_id` = new.`id`), '') || new.`summary`);
END;
--> statement-breakpoint
CREATE TRIGGER `items_search_delete` AFTER DELETE ON `items` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 4;
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_upsert` AFTER INSERT ON `events` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = new.`item_id` * 8 + 4;
  INSERT INTO `search_index` (`rowid`, `body`) SELECT `id` * 8 + 4, new.`title` || ' ' || `summary`
    FROM `items` WHERE `id` = new.`item_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_update` AFTER UPDATE OF `title` ON `events` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = new.`item_id` * 8 + 4;
  INSERT INTO `search_index` (`rowid`, `body`) SELECT `id` * 8 + 4, new.`title` || ' ' || `summary`
    FROM `items` WHERE `id` = new.`item_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_search_insert` AFTER INSERT ON `quotes` BEGIN
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 5, new.`exact`);
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_search_update` AFTER UPDATE OF `exact` ON `quotes` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 5;
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 5, new.`exact`);
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_search_delete` AFTER DELETE ON `quotes` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = old.`id` * 8 + 5;
END;
