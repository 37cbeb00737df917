-- A published plan version never changes: a revision is a new version (Emergency Response Law
-- art. 28). A submitted information report never changes: a correction is a new report.
CREATE OR REPLACE FUNCTION response_plan_versions_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'response_plan_versions are immutable (% refused); publish a new version', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER response_plan_versions_no_change
  BEFORE UPDATE OR DELETE ON response_plan_versions
  FOR EACH ROW EXECUTE FUNCTION response_plan_versions_immutable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION response_reports_submitted_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'submitted' THEN
    RAISE EXCEPTION 'submitted report % is immutable (% refused); file a correction', OLD.id, TG_OP;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER response_reports_no_change_after_submit
  BEFORE UPDATE OR DELETE ON response_reports
  FOR EACH ROW EXECUTE FUNCTION response_reports_submitted_immutable();
