CREATE TABLE "monitoring_amendments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warning_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"changes" jsonb NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" text NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_cap_messages" (
	"sender" text NOT NULL,
	"identifier" text NOT NULL,
	"sent" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"msg_type" text NOT NULL,
	"status" text NOT NULL,
	"warning_id" uuid,
	"external" boolean NOT NULL,
	"references" text[] NOT NULL,
	"xml" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitoring_cap_messages_sender_identifier_pk" PRIMARY KEY("sender","identifier")
);
--> statement-breakpoint
CREATE TABLE "monitoring_inbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"department_id" text NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"occurrence" text NOT NULL,
	"title" text NOT NULL,
	"level" text,
	"exercise" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitoring_measure_packs" (
	"level" text NOT NULL,
	"category" text NOT NULL,
	"measures" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitoring_measure_packs_level_category_pk" PRIMARY KEY("level","category")
);
--> statement-breakpoint
CREATE TABLE "monitoring_points" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"area_code" text NOT NULL,
	"department_id" text NOT NULL,
	"heartbeat_s" integer NOT NULL,
	"status" text NOT NULL,
	"last_seen_at" timestamp with time zone,
	"latest_value" double precision,
	"latest_observed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_readings" (
	"point_id" uuid NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitoring_readings_point_id_observed_at_pk" PRIMARY KEY("point_id","observed_at")
);
--> statement-breakpoint
CREATE TABLE "monitoring_responsibilities" (
	"department_id" text PRIMARY KEY NOT NULL,
	"department_name" text NOT NULL,
	"risk_types" text[] NOT NULL,
	"area_codes" text[] NOT NULL,
	"warning_categories" text[] NOT NULL,
	"min_warning_level" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_risk_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"risk_point_id" uuid NOT NULL,
	"risk_level" text NOT NULL,
	"previous_level" text NOT NULL,
	"method" text NOT NULL,
	"findings" text NOT NULL,
	"assessed_by" uuid NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_risk_inspections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"risk_point_id" uuid NOT NULL,
	"inspected_at" timestamp with time zone NOT NULL,
	"findings" text NOT NULL,
	"hazards_found" boolean NOT NULL,
	"inspected_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_risk_points" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"risk_level" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"area" jsonb,
	"area_code" text NOT NULL,
	"department_id" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"controls" text[] NOT NULL,
	"inspection_every_days" integer NOT NULL,
	"last_inspected_at" timestamp with time zone,
	"next_inspection_due" timestamp with time zone NOT NULL,
	"overdue_alarmed_for" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_rule_states" (
	"rule_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"state" text NOT NULL,
	"since" timestamp with time zone,
	"last_observed_at" timestamp with time zone,
	"buckets" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitoring_rule_states_rule_id_point_id_pk" PRIMARY KEY("rule_id","point_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"point_id" uuid,
	"kind" text,
	"level" text NOT NULL,
	"category" text NOT NULL,
	"trigger" text NOT NULL,
	"threshold" double precision NOT NULL,
	"sustain_s" integer NOT NULL,
	"rate_window_s" integer,
	"hysteresis" double precision NOT NULL,
	"clear_after_s" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_warnings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"category" text NOT NULL,
	"level" text NOT NULL,
	"headline" text NOT NULL,
	"headline_en" text,
	"area" jsonb,
	"onset" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"impacts" text,
	"impacts_en" text,
	"measures" jsonb,
	"advice" text,
	"advice_en" text,
	"issuer" text,
	"sender_name" text,
	"proposed_by" text NOT NULL,
	"proposal" jsonb,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"return_reason" text,
	"issued_at" timestamp with time zone,
	"adjusted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monitoring_amendments" ADD CONSTRAINT "monitoring_amendments_warning_id_monitoring_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."monitoring_warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_risk_assessments" ADD CONSTRAINT "monitoring_risk_assessments_risk_point_id_monitoring_risk_points_id_fk" FOREIGN KEY ("risk_point_id") REFERENCES "public"."monitoring_risk_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_risk_inspections" ADD CONSTRAINT "monitoring_risk_inspections_risk_point_id_monitoring_risk_points_id_fk" FOREIGN KEY ("risk_point_id") REFERENCES "public"."monitoring_risk_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_amendments_open_idx" ON "monitoring_amendments" USING btree ("warning_id") WHERE "monitoring_amendments"."status" in ('proposed', 'pending');--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_cap_identifier_idx" ON "monitoring_cap_messages" USING btree ("identifier","sender");--> statement-breakpoint
CREATE INDEX "monitoring_cap_feed_idx" ON "monitoring_cap_messages" USING btree ("status","external","sent_at");--> statement-breakpoint
CREATE INDEX "monitoring_cap_warning_idx" ON "monitoring_cap_messages" USING btree ("warning_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_inbox_occurrence_idx" ON "monitoring_inbox" USING btree ("department_id","kind","ref_id","occurrence");--> statement-breakpoint
CREATE INDEX "monitoring_inbox_department_idx" ON "monitoring_inbox" USING btree ("department_id","id");--> statement-breakpoint
CREATE INDEX "monitoring_points_kind_idx" ON "monitoring_points" USING btree ("kind","id");--> statement-breakpoint
CREATE INDEX "monitoring_points_liveness_idx" ON "monitoring_points" USING btree ("status","last_seen_at");--> statement-breakpoint
CREATE INDEX "monitoring_risk_assessments_point_idx" ON "monitoring_risk_assessments" USING btree ("risk_point_id","assessed_at");--> statement-breakpoint
CREATE INDEX "monitoring_risk_inspections_point_idx" ON "monitoring_risk_inspections" USING btree ("risk_point_id","inspected_at");--> statement-breakpoint
CREATE INDEX "monitoring_risk_points_due_idx" ON "monitoring_risk_points" USING btree ("next_inspection_due");--> statement-breakpoint
CREATE INDEX "monitoring_risk_points_department_idx" ON "monitoring_risk_points" USING btree ("department_id","id");--> statement-breakpoint
CREATE INDEX "monitoring_rule_states_point_idx" ON "monitoring_rule_states" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "monitoring_rules_point_idx" ON "monitoring_rules" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "monitoring_rules_kind_idx" ON "monitoring_rules" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "monitoring_warnings_status_idx" ON "monitoring_warnings" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "monitoring_warnings_expiry_idx" ON "monitoring_warnings" USING btree ("expires_at") WHERE "monitoring_warnings"."status" in ('issued', 'adjusted');