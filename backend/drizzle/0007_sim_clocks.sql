CREATE TABLE "sim_clocks" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"speed" double precision NOT NULL,
	"sim_anchor" timestamp (3) with time zone NOT NULL,
	"real_anchor" timestamp (3) with time zone NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
