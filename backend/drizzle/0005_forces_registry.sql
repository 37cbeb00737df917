CREATE TABLE "forces_capabilities" (
	"team_id" uuid NOT NULL,
	"capability" text NOT NULL,
	CONSTRAINT "forces_capabilities_team_id_capability_pk" PRIMARY KEY("team_id","capability")
);
--> statement-breakpoint
CREATE TABLE "forces_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"name" text NOT NULL,
	"number_sealed" text NOT NULL,
	"expires_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_equipment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_insurance_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"insurer" text NOT NULL,
	"number" text NOT NULL,
	"insured_member_ids" uuid[],
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"account_id" uuid,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"id_number_sealed" text NOT NULL,
	"id_number_index" text NOT NULL,
	"emergency_contact" jsonb NOT NULL,
	"skills" text[] NOT NULL,
	"health_notes_sealed" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forces_teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"credit_code" text NOT NULL,
	"status" text NOT NULL,
	"base_lon" double precision NOT NULL,
	"base_lat" double precision NOT NULL,
	"base_address" text NOT NULL,
	"service_area" text[] NOT NULL,
	"leader_account_id" uuid NOT NULL,
	"leader_name" text NOT NULL,
	"leader_phone" text NOT NULL,
	"contacts" jsonb NOT NULL,
	"return_reasons" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"approved_at" timestamp with time zone,
	"approval_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "forces_capabilities" ADD CONSTRAINT "forces_capabilities_team_id_forces_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."forces_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forces_certificates" ADD CONSTRAINT "forces_certificates_member_id_forces_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."forces_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forces_equipment" ADD CONSTRAINT "forces_equipment_team_id_forces_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."forces_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forces_insurance_policies" ADD CONSTRAINT "forces_insurance_policies_team_id_forces_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."forces_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forces_members" ADD CONSTRAINT "forces_members_team_id_forces_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."forces_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forces_capabilities_capability_idx" ON "forces_capabilities" USING btree ("capability","team_id");--> statement-breakpoint
CREATE INDEX "forces_certificates_member_idx" ON "forces_certificates" USING btree ("member_id","expires_on");--> statement-breakpoint
CREATE INDEX "forces_equipment_team_idx" ON "forces_equipment" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "forces_insurance_team_idx" ON "forces_insurance_policies" USING btree ("team_id","valid_to");--> statement-breakpoint
CREATE UNIQUE INDEX "forces_members_team_id_number_idx" ON "forces_members" USING btree ("team_id","id_number_index");--> statement-breakpoint
CREATE INDEX "forces_members_id_number_idx" ON "forces_members" USING btree ("id_number_index");--> statement-breakpoint
CREATE UNIQUE INDEX "forces_teams_credit_code_idx" ON "forces_teams" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "forces_teams_status_idx" ON "forces_teams" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "forces_teams_leader_idx" ON "forces_teams" USING btree ("leader_account_id");