-- Drill runs are played under a lease (modules/drills/leases.ts): which process plays a run, and
-- until when. in_flight marks the step being performed, so that a process taking the run over
-- logs it interrupted instead of performing it a second time.
ALTER TABLE "drills_runs" ADD COLUMN "player_id" text;--> statement-breakpoint
ALTER TABLE "drills_runs" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "drills_runs" ADD COLUMN "in_flight" integer;