CREATE TABLE "forces_callup_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"callup_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"capability" text NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"status" text NOT NULL,
	"deployment" text,
	"alerted_at" timestamp with time zone NOT NULL,
	"alerted_by" text NOT NULL,
	"ack_deadline" timestamp with time zone NOT NULL,
	"escalated_from" uuid,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"people" integer,
	"member_ids" uuid[] DEFAULT '{}' NOT NULL,
	"decline_reason" text,
	"checked_in_at" timestamp with time zone,
	"status_at" timestamp with time zone,
	"stood_down_at" timestamp with time zone,
	"stood_down_by" text,
	"stand_down" jsonb,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_callups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"status" text NOT NULL,
	"needs" jsonb NOT NULL,
	"exhausted" text[] DEFAULT '{}' NOT NULL,
	"rally_lon" double precision NOT NULL,
	"rally_lat" double precision NOT NULL,
	"rally_address" text NOT NULL,
	"window_from" timestamp with time zone NOT NULL,
	"window_to" timestamp with time zone NOT NULL,
	"task" text NOT NULL,
	"legal_basis" text NOT NULL,
	"terms" jsonb NOT NULL,
	"insurance_required" boolean NOT NULL,
	"insurance_note" text,
	"max_distance_km" double precision,
	"ack_minutes" integer NOT NULL,
	"auto_escalate" boolean NOT NULL,
	"filled_at" timestamp with time zone,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"close_reason" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text,
	"category" text,
	"lon" double precision,
	"lat" double precision,
	"area_codes" text[] DEFAULT '{}' NOT NULL,
	"grade" text,
	"graded_at" timestamp with time zone,
	"level" text,
	"level_at" timestamp with time zone,
	"commander_account_id" uuid,
	"status" text NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"reported_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_position_reporters" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_position_tracks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"member_id" uuid,
	"account_id" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"sealed" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "forces_callup_assignments" ADD CONSTRAINT "forces_callup_assignments_callup_id_forces_callups_id_fk" FOREIGN KEY ("callup_id") REFERENCES "public"."forces_callups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "forces_callup_assignments_callup_team_idx" ON "forces_callup_assignments" USING btree ("callup_id","team_id");--> statement-breakpoint
CREATE INDEX "forces_callup_assignments_team_idx" ON "forces_callup_assignments" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "forces_callup_assignments_due_idx" ON "forces_callup_assignments" USING btree ("status","ack_deadline");--> statement-breakpoint
CREATE INDEX "forces_callup_assignments_incident_idx" ON "forces_callup_assignments" USING btree ("incident_id","status");--> statement-breakpoint
CREATE INDEX "forces_callups_incident_idx" ON "forces_callups" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "forces_callups_status_idx" ON "forces_callups" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "forces_incidents_status_idx" ON "forces_incidents" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "forces_position_tracks_incident_idx" ON "forces_position_tracks" USING btree ("incident_id","team_id","reported_at");