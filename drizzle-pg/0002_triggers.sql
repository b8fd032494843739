-- Every trigger claimline's history and search need, as src/db/triggers.ts defines them
-- (printed by `npx tsx scripts/triggers.ts postgres`), and the three functions they call. The
-- functions read what the write in progress says (src/domain/write.ts), which the connection
-- keeps in transaction-local settings (src/db/postgres.ts): a write outside a recorded change
-- is refused, as on SQLite.
CREATE FUNCTION claimline_change() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
  open text := current_setting('claimline.change', true);
BEGIN
  IF open IS NULL OR open = '' THEN
    RAISE EXCEPTION 'claimline: a write outside a recorded change is refused (write through src/domain/write.ts, which opens one)';
  END IF;
  RETURN open::bigint;
END
$$;
--> statement-breakpoint
CREATE FUNCTION claimline_recorded() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('claimline.recorded', true), ''), '1') = '1' $$;
--> statement-breakpoint
CREATE FUNCTION claimline_indexed() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('claimline.indexed', true), ''), '1') = '1' $$;
--> statement-breakpoint
CREATE FUNCTION history_sources_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'sources', 'source:' || NEW.id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_sources_insert AFTER INSERT ON sources FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_sources_insert();
--> statement-breakpoint
CREATE FUNCTION history_sources_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'sources', 'source:' || NEW.id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'title', OLD.title, 'publisher', OLD.publisher, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'language', OLD.language, 'text', OLD.text, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_build_object('id', NEW.id, 'title', NEW.title, 'publisher', NEW.publisher, 'url', NEW.url, 'published_edtf', NEW.published_edtf, 'published_earliest', NEW.published_earliest, 'published_latest', NEW.published_latest, 'published_basis', NEW.published_basis, 'language', NEW.language, 'text', NEW.text, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_sources_update AFTER UPDATE ON sources FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_sources_update();
--> statement-breakpoint
CREATE FUNCTION history_sources_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'sources', 'source:' || OLD.id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'title', OLD.title, 'publisher', OLD.publisher, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'language', OLD.language, 'text', OLD.text, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_sources_delete AFTER DELETE ON sources FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_sources_delete();
--> statement-breakpoint
CREATE FUNCTION history_actors_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actors', 'actor:' || NEW.id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actors_insert AFTER INSERT ON actors FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actors_insert();
--> statement-breakpoint
CREATE FUNCTION history_actors_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actors', 'actor:' || NEW.id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'description', OLD.description, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_build_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'description', NEW.description, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actors_update AFTER UPDATE ON actors FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actors_update();
--> statement-breakpoint
CREATE FUNCTION history_actors_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actors', 'actor:' || OLD.id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'description', OLD.description, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actors_delete AFTER DELETE ON actors FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actors_delete();
--> statement-breakpoint
CREATE FUNCTION history_actor_aliases_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_aliases', 'actor:' || NEW.actor_id, 'INSERT', json_build_object('actor_id', NEW.actor_id, 'alias', NEW.alias), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_insert AFTER INSERT ON actor_aliases FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_aliases_insert();
--> statement-breakpoint
CREATE FUNCTION history_actor_aliases_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_aliases', 'actor:' || NEW.actor_id, 'UPDATE', json_build_object('actor_id', NEW.actor_id, 'alias', NEW.alias), json_build_object('actor_id', OLD.actor_id, 'alias', OLD.alias), json_build_object('actor_id', NEW.actor_id, 'alias', NEW.alias));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_update AFTER UPDATE ON actor_aliases FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_aliases_update();
--> statement-breakpoint
CREATE FUNCTION history_actor_aliases_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_aliases', 'actor:' || OLD.actor_id, 'DELETE', json_build_object('actor_id', OLD.actor_id, 'alias', OLD.alias), json_build_object('actor_id', OLD.actor_id, 'alias', OLD.alias), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_aliases_delete AFTER DELETE ON actor_aliases FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_aliases_delete();
--> statement-breakpoint
CREATE FUNCTION history_actor_identifiers_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_identifiers', 'actor:' || NEW.actor_id, 'INSERT', json_build_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_insert AFTER INSERT ON actor_identifiers FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_identifiers_insert();
--> statement-breakpoint
CREATE FUNCTION history_actor_identifiers_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_identifiers', 'actor:' || NEW.actor_id, 'UPDATE', json_build_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value), json_build_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_build_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_update AFTER UPDATE ON actor_identifiers FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_identifiers_update();
--> statement-breakpoint
CREATE FUNCTION history_actor_identifiers_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_identifiers', 'actor:' || OLD.actor_id, 'DELETE', json_build_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_build_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_identifiers_delete AFTER DELETE ON actor_identifiers FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_identifiers_delete();
--> statement-breakpoint
CREATE FUNCTION history_actor_codes_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_codes', 'actor:' || NEW.actor_id, 'INSERT', json_build_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_codes_insert AFTER INSERT ON actor_codes FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_codes_insert();
--> statement-breakpoint
CREATE FUNCTION history_actor_codes_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_codes', 'actor:' || NEW.actor_id, 'UPDATE', json_build_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value), json_build_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_build_object('actor_id', NEW.actor_id, 'scheme', NEW.scheme, 'value', NEW.value));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_codes_update AFTER UPDATE ON actor_codes FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_codes_update();
--> statement-breakpoint
CREATE FUNCTION history_actor_codes_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_codes', 'actor:' || OLD.actor_id, 'DELETE', json_build_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), json_build_object('actor_id', OLD.actor_id, 'scheme', OLD.scheme, 'value', OLD.value), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_codes_delete AFTER DELETE ON actor_codes FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_codes_delete();
--> statement-breakpoint
CREATE FUNCTION history_actor_relations_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_relations', 'actor:' || NEW.subject_id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_insert AFTER INSERT ON actor_relations FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_relations_insert();
--> statement-breakpoint
CREATE FUNCTION history_actor_relations_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_relations', 'actor:' || NEW.subject_id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'subject_id', OLD.subject_id, 'kind', OLD.kind, 'object_id', OLD.object_id, 'valid_edtf', OLD.valid_edtf, 'valid_earliest', OLD.valid_earliest, 'valid_latest', OLD.valid_latest, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_build_object('id', NEW.id, 'subject_id', NEW.subject_id, 'kind', NEW.kind, 'object_id', NEW.object_id, 'valid_edtf', NEW.valid_edtf, 'valid_earliest', NEW.valid_earliest, 'valid_latest', NEW.valid_latest, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_update AFTER UPDATE ON actor_relations FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_relations_update();
--> statement-breakpoint
CREATE FUNCTION history_actor_relations_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'actor_relations', 'actor:' || OLD.subject_id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'subject_id', OLD.subject_id, 'kind', OLD.kind, 'object_id', OLD.object_id, 'valid_edtf', OLD.valid_edtf, 'valid_earliest', OLD.valid_earliest, 'valid_latest', OLD.valid_latest, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_actor_relations_delete AFTER DELETE ON actor_relations FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_actor_relations_delete();
--> statement-breakpoint
CREATE FUNCTION history_places_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'places', 'place:' || NEW.id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_places_insert AFTER INSERT ON places FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_places_insert();
--> statement-breakpoint
CREATE FUNCTION history_places_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'places', 'place:' || NEW.id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'latitude', OLD.latitude, 'longitude', OLD.longitude, 'geonames_id', OLD.geonames_id, 'parent_id', OLD.parent_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_build_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'country', NEW.country, 'latitude', NEW.latitude, 'longitude', NEW.longitude, 'geonames_id', NEW.geonames_id, 'parent_id', NEW.parent_id, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_places_update AFTER UPDATE ON places FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_places_update();
--> statement-breakpoint
CREATE FUNCTION history_places_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'places', 'place:' || OLD.id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'country', OLD.country, 'latitude', OLD.latitude, 'longitude', OLD.longitude, 'geonames_id', OLD.geonames_id, 'parent_id', OLD.parent_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_places_delete AFTER DELETE ON places FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_places_delete();
--> statement-breakpoint
CREATE FUNCTION history_place_aliases_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'place_aliases', 'place:' || NEW.place_id, 'INSERT', json_build_object('place_id', NEW.place_id, 'alias', NEW.alias), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_insert AFTER INSERT ON place_aliases FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_place_aliases_insert();
--> statement-breakpoint
CREATE FUNCTION history_place_aliases_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'place_aliases', 'place:' || NEW.place_id, 'UPDATE', json_build_object('place_id', NEW.place_id, 'alias', NEW.alias), json_build_object('place_id', OLD.place_id, 'alias', OLD.alias), json_build_object('place_id', NEW.place_id, 'alias', NEW.alias));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_update AFTER UPDATE ON place_aliases FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_place_aliases_update();
--> statement-breakpoint
CREATE FUNCTION history_place_aliases_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'place_aliases', 'place:' || OLD.place_id, 'DELETE', json_build_object('place_id', OLD.place_id, 'alias', OLD.alias), json_build_object('place_id', OLD.place_id, 'alias', OLD.alias), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_place_aliases_delete AFTER DELETE ON place_aliases FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_place_aliases_delete();
--> statement-breakpoint
CREATE FUNCTION history_items_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'items', 'item:' || NEW.id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_items_insert AFTER INSERT ON items FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_items_insert();
--> statement-breakpoint
CREATE FUNCTION history_items_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'items', 'item:' || NEW.id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'type', OLD.type, 'summary', OLD.summary, 'date_edtf', OLD.date_edtf, 'date_earliest', OLD.date_earliest, 'date_latest', OLD.date_latest, 'date_basis', OLD.date_basis, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_build_object('id', NEW.id, 'type', NEW.type, 'summary', NEW.summary, 'date_edtf', NEW.date_edtf, 'date_earliest', NEW.date_earliest, 'date_latest', NEW.date_latest, 'date_basis', NEW.date_basis, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_items_update AFTER UPDATE ON items FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_items_update();
--> statement-breakpoint
CREATE FUNCTION history_items_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'items', 'item:' || OLD.id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'type', OLD.type, 'summary', OLD.summary, 'date_edtf', OLD.date_edtf, 'date_earliest', OLD.date_earliest, 'date_latest', OLD.date_latest, 'date_basis', OLD.date_basis, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_items_delete AFTER DELETE ON items FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_items_delete();
--> statement-breakpoint
CREATE FUNCTION history_events_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'events', 'item:' || NEW.item_id, 'INSERT', json_build_object('item_id', NEW.item_id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_events_insert AFTER INSERT ON events FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_events_insert();
--> statement-breakpoint
CREATE FUNCTION history_events_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'events', 'item:' || NEW.item_id, 'UPDATE', json_build_object('item_id', NEW.item_id), json_build_object('item_id', OLD.item_id, 'title', OLD.title, 'kind', OLD.kind, 'mode', OLD.mode, 'contexts', OLD.contexts, 'status', OLD.status), json_build_object('item_id', NEW.item_id, 'title', NEW.title, 'kind', NEW.kind, 'mode', NEW.mode, 'contexts', NEW.contexts, 'status', NEW.status));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_events_update AFTER UPDATE ON events FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_events_update();
--> statement-breakpoint
CREATE FUNCTION history_events_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'events', 'item:' || OLD.item_id, 'DELETE', json_build_object('item_id', OLD.item_id), json_build_object('item_id', OLD.item_id, 'title', OLD.title, 'kind', OLD.kind, 'mode', OLD.mode, 'contexts', OLD.contexts, 'status', OLD.status), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_events_delete AFTER DELETE ON events FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_events_delete();
--> statement-breakpoint
CREATE FUNCTION history_claims_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claims', 'item:' || NEW.item_id, 'INSERT', json_build_object('item_id', NEW.item_id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claims_insert AFTER INSERT ON claims FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claims_insert();
--> statement-breakpoint
CREATE FUNCTION history_claims_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claims', 'item:' || NEW.item_id, 'UPDATE', json_build_object('item_id', NEW.item_id), json_build_object('item_id', OLD.item_id, 'claimant_id', OLD.claimant_id, 'spokesperson_id', OLD.spokesperson_id, 'stance', OLD.stance, 'statement_kind', OLD.statement_kind), json_build_object('item_id', NEW.item_id, 'claimant_id', NEW.claimant_id, 'spokesperson_id', NEW.spokesperson_id, 'stance', NEW.stance, 'statement_kind', NEW.statement_kind));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claims_update AFTER UPDATE ON claims FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claims_update();
--> statement-breakpoint
CREATE FUNCTION history_claims_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claims', 'item:' || OLD.item_id, 'DELETE', json_build_object('item_id', OLD.item_id), json_build_object('item_id', OLD.item_id, 'claimant_id', OLD.claimant_id, 'spokesperson_id', OLD.spokesperson_id, 'stance', OLD.stance, 'statement_kind', OLD.statement_kind), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claims_delete AFTER DELETE ON claims FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claims_delete();
--> statement-breakpoint
CREATE FUNCTION history_event_participants_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_participants', 'item:' || NEW.event_id, 'INSERT', json_build_object('event_id', NEW.event_id, 'actor_id', NEW.actor_id, 'role', NEW.role), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_insert AFTER INSERT ON event_participants FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_event_participants_insert();
--> statement-breakpoint
CREATE FUNCTION history_event_participants_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_participants', 'item:' || NEW.event_id, 'UPDATE', json_build_object('event_id', NEW.event_id, 'actor_id', NEW.actor_id, 'role', NEW.role), json_build_object('event_id', OLD.event_id, 'actor_id', OLD.actor_id, 'role', OLD.role), json_build_object('event_id', NEW.event_id, 'actor_id', NEW.actor_id, 'role', NEW.role));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_update AFTER UPDATE ON event_participants FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_event_participants_update();
--> statement-breakpoint
CREATE FUNCTION history_event_participants_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_participants', 'item:' || OLD.event_id, 'DELETE', json_build_object('event_id', OLD.event_id, 'actor_id', OLD.actor_id, 'role', OLD.role), json_build_object('event_id', OLD.event_id, 'actor_id', OLD.actor_id, 'role', OLD.role), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_event_participants_delete AFTER DELETE ON event_participants FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_event_participants_delete();
--> statement-breakpoint
CREATE FUNCTION history_item_places_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_places', 'item:' || NEW.item_id, 'INSERT', json_build_object('item_id', NEW.item_id, 'place_id', NEW.place_id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_item_places_insert AFTER INSERT ON item_places FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_item_places_insert();
--> statement-breakpoint
CREATE FUNCTION history_item_places_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_places', 'item:' || NEW.item_id, 'UPDATE', json_build_object('item_id', NEW.item_id, 'place_id', NEW.place_id), json_build_object('item_id', OLD.item_id, 'place_id', OLD.place_id), json_build_object('item_id', NEW.item_id, 'place_id', NEW.place_id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_item_places_update AFTER UPDATE ON item_places FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_item_places_update();
--> statement-breakpoint
CREATE FUNCTION history_item_places_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_places', 'item:' || OLD.item_id, 'DELETE', json_build_object('item_id', OLD.item_id, 'place_id', OLD.place_id), json_build_object('item_id', OLD.item_id, 'place_id', OLD.place_id), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_item_places_delete AFTER DELETE ON item_places FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_item_places_delete();
--> statement-breakpoint
CREATE FUNCTION history_item_identifiers_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_identifiers', 'item:' || NEW.item_id, 'INSERT', json_build_object('item_id', NEW.item_id, 'scheme', NEW.scheme, 'value', NEW.value), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_item_identifiers_insert AFTER INSERT ON item_identifiers FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_item_identifiers_insert();
--> statement-breakpoint
CREATE FUNCTION history_item_identifiers_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_identifiers', 'item:' || NEW.item_id, 'UPDATE', json_build_object('item_id', NEW.item_id, 'scheme', NEW.scheme, 'value', NEW.value), json_build_object('item_id', OLD.item_id, 'scheme', OLD.scheme, 'value', OLD.value), json_build_object('item_id', NEW.item_id, 'scheme', NEW.scheme, 'value', NEW.value));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_item_identifiers_update AFTER UPDATE ON item_identifiers FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_item_identifiers_update();
--> statement-breakpoint
CREATE FUNCTION history_item_identifiers_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'item_identifiers', 'item:' || OLD.item_id, 'DELETE', json_build_object('item_id', OLD.item_id, 'scheme', OLD.scheme, 'value', OLD.value), json_build_object('item_id', OLD.item_id, 'scheme', OLD.scheme, 'value', OLD.value), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_item_identifiers_delete AFTER DELETE ON item_identifiers FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_item_identifiers_delete();
--> statement-breakpoint
CREATE FUNCTION history_gdelt_codings_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'gdelt_codings', 'item:' || NEW.item_id, 'INSERT', json_build_object('item_id', NEW.item_id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_gdelt_codings_insert AFTER INSERT ON gdelt_codings FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_gdelt_codings_insert();
--> statement-breakpoint
CREATE FUNCTION history_gdelt_codings_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'gdelt_codings', 'item:' || NEW.item_id, 'UPDATE', json_build_object('item_id', NEW.item_id), json_build_object('item_id', OLD.item_id, 'event_code', OLD.event_code, 'is_root_event', OLD.is_root_event, 'quad_class', OLD.quad_class, 'goldstein_scale', OLD.goldstein_scale, 'num_mentions', OLD.num_mentions, 'num_sources', OLD.num_sources, 'num_articles', OLD.num_articles, 'avg_tone', OLD.avg_tone, 'actor1_geo_id', OLD.actor1_geo_id, 'actor2_geo_id', OLD.actor2_geo_id, 'date_added', OLD.date_added), json_build_object('item_id', NEW.item_id, 'event_code', NEW.event_code, 'is_root_event', NEW.is_root_event, 'quad_class', NEW.quad_class, 'goldstein_scale', NEW.goldstein_scale, 'num_mentions', NEW.num_mentions, 'num_sources', NEW.num_sources, 'num_articles', NEW.num_articles, 'avg_tone', NEW.avg_tone, 'actor1_geo_id', NEW.actor1_geo_id, 'actor2_geo_id', NEW.actor2_geo_id, 'date_added', NEW.date_added));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_gdelt_codings_update AFTER UPDATE ON gdelt_codings FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_gdelt_codings_update();
--> statement-breakpoint
CREATE FUNCTION history_gdelt_codings_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'gdelt_codings', 'item:' || OLD.item_id, 'DELETE', json_build_object('item_id', OLD.item_id), json_build_object('item_id', OLD.item_id, 'event_code', OLD.event_code, 'is_root_event', OLD.is_root_event, 'quad_class', OLD.quad_class, 'goldstein_scale', OLD.goldstein_scale, 'num_mentions', OLD.num_mentions, 'num_sources', OLD.num_sources, 'num_articles', OLD.num_articles, 'avg_tone', OLD.avg_tone, 'actor1_geo_id', OLD.actor1_geo_id, 'actor2_geo_id', OLD.actor2_geo_id, 'date_added', OLD.date_added), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_gdelt_codings_delete AFTER DELETE ON gdelt_codings FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_gdelt_codings_delete();
--> statement-breakpoint
CREATE FUNCTION history_acled_codings_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'acled_codings', 'item:' || NEW.item_id, 'INSERT', json_build_object('item_id', NEW.item_id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_acled_codings_insert AFTER INSERT ON acled_codings FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_acled_codings_insert();
--> statement-breakpoint
CREATE FUNCTION history_acled_codings_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'acled_codings', 'item:' || NEW.item_id, 'UPDATE', json_build_object('item_id', NEW.item_id), json_build_object('item_id', OLD.item_id, 'event_type', OLD.event_type, 'sub_event_type', OLD.sub_event_type, 'disorder_type', OLD.disorder_type, 'inter1', OLD.inter1, 'inter2', OLD.inter2, 'interaction', OLD.interaction, 'civilian_targeting', OLD.civilian_targeting, 'iso', OLD.iso, 'region', OLD.region, 'geo_precision', OLD.geo_precision, 'time_precision', OLD.time_precision, 'source_scale', OLD.source_scale, 'tags', OLD.tags, 'timestamp', OLD.timestamp), json_build_object('item_id', NEW.item_id, 'event_type', NEW.event_type, 'sub_event_type', NEW.sub_event_type, 'disorder_type', NEW.disorder_type, 'inter1', NEW.inter1, 'inter2', NEW.inter2, 'interaction', NEW.interaction, 'civilian_targeting', NEW.civilian_targeting, 'iso', NEW.iso, 'region', NEW.region, 'geo_precision', NEW.geo_precision, 'time_precision', NEW.time_precision, 'source_scale', NEW.source_scale, 'tags', NEW.tags, 'timestamp', NEW.timestamp));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_acled_codings_update AFTER UPDATE ON acled_codings FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_acled_codings_update();
--> statement-breakpoint
CREATE FUNCTION history_acled_codings_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'acled_codings', 'item:' || OLD.item_id, 'DELETE', json_build_object('item_id', OLD.item_id), json_build_object('item_id', OLD.item_id, 'event_type', OLD.event_type, 'sub_event_type', OLD.sub_event_type, 'disorder_type', OLD.disorder_type, 'inter1', OLD.inter1, 'inter2', OLD.inter2, 'interaction', OLD.interaction, 'civilian_targeting', OLD.civilian_targeting, 'iso', OLD.iso, 'region', OLD.region, 'geo_precision', OLD.geo_precision, 'time_precision', OLD.time_precision, 'source_scale', OLD.source_scale, 'tags', OLD.tags, 'timestamp', OLD.timestamp), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_acled_codings_delete AFTER DELETE ON acled_codings FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_acled_codings_delete();
--> statement-breakpoint
CREATE FUNCTION history_event_quantities_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_quantities', 'item:' || NEW.event_id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_insert AFTER INSERT ON event_quantities FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_event_quantities_insert();
--> statement-breakpoint
CREATE FUNCTION history_event_quantities_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_quantities', 'item:' || NEW.event_id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'event_id', OLD.event_id, 'measure', OLD.measure, 'value', OLD.value, 'unit', OLD.unit), json_build_object('id', NEW.id, 'event_id', NEW.event_id, 'measure', NEW.measure, 'value', NEW.value, 'unit', NEW.unit));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_update AFTER UPDATE ON event_quantities FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_event_quantities_update();
--> statement-breakpoint
CREATE FUNCTION history_event_quantities_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'event_quantities', 'item:' || OLD.event_id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'event_id', OLD.event_id, 'measure', OLD.measure, 'value', OLD.value, 'unit', OLD.unit), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_event_quantities_delete AFTER DELETE ON event_quantities FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_event_quantities_delete();
--> statement-breakpoint
CREATE FUNCTION history_claim_accused_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_accused', 'item:' || NEW.claim_id, 'INSERT', json_build_object('claim_id', NEW.claim_id, 'actor_id', NEW.actor_id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_insert AFTER INSERT ON claim_accused FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claim_accused_insert();
--> statement-breakpoint
CREATE FUNCTION history_claim_accused_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_accused', 'item:' || NEW.claim_id, 'UPDATE', json_build_object('claim_id', NEW.claim_id, 'actor_id', NEW.actor_id), json_build_object('claim_id', OLD.claim_id, 'actor_id', OLD.actor_id), json_build_object('claim_id', NEW.claim_id, 'actor_id', NEW.actor_id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_update AFTER UPDATE ON claim_accused FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claim_accused_update();
--> statement-breakpoint
CREATE FUNCTION history_claim_accused_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_accused', 'item:' || OLD.claim_id, 'DELETE', json_build_object('claim_id', OLD.claim_id, 'actor_id', OLD.actor_id), json_build_object('claim_id', OLD.claim_id, 'actor_id', OLD.actor_id), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claim_accused_delete AFTER DELETE ON claim_accused FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claim_accused_delete();
--> statement-breakpoint
CREATE FUNCTION history_claim_reviews_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_reviews', 'item:' || NEW.claim_id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_insert AFTER INSERT ON claim_reviews FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claim_reviews_insert();
--> statement-breakpoint
CREATE FUNCTION history_claim_reviews_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_reviews', 'item:' || NEW.claim_id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'claim_id', OLD.claim_id, 'reviewer_id', OLD.reviewer_id, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'rating_value', OLD.rating_value, 'best_rating', OLD.best_rating, 'worst_rating', OLD.worst_rating, 'rating_label', OLD.rating_label, 'body', OLD.body), json_build_object('id', NEW.id, 'claim_id', NEW.claim_id, 'reviewer_id', NEW.reviewer_id, 'url', NEW.url, 'published_edtf', NEW.published_edtf, 'published_earliest', NEW.published_earliest, 'published_latest', NEW.published_latest, 'published_basis', NEW.published_basis, 'rating_value', NEW.rating_value, 'best_rating', NEW.best_rating, 'worst_rating', NEW.worst_rating, 'rating_label', NEW.rating_label, 'body', NEW.body));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_update AFTER UPDATE ON claim_reviews FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claim_reviews_update();
--> statement-breakpoint
CREATE FUNCTION history_claim_reviews_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'claim_reviews', 'item:' || OLD.claim_id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'claim_id', OLD.claim_id, 'reviewer_id', OLD.reviewer_id, 'url', OLD.url, 'published_edtf', OLD.published_edtf, 'published_earliest', OLD.published_earliest, 'published_latest', OLD.published_latest, 'published_basis', OLD.published_basis, 'rating_value', OLD.rating_value, 'best_rating', OLD.best_rating, 'worst_rating', OLD.worst_rating, 'rating_label', OLD.rating_label, 'body', OLD.body), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_claim_reviews_delete AFTER DELETE ON claim_reviews FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_claim_reviews_delete();
--> statement-breakpoint
CREATE FUNCTION history_links_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'links', 'item:' || NEW.from_item_id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_links_insert AFTER INSERT ON links FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_links_insert();
--> statement-breakpoint
CREATE FUNCTION history_links_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'links', 'item:' || NEW.from_item_id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'from_item_id', OLD.from_item_id, 'kind', OLD.kind, 'to_item_id', OLD.to_item_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_build_object('id', NEW.id, 'from_item_id', NEW.from_item_id, 'kind', NEW.kind, 'to_item_id', NEW.to_item_id, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_links_update AFTER UPDATE ON links FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_links_update();
--> statement-breakpoint
CREATE FUNCTION history_links_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'links', 'item:' || OLD.from_item_id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'from_item_id', OLD.from_item_id, 'kind', OLD.kind, 'to_item_id', OLD.to_item_id, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_links_delete AFTER DELETE ON links FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_links_delete();
--> statement-breakpoint
CREATE FUNCTION history_quotes_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'quotes', 'quote:' || NEW.id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_quotes_insert AFTER INSERT ON quotes FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_quotes_insert();
--> statement-breakpoint
CREATE FUNCTION history_quotes_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'quotes', 'quote:' || NEW.id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'source_id', OLD.source_id, 'speaker_id', OLD.speaker_id, 'kind', OLD.kind, 'start', OLD.start, 'end', OLD.end, 'exact', OLD.exact, 'prefix', OLD.prefix, 'suffix', OLD.suffix, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_build_object('id', NEW.id, 'source_id', NEW.source_id, 'speaker_id', NEW.speaker_id, 'kind', NEW.kind, 'start', NEW.start, 'end', NEW.end, 'exact', NEW.exact, 'prefix', NEW.prefix, 'suffix', NEW.suffix, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_quotes_update AFTER UPDATE ON quotes FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_quotes_update();
--> statement-breakpoint
CREATE FUNCTION history_quotes_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'quotes', 'quote:' || OLD.id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'source_id', OLD.source_id, 'speaker_id', OLD.speaker_id, 'kind', OLD.kind, 'start', OLD.start, 'end', OLD.end, 'exact', OLD.exact, 'prefix', OLD.prefix, 'suffix', OLD.suffix, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_quotes_delete AFTER DELETE ON quotes FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_quotes_delete();
--> statement-breakpoint
CREATE FUNCTION history_same_as_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as', 'same-as:' || NEW.id, 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_same_as_insert AFTER INSERT ON same_as FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_same_as_insert();
--> statement-breakpoint
CREATE FUNCTION history_same_as_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as', 'same-as:' || NEW.id, 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'kind', OLD.kind, 'reason', OLD.reason, 'decided_by', OLD.decided_by, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), json_build_object('id', NEW.id, 'kind', NEW.kind, 'reason', NEW.reason, 'decided_by', NEW.decided_by, 'created_at', NEW.created_at, 'retracted_at', NEW.retracted_at, 'retraction_reason', NEW.retraction_reason));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_same_as_update AFTER UPDATE ON same_as FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_same_as_update();
--> statement-breakpoint
CREATE FUNCTION history_same_as_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as', 'same-as:' || OLD.id, 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'kind', OLD.kind, 'reason', OLD.reason, 'decided_by', OLD.decided_by, 'created_at', OLD.created_at, 'retracted_at', OLD.retracted_at, 'retraction_reason', OLD.retraction_reason), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_same_as_delete AFTER DELETE ON same_as FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_same_as_delete();
--> statement-breakpoint
CREATE FUNCTION history_same_as_members_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as_members', coalesce('actor:' || NEW.actor_id, 'item:' || NEW.item_id), 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_same_as_members_insert AFTER INSERT ON same_as_members FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_same_as_members_insert();
--> statement-breakpoint
CREATE FUNCTION history_same_as_members_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as_members', coalesce('actor:' || NEW.actor_id, 'item:' || NEW.item_id), 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'same_as_id', OLD.same_as_id, 'actor_id', OLD.actor_id, 'item_id', OLD.item_id), json_build_object('id', NEW.id, 'same_as_id', NEW.same_as_id, 'actor_id', NEW.actor_id, 'item_id', NEW.item_id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_same_as_members_update AFTER UPDATE ON same_as_members FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_same_as_members_update();
--> statement-breakpoint
CREATE FUNCTION history_same_as_members_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'same_as_members', coalesce('actor:' || OLD.actor_id, 'item:' || OLD.item_id), 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'same_as_id', OLD.same_as_id, 'actor_id', OLD.actor_id, 'item_id', OLD.item_id), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_same_as_members_delete AFTER DELETE ON same_as_members FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_same_as_members_delete();
--> statement-breakpoint
CREATE FUNCTION history_citations_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'citations', coalesce('item:' || NEW.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = NEW.relation_id), 'relation:' || NEW.relation_id), 'INSERT', json_build_object('id', NEW.id), NULL, NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_citations_insert AFTER INSERT ON citations FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_citations_insert();
--> statement-breakpoint
CREATE FUNCTION history_citations_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'citations', coalesce('item:' || NEW.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = NEW.relation_id), 'relation:' || NEW.relation_id), 'UPDATE', json_build_object('id', NEW.id), json_build_object('id', OLD.id, 'item_id', OLD.item_id, 'relation_id', OLD.relation_id, 'source_id', OLD.source_id, 'quote_id', OLD.quote_id), json_build_object('id', NEW.id, 'item_id', NEW.item_id, 'relation_id', NEW.relation_id, 'source_id', NEW.source_id, 'quote_id', NEW.quote_id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_citations_update AFTER UPDATE ON citations FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_citations_update();
--> statement-breakpoint
CREATE FUNCTION history_citations_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), 'citations', coalesce('item:' || OLD.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = OLD.relation_id), 'relation:' || OLD.relation_id), 'DELETE', json_build_object('id', OLD.id), json_build_object('id', OLD.id, 'item_id', OLD.item_id, 'relation_id', OLD.relation_id, 'source_id', OLD.source_id, 'quote_id', OLD.quote_id), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER history_citations_delete AFTER DELETE ON citations FOR EACH ROW WHEN (claimline_recorded()) EXECUTE FUNCTION history_citations_delete();
--> statement-breakpoint
CREATE FUNCTION actors_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = NEW.id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER actors_search_insert AFTER INSERT ON actors FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION actors_search_insert();
--> statement-breakpoint
CREATE FUNCTION actors_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = NEW.id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER actors_search_update AFTER UPDATE OF name ON actors FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION actors_search_update();
--> statement-breakpoint
CREATE FUNCTION actors_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER actors_search_delete AFTER DELETE ON actors FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION actors_search_delete();
--> statement-breakpoint
CREATE FUNCTION actor_aliases_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.actor_id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = NEW.actor_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER actor_aliases_search_insert AFTER INSERT ON actor_aliases FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION actor_aliases_search_insert();
--> statement-breakpoint
CREATE FUNCTION actor_aliases_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.actor_id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = OLD.actor_id AND true;
  DELETE FROM search_index WHERE rowid = NEW.actor_id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = NEW.actor_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER actor_aliases_search_update AFTER UPDATE ON actor_aliases FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION actor_aliases_search_update();
