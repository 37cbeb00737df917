ALTER TABLE "drills_runs" ADD COLUMN "player_id" text;--> statement-breakpoint
ALTER TABLE "drills_runs" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "drills_runs" ADD COLUMN "in_flight" integer;