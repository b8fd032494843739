CREATE INDEX `actors_country_idx` ON `actors` (`country`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `places_kind_idx` ON `places` (`kind`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `places_country_idx` ON `places` (`country`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `sources_language_idx` ON `sources` (`language`);--> statement-breakpoint
CREATE INDEX `sources_publisher_idx` ON `sources` (`publisher`);