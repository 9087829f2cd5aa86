ALTER TABLE "applications" ADD COLUMN "assisted_by_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "assisted_by_name" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "assisted_at_district_code" text;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_assisted_by_staff_id_staff_users_id_fk" FOREIGN KEY ("assisted_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;