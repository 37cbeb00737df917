-- Kept reads (platform/db/read-cache.ts) of the incident list and of timelines are dropped by
-- NOTIFY on muster_reads_changed, sent from triggers so that every writer, and a change by hand,
-- announces itself in its own transaction (delivered on commit, dropped on rollback).
CREATE FUNCTION muster_reads_response_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('muster_reads_changed', 'response.incidents');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER response_incidents_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON response_incidents FOR EACH STATEMENT EXECUTE FUNCTION muster_reads_response_incidents();
--> statement-breakpoint
CREATE TRIGGER response_deadlines_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON response_deadlines FOR EACH STATEMENT EXECUTE FUNCTION muster_reads_response_incidents();
--> statement-breakpoint
CREATE FUNCTION muster_reads_response_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('muster_reads_changed', 'response.timeline:' || c.incident_id)
    FROM (SELECT DISTINCT incident_id FROM changed_rows) c;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION muster_reads_response_timeline_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('muster_reads_changed', 'response.timeline:' || c.incident_id)
    FROM (SELECT incident_id FROM changed_rows UNION SELECT incident_id FROM old_rows) c;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION muster_reads_response_timeline_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('muster_reads_changed', 'response.timeline:*');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER response_timeline_reads_insert AFTER INSERT ON response_timeline
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_reads_response_timeline();
--> statement-breakpoint
CREATE TRIGGER response_timeline_reads_update AFTER UPDATE ON response_timeline
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_reads_response_timeline_moved();
--> statement-breakpoint
CREATE TRIGGER response_timeline_reads_delete AFTER DELETE ON response_timeline
  REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_reads_response_timeline();
--> statement-breakpoint
CREATE TRIGGER response_timeline_reads_truncate AFTER TRUNCATE ON response_timeline
  FOR EACH STATEMENT EXECUTE FUNCTION muster_reads_response_timeline_all();
