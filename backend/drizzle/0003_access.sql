CREATE TABLE "access_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"incident_id" uuid NOT NULL,
	"account_id" uuid,
	"team_id" uuid,
	"granted_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"source_event_id" uuid
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"phone" text,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"team_id" uuid,
	"department_id" text,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"field" text,
	"purpose" text,
	"legal_basis" text,
	"outcome" text NOT NULL,
	"detail" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "destruction_jobs" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"exercise" boolean DEFAULT false NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"source_event_id" uuid,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_run_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "destruction_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"holder" text NOT NULL,
	"category" text NOT NULL,
	"rule" text NOT NULL,
	"destroyed" integer NOT NULL,
	"kept_under_hold" integer NOT NULL,
	"hold_ids" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "personal_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"holder" text NOT NULL,
	"category" text NOT NULL,
	"subject_ids" jsonb NOT NULL,
	"reason" text NOT NULL,
	"assessment" text NOT NULL,
	"approved_by" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"client" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_grants_account_idx" ON "access_grants" USING btree ("account_id") WHERE "access_grants"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "access_grants_team_idx" ON "access_grants" USING btree ("team_id") WHERE "access_grants"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "access_grants_incident_idx" ON "access_grants" USING btree ("incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_username_idx" ON "accounts" USING btree ("username");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor","seq");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","seq");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE INDEX "destruction_records_incident_idx" ON "destruction_records" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "personal_holds_incident_idx" ON "personal_holds" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");