-- Who is who, as it stands: each record that standing same-as decisions join to another, with its
-- group's canonical record (the lowest id), so that resolved reads look groups up instead of
-- walking every decision per statement. Derived from same_as and same_as_members (not recorded in
-- history); the write module keeps it from here on. Filled from the decisions already made.
CREATE TABLE `actor_groups` (
	`actor_id` integer PRIMARY KEY NOT NULL,
	`canonical_id` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`canonical_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actor_groups_canonical_idx` ON `actor_groups` (`canonical_id`);--> statement-breakpoint
CREATE TABLE `event_groups` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`canonical_id` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`canonical_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_groups_canonical_idx` ON `event_groups` (`canonical_id`);
--> statement-breakpoint
INSERT INTO actor_groups (actor_id, canonical_id)
  WITH RECURSIVE reach(start, id) AS (
    SELECT m.actor_id, m.actor_id FROM same_as_members m JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL WHERE m.actor_id IS NOT NULL
    UNION
    SELECT r.start, o.actor_id FROM reach r JOIN same_as_members m ON m.actor_id = r.id
      JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL JOIN same_as_members o ON o.same_as_id = d.id
  )
  SELECT start, min(id) FROM reach GROUP BY start HAVING count(*) > 1;
--> statement-breakpoint
INSERT INTO event_groups (item_id, canonical_id)
  WITH RECURSIVE reach(start, id) AS (
    SELECT m.item_id, m.item_id FROM same_as_members m JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL WHERE m.item_id IS NOT NULL
    UNION
    SELECT r.start, o.item_id FROM reach r JOIN same_as_members m ON m.item_id = r.id
      JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL JOIN same_as_members o ON o.same_as_id = d.id
  )
  SELECT start, min(id) FROM reach GROUP BY start HAVING count(*) > 1;
