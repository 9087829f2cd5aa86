CREATE TYPE "public"."dispatch_method" AS ENUM('mail', 'counter');--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD COLUMN "method" "dispatch_method" DEFAULT 'mail' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_dispatches" ADD COLUMN "pickup_reminded_at" timestamp with time zone;