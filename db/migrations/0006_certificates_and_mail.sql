CREATE TYPE "public"."tracking_event_source" AS ENUM('webhook', 'manifest', 'staff');--> statement-breakpoint
ALTER TYPE "public"."dispatch_status" ADD VALUE 'collected';--> statement-breakpoint
ALTER TYPE "public"."dispatch_status" ADD VALUE 'resent';--> statement-breakpoint
CREATE TABLE "print_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_number" text NOT NULL,
	"created_by_staff_id" uuid NOT NULL,
	"dispatch_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "print_batches_batch_number_unique" UNIQUE("batch_number")
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"courier" text NOT NULL,
	"event_id" text NOT NULL,
	"tracking_number" text NOT NULL,
	"dispatch_id" uuid,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"source" "tracking_event_source" NOT NULL,
	"outcome" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_application_id_unique";--> statement-breakpoint
ALTER TABLE "mail_dispatches" DROP CONSTRAINT "mail_dispatches_certificate_id_unique";--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signing_key_id" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "issuing_authority" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "copy_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "supersedes_certificate_id" uuid;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "revoke_reason_code" text;--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD COLUMN "print_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD COLUMN "previous_dispatch_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD COLUMN "handed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD COLUMN "signed_by" text;--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD COLUMN "last_tracking_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "print_batches" ADD CONSTRAINT "print_batches_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_events" ADD CONSTRAINT "tracking_events_dispatch_id_mail_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."mail_dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_event_idx" ON "tracking_events" USING btree ("courier","event_id");--> statement-breakpoint
CREATE INDEX "tracking_events_dispatch_idx" ON "tracking_events" USING btree ("dispatch_id","occurred_at");--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD CONSTRAINT "mail_dispatches_print_batch_id_print_batches_id_fk" FOREIGN KEY ("print_batch_id") REFERENCES "public"."print_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_application_idx" ON "certificates" USING btree ("application_id","copy_number");--> statement-breakpoint
CREATE INDEX "mail_dispatches_certificate_idx" ON "mail_dispatches" USING btree ("certificate_id");--> statement-breakpoint
CREATE INDEX "mail_dispatches_tracking_idx" ON "mail_dispatches" USING btree ("courier","tracking_number");