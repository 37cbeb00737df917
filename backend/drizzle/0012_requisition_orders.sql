CREATE TABLE "requisition_assessment_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"assessment_no" integer NOT NULL,
	"seq" integer NOT NULL,
	"item_id" uuid,
	"method" text NOT NULL,
	"description" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"amount_fen" bigint NOT NULL,
	"evidence" jsonb,
	"note" text,
	"flags" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requisition_certificate_counters" (
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "requisition_certificate_counters_series_year_pk" PRIMARY KEY("series","year")
);
--> statement-breakpoint
CREATE TABLE "requisition_claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"incident_id" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"status" text NOT NULL,
	"order_id" uuid,
	"callup_id" uuid,
	"team_id" uuid,
	"terms" jsonb,
	"amount_fen" bigint,
	"assessment_no" integer DEFAULT 0 NOT NULL,
	"assessed_by" text,
	"assessed_at" timestamp with time zone,
	"assessment_note" text,
	"sent_back_by" uuid,
	"sent_back_at" timestamp with time zone,
	"sent_back_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reasons" text,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"open_objection_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requisition_incidents" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"title" text,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"reported_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "requisition_injury_claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"insurer" text NOT NULL,
	"policy_number" text NOT NULL,
	"injured_on" date NOT NULL,
	"insurer_reference" text,
	"status" text NOT NULL,
	"benefit_fen" bigint,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requisition_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"identification" text NOT NULL,
	"quantity" text NOT NULL,
	"unit" text NOT NULL,
	"condition_at_handover" text NOT NULL,
	"status" text NOT NULL,
	"handed_over_at" timestamp with time zone,
	"handed_over_by" uuid,
	"handover_condition" text,
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"return_condition" text,
	"outcome" text,
	"damage" text,
	"due_at" timestamp with time zone NOT NULL,
	"overdue_at" timestamp with time zone,
	"overdue_cause" text
);
--> statement-breakpoint
CREATE TABLE "requisition_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"filed_by_kind" text NOT NULL,
	"filed_by" uuid,
	"channel" text NOT NULL,
	"reasons" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"reviewer" uuid,
	"review_started_at" timestamp with time zone,
	"outcome" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reasons" text
);
--> statement-breakpoint
CREATE TABLE "requisition_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"exercise" boolean NOT NULL,
	"drill_run_id" uuid,
	"status" text NOT NULL,
	"requesting_unit" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"legal_basis" text NOT NULL,
	"purpose" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_unit_name" text,
	"owner_credit_code" text,
	"owner_name" text,
	"owner_phone" text,
	"owner_address" text,
	"owner_id_number_sealed" text,
	"owner_erased_at" timestamp with time zone,
	"owner_hold_id" uuid,
	"owner_hold_until" timestamp with time zone,
	"place_address" text NOT NULL,
	"place_lon" double precision,
	"place_lat" double precision,
	"expected_from" timestamp with time zone NOT NULL,
	"expected_until" timestamp with time zone NOT NULL,
	"certificate_number" text,
	"verification_code_sealed" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requisition_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"payer" text NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requisition_use_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" uuid NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requisition_assessment_lines" ADD CONSTRAINT "requisition_assessment_lines_claim_id_requisition_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."requisition_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisition_injury_claims" ADD CONSTRAINT "requisition_injury_claims_claim_id_requisition_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."requisition_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisition_items" ADD CONSTRAINT "requisition_items_order_id_requisition_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."requisition_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisition_objections" ADD CONSTRAINT "requisition_objections_claim_id_requisition_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."requisition_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisition_payments" ADD CONSTRAINT "requisition_payments_claim_id_requisition_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."requisition_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisition_use_log" ADD CONSTRAINT "requisition_use_log_item_id_requisition_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."requisition_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_lines_claim_idx" ON "requisition_assessment_lines" USING btree ("claim_id","assessment_no","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_claims_order_idx" ON "requisition_claims" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_claims_callup_team_idx" ON "requisition_claims" USING btree ("callup_id","team_id");--> statement-breakpoint
CREATE INDEX "requisition_claims_incident_idx" ON "requisition_claims" USING btree ("incident_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_injury_claims_member_idx" ON "requisition_injury_claims" USING btree ("claim_id","member_id","injured_on");--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_items_order_seq_idx" ON "requisition_items" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "requisition_items_incident_idx" ON "requisition_items" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "requisition_items_due_idx" ON "requisition_items" USING btree ("due_at") WHERE "requisition_items"."status" = 'in_use' and "requisition_items"."overdue_at" is null;--> statement-breakpoint
CREATE INDEX "requisition_objections_claim_idx" ON "requisition_objections" USING btree ("claim_id","filed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_orders_certificate_idx" ON "requisition_orders" USING btree ("certificate_number");--> statement-breakpoint
CREATE INDEX "requisition_orders_incident_idx" ON "requisition_orders" USING btree ("incident_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_payments_reference_idx" ON "requisition_payments" USING btree ("claim_id","reference");--> statement-breakpoint
CREATE INDEX "requisition_use_log_item_idx" ON "requisition_use_log" USING btree ("item_id","at");