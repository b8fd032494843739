-- Index each new event once: the events trigger writes title and summary, so the items trigger
-- leaves events alone (it wrote the summary only for the events trigger to replace it). Sources
-- with nothing to search (a GDELT URL alone) get no empty document.
DROP TRIGGER `items_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `items_search_insert` AFTER INSERT ON `items` WHEN new.`type` <> 'EVENT' BEGIN
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 4, new.`summary`);
END;
--> statement-breakpoint
DROP TRIGGER `events_search_upsert`;
--> statement-breakpoint
CREATE TRIGGER `events_search_insert` AFTER INSERT ON `events` BEGIN
  INSERT OR REPLACE INTO `search_index` (`rowid`, `body`) SELECT `id` * 8 + 4, new.`title` || ' ' || `summary`
    FROM `items` WHERE `id` = new.`item_id`;
END;
--> statement-breakpoint
DROP TRIGGER `sources_search_insert`;
--> statement-breakpoint
CREATE TRIGGER `sources_search_insert` AFTER INSERT ON `sources`
  WHEN coalesce(new.`title`, new.`publisher`, new.`text`) IS NOT NULL BEGIN
  INSERT INTO `search_index` (`rowid`, `body`) VALUES (new.`id` * 8 + 3,
    coalesce(new.`title`, '') || coalesce(' ' || new.`publisher`, '') || coalesce(' ' || new.`text`, ''));
END;
