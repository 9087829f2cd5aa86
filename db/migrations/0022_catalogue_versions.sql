ALTER TYPE "public"."service_category" ADD VALUE 'exit_entry';--> statement-breakpoint
CREATE TABLE "service_versions" (
	"service_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"origin" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_staff_id" uuid,
	CONSTRAINT "service_versions_service_id_version_pk" PRIMARY KEY("service_id","version")
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "service_version" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "current_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "service_versions" ADD CONSTRAINT "service_versions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_versions" ADD CONSTRAINT "service_versions_published_by_staff_id_staff_users_id_fk" FOREIGN KEY ("published_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;