DROP INDEX `sources_title_idx`;--> statement-breakpoint
-- Written by hand: drizzle-kit 0.31 splits expression indexes on commas.
CREATE INDEX `sources_title_idx` ON `sources` (coalesce(`title`, ''), `id`);
