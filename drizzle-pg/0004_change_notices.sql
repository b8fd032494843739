-- A notice of each committed change to every claimline server on the primary (LISTEN
-- claimline_changes): each publishes the change's effects to its subscribers at once, rather than at
-- its next poll. Printed from src/db/triggers.ts (changeNotices).
CREATE FUNCTION changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('claimline_changes', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER changes_notify AFTER INSERT ON changes FOR EACH STATEMENT EXECUTE FUNCTION changes_notify();
