-- Who is who: same-as decisions (records that name one actor, or one event) and the records each
-- joins, both recorded in history by the triggers printed from src/db/triggers.ts.
CREATE TABLE `same_as` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`decided_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`retracted_at` text,
	`retraction_reason` text,
	CONSTRAINT "same_as_kind_check" CHECK("same_as"."kind" IN ('ACTOR', 'EVENT'))
);
--> statement-breakpoint
CREATE TABLE `same_as_members` (
	`id` integer PRIMARY KEY NOT NULL,
	`same_as_id` integer NOT NULL,
	`actor_id` integer,
	`item_id` integer,
	FOREIGN KEY (`same_as_id`) REFERENCES `same_as`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "same_as_members_one_record" CHECK(("same_as_members"."actor_id" IS NULL) <> ("same_as_members"."item_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `same_as_members_actor_idx` ON `same_as_members` (`actor_id`,`same_as_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `same_as_members_item_idx` ON `same_as_members` (`item_id`,`same_as_id`);--> statement-breakpoint
CREATE INDEX `same_as_members_decision_idx` ON `same_as_members` (`same_as_id`);
--> statement-breakpoint
CREATE TRIGGER history_same_as_insert AFTER INSERT ON same_as WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as', 'same-as:' || NEW.id, 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_same_as_update AFTER UPDATE ON same_as WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as', 'same-as:' || NEW.id, 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'kind', OLD.kind, 'reason', OLD.reason, 'decided_by', OLD.decided_by, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_object('id', NEW.id, 'kind', NEW.kind, 'reason', NEW.reason, 'decided_by', NEW.decided_by, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
END;
--> statement-breakpoint
CREATE TRIGGER history_same_as_delete AFTER DELETE ON same_as WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as', 'same-as:' || OLD.id, 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'kind', OLD.kind, 'reason', OLD.reason, 'decided_by', OLD.decided_by, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_same_as_members_insert AFTER INSERT ON same_as_members WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as_members', coalesce('actor:' || NEW.actor_id, 'item:' || NEW.item_id), 'INSERT', json_object('id', NEW.id), NULL, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER history_same_as_members_update AFTER UPDATE ON same_as_members WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as_members', coalesce('actor:' || NEW.actor_id, 'item:' || NEW.item_id), 'UPDATE', json_object('id', NEW.id), json_object('id', OLD.id, 'same_as_id', OLD.same_as_id, 'actor_id', OLD.actor_id, 'item_id', OLD.item_id), json_object('id', NEW.id, 'same_as_id', NEW.same_as_id, 'actor_id', NEW.actor_id, 'item_id', NEW.item_id));
END;
--> statement-breakpoint
CREATE TRIGGER history_same_as_members_delete AFTER DELETE ON same_as_members WHEN claimline_recorded() BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as_members', coalesce('actor:' || OLD.actor_id, 'item:' || OLD.item_id), 'DELETE', json_object('id', OLD.id), json_object('id', OLD.id, 'same_as_id', OLD.same_as_id, 'actor_id', OLD.actor_id, 'item_id', OLD.item_id), NULL);
END;
