CREATE TABLE "drills_inject_log" (
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"offset_s" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"detail" text NOT NULL,
	CONSTRAINT "drills_inject_log_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "drills_run_events" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drills_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scenario_id" uuid,
	"name" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"status" text NOT NULL,
	"speed" double precision NOT NULL,
	"sim_start" timestamp with time zone NOT NULL,
	"sim_end" timestamp with time zone,
	"next_inject" integer NOT NULL,
	"incident_id" uuid,
	"cast" jsonb NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"report" jsonb
);
--> statement-breakpoint
CREATE TABLE "drills_scenarios" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text,
	"name" text NOT NULL,
	"yaml" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "drills_scenarios_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "monitoring_points" ADD COLUMN "drill_run_id" uuid;--> statement-breakpoint
CREATE INDEX "drills_run_events_run_idx" ON "drills_run_events" USING btree ("run_id","type");--> statement-breakpoint
CREATE INDEX "drills_runs_status_idx" ON "drills_runs" USING btree ("status");