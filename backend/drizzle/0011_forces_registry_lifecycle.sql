CREATE TABLE "forces_reminders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_key" text NOT NULL,
	"item_id" uuid NOT NULL,
	"member_id" uuid,
	"label" text NOT NULL,
	"due_on" date NOT NULL,
	"threshold_days" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "forces_service_hours" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"minutes" integer NOT NULL,
	"occurred_on" date NOT NULL,
	"source_key" text NOT NULL,
	"session_id" uuid,
	"callup_id" uuid,
	"incident_id" uuid,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_training_attendance" (
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	CONSTRAINT "forces_training_attendance_session_id_member_id_pk" PRIMARY KEY("session_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "forces_training_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"partner" text,
	"subject" text NOT NULL,
	"minutes" integer NOT NULL,
	"source" text NOT NULL,
	"drill_run_id" uuid,
	"score" integer,
	"evaluation_note" text,
	"evaluated_at" timestamp with time zone,
	"evaluated_by" uuid,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "forces_members" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forces_teams" ADD COLUMN "readiness_checked_on" date;--> statement-breakpoint
ALTER TABLE "forces_teams" ADD COLUMN "renewal_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forces_teams" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "forces_teams" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forces_teams" ADD COLUMN "status_changed_by" uuid;--> statement-breakpoint
ALTER TABLE "forces_reminders" ADD CONSTRAINT "forces_reminders_team_id_forces_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."forces_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forces_service_hours" ADD CONSTRAINT "forces_service_hours_member_id_forces_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."forces_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forces_training_attendance" ADD CONSTRAINT "forces_training_attendance_session_id_forces_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."forces_training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forces_training_attendance" ADD CONSTRAINT "forces_training_attendance_member_id_forces_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."forces_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forces_training_sessions" ADD CONSTRAINT "forces_training_sessions_team_id_forces_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."forces_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "forces_reminders_item_idx" ON "forces_reminders" USING btree ("item_key","threshold_days");--> statement-breakpoint
CREATE INDEX "forces_reminders_open_idx" ON "forces_reminders" USING btree ("team_id","due_on") WHERE "forces_reminders"."closed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "forces_service_hours_source_idx" ON "forces_service_hours" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "forces_service_hours_member_idx" ON "forces_service_hours" USING btree ("member_id","occurred_on");--> statement-breakpoint
CREATE INDEX "forces_service_hours_team_idx" ON "forces_service_hours" USING btree ("team_id","occurred_on");--> statement-breakpoint
CREATE INDEX "forces_service_hours_session_idx" ON "forces_service_hours" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "forces_training_team_idx" ON "forces_training_sessions" USING btree ("team_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "forces_training_drill_run_idx" ON "forces_training_sessions" USING btree ("team_id","drill_run_id") WHERE "forces_training_sessions"."drill_run_id" is not null;--> statement-breakpoint
CREATE INDEX "forces_teams_base_idx" ON "forces_teams" USING btree ("base_lon","base_lat");