-- Every foreign key deferrable, so that an as-of read (src/domain/changes.ts: rewindTo) can defer
-- their checks to the end of its undo, as SQLite's defer_foreign_keys does; each is still checked at
-- every statement of every other transaction. drizzle-kit has no word for it: printed by
-- `npx tsx scripts/triggers.ts postgres-keys` (src/db/schema-pg.ts: deferrableKeys).
ALTER TABLE acled_codings ALTER CONSTRAINT acled_codings_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE actor_aliases ALTER CONSTRAINT actor_aliases_actor_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE actor_codes ALTER CONSTRAINT actor_codes_actor_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE actor_groups ALTER CONSTRAINT actor_groups_actor_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE actor_groups ALTER CONSTRAINT actor_groups_canonical_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE actor_identifiers ALTER CONSTRAINT actor_identifiers_actor_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE actor_relations ALTER CONSTRAINT actor_relations_subject_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE actor_relations ALTER CONSTRAINT actor_relations_object_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE citations ALTER CONSTRAINT citations_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE citations ALTER CONSTRAINT citations_relation_id_actor_relations_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE citations ALTER CONSTRAINT citations_source_id_sources_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE citations ALTER CONSTRAINT citations_quote_id_quotes_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE claim_accused ALTER CONSTRAINT claim_accused_claim_id_claims_item_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE claim_accused ALTER CONSTRAINT claim_accused_actor_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE claim_reviews ALTER CONSTRAINT claim_reviews_claim_id_claims_item_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE claim_reviews ALTER CONSTRAINT claim_reviews_reviewer_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE claims ALTER CONSTRAINT claims_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE claims ALTER CONSTRAINT claims_claimant_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE claims ALTER CONSTRAINT claims_spokesperson_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE event_groups ALTER CONSTRAINT event_groups_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE event_groups ALTER CONSTRAINT event_groups_canonical_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE event_participants ALTER CONSTRAINT event_participants_event_id_events_item_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE event_participants ALTER CONSTRAINT event_participants_actor_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE event_quantities ALTER CONSTRAINT event_quantities_event_id_events_item_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE events ALTER CONSTRAINT events_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE gdelt_codings ALTER CONSTRAINT gdelt_codings_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE gdelt_codings ALTER CONSTRAINT gdelt_codings_actor1_geo_id_places_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE gdelt_codings ALTER CONSTRAINT gdelt_codings_actor2_geo_id_places_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE item_identifiers ALTER CONSTRAINT item_identifiers_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE item_places ALTER CONSTRAINT item_places_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE item_places ALTER CONSTRAINT item_places_place_id_places_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE links ALTER CONSTRAINT links_from_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE links ALTER CONSTRAINT links_to_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE place_aliases ALTER CONSTRAINT place_aliases_place_id_places_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE places ALTER CONSTRAINT places_parent_id_places_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE quotes ALTER CONSTRAINT quotes_source_id_sources_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE quotes ALTER CONSTRAINT quotes_speaker_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE same_as_members ALTER CONSTRAINT same_as_members_same_as_id_same_as_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE same_as_members ALTER CONSTRAINT same_as_members_actor_id_actors_id_fk DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE same_as_members ALTER CONSTRAINT same_as_members_item_id_items_id_fk DEFERRABLE INITIALLY IMMEDIATE;
