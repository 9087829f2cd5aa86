CREATE TYPE "public"."credential_kind" AS ENUM('resident_id_card', 'passport', 'hk_macau_permit', 'taiwan_permit', 'household_register', 'residence_permit', 'driving_licence', 'vehicle_licence');--> statement-breakpoint
CREATE TYPE "public"."credential_status" AS ENUM('valid', 'expired', 'reported_lost', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."household_relation" AS ENUM('head', 'spouse', 'child', 'parent', 'other');--> statement-breakpoint
CREATE TYPE "public"."violation_status" AS ENUM('unhandled', 'handled');--> statement-breakpoint
CREATE TABLE "address_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"street" text NOT NULL,
	"address" text NOT NULL,
	"moved_in_on" date NOT NULL,
	"moved_out_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"kind" "credential_kind" NOT NULL,
	"number" text NOT NULL,
	"issuing_authority" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"status" "credential_status" DEFAULT 'valid' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "driving_licences" (
	"resident_id" uuid PRIMARY KEY NOT NULL,
	"licence_class" text NOT NULL,
	"first_issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"points" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_photos" (
	"resident_id" uuid PRIMARY KEY NOT NULL,
	"mime_type" text NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "traffic_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"district_code" text NOT NULL,
	"location" text NOT NULL,
	"kind" text NOT NULL,
	"fine_yuan" integer NOT NULL,
	"points" integer NOT NULL,
	"status" "violation_status" DEFAULT 'unhandled' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plate" text NOT NULL,
	"owner_resident_id" uuid NOT NULL,
	"model" text NOT NULL,
	"color" text NOT NULL,
	"registered_on" date NOT NULL,
	CONSTRAINT "vehicles_plate_unique" UNIQUE("plate")
);
--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "household_relation" "household_relation" DEFAULT 'head' NOT NULL;--> statement-breakpoint
ALTER TABLE "address_history" ADD CONSTRAINT "address_history_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driving_licences" ADD CONSTRAINT "driving_licences_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_photos" ADD CONSTRAINT "resident_photos_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "traffic_violations" ADD CONSTRAINT "traffic_violations_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_owner_resident_id_residents_id_fk" FOREIGN KEY ("owner_resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "address_history_resident_idx" ON "address_history" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_kind_number_idx" ON "credentials" USING btree ("kind","number");--> statement-breakpoint
CREATE INDEX "credentials_resident_idx" ON "credentials" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "traffic_violations_resident_idx" ON "traffic_violations" USING btree ("resident_id","occurred_at");--> statement-breakpoint
CREATE INDEX "vehicles_owner_idx" ON "vehicles" USING btree ("owner_resident_id");