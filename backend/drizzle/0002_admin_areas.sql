CREATE TABLE "admin_areas" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"level" text NOT NULL,
	"parent_code" text,
	"boundary" jsonb,
	"centroid_lon" double precision,
	"centroid_lat" double precision,
	CONSTRAINT "admin_areas_code_format" CHECK ("admin_areas"."code" ~ '^([0-9]{6}|[0-9]{9})$'),
	CONSTRAINT "admin_areas_level" CHECK ("admin_areas"."level" in ('district', 'subdistrict'))
);
--> statement-breakpoint
ALTER TABLE "admin_areas" ADD CONSTRAINT "admin_areas_parent_code_admin_areas_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."admin_areas"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_areas_parent_code_idx" ON "admin_areas" USING btree ("parent_code");