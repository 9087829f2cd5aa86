ALTER TABLE "citizen_sessions" ADD COLUMN "sign_in_method" text DEFAULT 'sms_code' NOT NULL;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD COLUMN "scan_token_hash" text;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD COLUMN "match_number" integer;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD COLUMN "requester_browser" text;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD COLUMN "requester_address" text;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD COLUMN "scanned_by_account_id" uuid;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD COLUMN "scanned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD CONSTRAINT "qr_sign_in_requests_scanned_by_account_id_citizen_accounts_id_fk" FOREIGN KEY ("scanned_by_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;