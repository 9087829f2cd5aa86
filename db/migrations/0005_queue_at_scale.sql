CREATE TABLE "application_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "applications_district_idx";--> statement-breakpoint
DROP INDEX "applications_queue_idx";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "claim_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "deadline_warned_for" date;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "application_notes" ADD CONSTRAINT "application_notes_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_notes" ADD CONSTRAINT "application_notes_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_notes_application_idx" ON "application_notes" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "applications_queue_district_idx" ON "applications" USING btree ("district_code","status","id","service_id","deadline_date","claimed_by_staff_id");--> statement-breakpoint
CREATE INDEX "applications_queue_submitted_at_idx" ON "applications" USING btree ("status","submitted_at","id","service_id","deadline_date","claimed_by_staff_id");--> statement-breakpoint
CREATE INDEX "applications_queue_district_submitted_at_idx" ON "applications" USING btree ("district_code","status","submitted_at","id","service_id","deadline_date","claimed_by_staff_id");--> statement-breakpoint
CREATE INDEX "applications_queue_holder_submitted_at_idx" ON "applications" USING btree ("claimed_by_staff_id","status","submitted_at","id","service_id","deadline_date","district_code");--> statement-breakpoint
CREATE INDEX "applications_queue_deadline_date_idx" ON "applications" USING btree ("status","deadline_date","id","service_id","claimed_by_staff_id");--> statement-breakpoint
CREATE INDEX "applications_queue_district_deadline_date_idx" ON "applications" USING btree ("district_code","status","deadline_date","id","service_id","claimed_by_staff_id");--> statement-breakpoint
CREATE INDEX "applications_queue_holder_deadline_date_idx" ON "applications" USING btree ("claimed_by_staff_id","status","deadline_date","id","service_id","district_code");--> statement-breakpoint
CREATE INDEX "applications_queue_reference_number_idx" ON "applications" USING btree ("status","reference_number","id","service_id","deadline_date","claimed_by_staff_id");--> statement-breakpoint
CREATE INDEX "applications_queue_district_reference_number_idx" ON "applications" USING btree ("district_code","status","reference_number","id","service_id","deadline_date","claimed_by_staff_id");--> statement-breakpoint
CREATE INDEX "applications_queue_holder_reference_number_idx" ON "applications" USING btree ("claimed_by_staff_id","status","reference_number","id","service_id","deadline_date","district_code");--> statement-breakpoint
CREATE INDEX "applications_queue_holder_idx" ON "applications" USING btree ("claimed_by_staff_id","status","id","service_id","deadline_date","district_code");--> statement-breakpoint
CREATE INDEX "applications_resident_idx" ON "applications" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "residents_name_prefix_idx" ON "residents" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "applications_queue_idx" ON "applications" USING btree ("status","id","service_id","deadline_date","claimed_by_staff_id");