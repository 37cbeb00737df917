CREATE TABLE "response_deadlines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sequence" integer NOT NULL,
	"anchor_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"report_id" uuid,
	"satisfied_at" timestamp with time zone,
	"alarmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "response_grading_rules" (
	"category" text NOT NULL,
	"subtype" text NOT NULL,
	"thresholds" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "response_grading_rules_category_subtype_pk" PRIMARY KEY("category","subtype")
);
--> statement-breakpoint
CREATE TABLE "response_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"subtype" text NOT NULL,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"source_detail" text,
	"warning_id" uuid,
	"aware_at" timestamp with time zone NOT NULL,
	"location_lon" double precision,
	"location_lat" double precision,
	"area_codes" text[] NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"status" text NOT NULL,
	"grade" text,
	"graded_at" timestamp with time zone,
	"criteria" jsonb NOT NULL,
	"level" text,
	"commander_account_id" uuid,
	"plan_version_id" uuid,
	"activated_at" timestamp with time zone,
	"expected_end_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_people" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"report_id" uuid,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"id_number_sealed" text,
	"condition_sealed" text,
	"organisation" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_reporting_rules" (
	"category" text NOT NULL,
	"grade" text NOT NULL,
	"initial_minutes" integer NOT NULL,
	"follow_up_hours" integer NOT NULL,
	"final_days" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "response_reporting_rules_category_grade_pk" PRIMARY KEY("category","grade")
);
--> statement-breakpoint
CREATE TABLE "response_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"sequence" integer,
	"corrects" uuid,
	"summary" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"measures" text NOT NULL,
	"recipients" text[] NOT NULL,
	"skip_level" boolean NOT NULL,
	"skip_level_reason" text,
	"people_count" integer NOT NULL,
	"deadline_id" uuid,
	"late" boolean,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "response_timeline" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "response_timeline_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"actor" text NOT NULL,
	"summary_zh" text NOT NULL,
	"summary_en" text NOT NULL,
	"data" jsonb NOT NULL,
	"event_id" uuid,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "response_findings" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"course" text NOT NULL,
	"causes" text NOT NULL,
	"lessons" text NOT NULL,
	"improvements" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_level_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"action" text NOT NULL,
	"level_from" text,
	"level_to" text,
	"matters" text,
	"measures" text[] NOT NULL,
	"expected_end_at" timestamp with time zone,
	"reason" text,
	"commander_account_id" uuid,
	"plan_version_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"by" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "response_loss_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"criteria" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"notes" text NOT NULL,
	"direct_loss_fen" bigint NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"assessed_by" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "response_plan_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"reason" text,
	"prompted_by" jsonb,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_requisition_orders" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "response_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"key" text NOT NULL,
	"department_id" text NOT NULL,
	"department_name" jsonb,
	"title" jsonb NOT NULL,
	"level" text,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"notes" text NOT NULL,
	"plan_version_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "response_warnings" (
	"warning_id" uuid PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"category" text NOT NULL,
	"headline" text NOT NULL,
	"area_codes" text[] NOT NULL,
	"issued_at" timestamp with time zone,
	"lifted_at" timestamp with time zone,
	"exercise" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "response_plan_versions" ADD CONSTRAINT "response_plan_versions_plan_id_response_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."response_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "response_deadlines_natural_idx" ON "response_deadlines" USING btree ("incident_id","kind","sequence");--> statement-breakpoint
CREATE INDEX "response_deadlines_due_idx" ON "response_deadlines" USING btree ("due_at") WHERE "response_deadlines"."satisfied_at" is null and "response_deadlines"."alarmed_at" is null and "response_deadlines"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "response_incidents_status_idx" ON "response_incidents" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "response_incidents_warning_idx" ON "response_incidents" USING btree ("warning_id");--> statement-breakpoint
CREATE INDEX "response_people_incident_idx" ON "response_people" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "response_people_report_idx" ON "response_people" USING btree ("report_id","position");--> statement-breakpoint
CREATE INDEX "response_reports_incident_idx" ON "response_reports" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "response_reports_single_kind_idx" ON "response_reports" USING btree ("incident_id","kind") WHERE "response_reports"."status" = 'submitted' and "response_reports"."corrects" is null and "response_reports"."kind" in ('initial', 'final');--> statement-breakpoint
CREATE INDEX "response_timeline_incident_idx" ON "response_timeline" USING btree ("incident_id","at","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "response_timeline_event_idx" ON "response_timeline" USING btree ("event_id","incident_id");--> statement-breakpoint
CREATE INDEX "response_level_steps_incident_idx" ON "response_level_steps" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "response_loss_incident_idx" ON "response_loss_assessments" USING btree ("incident_id","assessed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "response_plan_versions_number_idx" ON "response_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "response_tasks_natural_idx" ON "response_tasks" USING btree ("incident_id","phase","key");--> statement-breakpoint
CREATE INDEX "response_tasks_department_idx" ON "response_tasks" USING btree ("department_id","incident_id");