--> statement-breakpoint
CREATE FUNCTION actor_aliases_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.actor_id * 8 + 1;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 1, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '') FROM actors R WHERE R.id = OLD.actor_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER actor_aliases_search_delete AFTER DELETE ON actor_aliases FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION actor_aliases_search_delete();
--> statement-breakpoint
CREATE FUNCTION places_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = NEW.id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER places_search_insert AFTER INSERT ON places FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION places_search_insert();
--> statement-breakpoint
CREATE FUNCTION places_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = NEW.id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER places_search_update AFTER UPDATE OF name ON places FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION places_search_update();
--> statement-breakpoint
CREATE FUNCTION places_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER places_search_delete AFTER DELETE ON places FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION places_search_delete();
--> statement-breakpoint
CREATE FUNCTION place_aliases_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.place_id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = NEW.place_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER place_aliases_search_insert AFTER INSERT ON place_aliases FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION place_aliases_search_insert();
--> statement-breakpoint
CREATE FUNCTION place_aliases_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.place_id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = OLD.place_id AND true;
  DELETE FROM search_index WHERE rowid = NEW.place_id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = NEW.place_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER place_aliases_search_update AFTER UPDATE ON place_aliases FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION place_aliases_search_update();
--> statement-breakpoint
CREATE FUNCTION place_aliases_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.place_id * 8 + 2;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 2, R.name || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM place_aliases WHERE place_id = R.id), '') FROM places R WHERE R.id = OLD.place_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER place_aliases_search_delete AFTER DELETE ON place_aliases FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION place_aliases_search_delete();
--> statement-breakpoint
CREATE FUNCTION sources_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 3;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 3, coalesce(R.title, '') || coalesce(' ' || R.publisher, '') || coalesce(' ' || R.text, '') FROM sources R WHERE R.id = NEW.id AND coalesce(R.title, R.publisher, R.text) IS NOT NULL;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sources_search_insert AFTER INSERT ON sources FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION sources_search_insert();
--> statement-breakpoint
CREATE FUNCTION sources_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 3;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 3, coalesce(R.title, '') || coalesce(' ' || R.publisher, '') || coalesce(' ' || R.text, '') FROM sources R WHERE R.id = NEW.id AND coalesce(R.title, R.publisher, R.text) IS NOT NULL;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sources_search_update AFTER UPDATE OF title, publisher, text ON sources FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION sources_search_update();
--> statement-breakpoint
CREATE FUNCTION sources_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sources_search_delete AFTER DELETE ON sources FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION sources_search_delete();
--> statement-breakpoint
CREATE FUNCTION items_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = NEW.id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER items_search_insert AFTER INSERT ON items FOR EACH ROW WHEN (claimline_indexed() AND NEW.type <> 'EVENT') EXECUTE FUNCTION items_search_insert();
--> statement-breakpoint
CREATE FUNCTION items_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = NEW.id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER items_search_update AFTER UPDATE OF summary ON items FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION items_search_update();
--> statement-breakpoint
CREATE FUNCTION items_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER items_search_delete AFTER DELETE ON items FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION items_search_delete();
--> statement-breakpoint
CREATE FUNCTION events_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.item_id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = NEW.item_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_search_insert AFTER INSERT ON events FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION events_search_insert();
--> statement-breakpoint
CREATE FUNCTION events_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.item_id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = NEW.item_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_search_update AFTER UPDATE OF title ON events FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION events_search_update();
--> statement-breakpoint
CREATE FUNCTION events_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.item_id * 8 + 4;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 4, coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary FROM items R WHERE R.id = OLD.item_id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_search_delete AFTER DELETE ON events FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION events_search_delete();
--> statement-breakpoint
CREATE FUNCTION quotes_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 5;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 5, R.exact FROM quotes R WHERE R.id = NEW.id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER quotes_search_insert AFTER INSERT ON quotes FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION quotes_search_insert();
--> statement-breakpoint
CREATE FUNCTION quotes_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 8 + 5;
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + 5, R.exact FROM quotes R WHERE R.id = NEW.id AND true;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER quotes_search_update AFTER UPDATE OF exact ON quotes FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION quotes_search_update();
--> statement-breakpoint
CREATE FUNCTION quotes_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER quotes_search_delete AFTER DELETE ON quotes FOR EACH ROW WHEN (claimline_indexed()) EXECUTE FUNCTION quotes_search_delete();
