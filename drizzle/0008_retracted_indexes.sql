CREATE INDEX `actors_retracted_idx` ON `actors` (`retracted_at`) WHERE "actors"."retracted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `items_retracted_idx` ON `items` (`retracted_at`) WHERE "items"."retracted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `places_retracted_idx` ON `places` (`retracted_at`) WHERE "places"."retracted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `quotes_retracted_idx` ON `quotes` (`retracted_at`) WHERE "quotes"."retracted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sources_retracted_idx` ON `sources` (`retracted_at`) WHERE "sources"."retracted_at" IS NOT NULL;