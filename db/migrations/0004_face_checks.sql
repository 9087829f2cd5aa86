CREATE TYPE "public"."face_check_status" AS ENUM('issued', 'passed', 'failed');--> statement-breakpoint
CREATE TABLE "face_check_frames" (
	"face_check_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"action" text NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"sha256" text NOT NULL,
	"mime_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "face_check_frames_face_check_id_position_pk" PRIMARY KEY("face_check_id","position")
);
--> statement-breakpoint
CREATE TABLE "face_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_account_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"actions" text[] NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" "face_check_status" DEFAULT 'issued' NOT NULL,
	"reason" text,
	"scores" jsonb,
	"decided_at" timestamp with time zone,
	"frames_purged_at" timestamp with time zone,
	CONSTRAINT "face_checks_nonce_unique" UNIQUE("nonce")
);
--> statement-breakpoint
CREATE TABLE "photo_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_account_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"face_check_id" uuid NOT NULL,
	"mime_type" text,
	"photo" "bytea",
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "face_check_frames" ADD CONSTRAINT "face_check_frames_face_check_id_face_checks_id_fk" FOREIGN KEY ("face_check_id") REFERENCES "public"."face_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_checks" ADD CONSTRAINT "face_checks_citizen_account_id_citizen_accounts_id_fk" FOREIGN KEY ("citizen_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_checks" ADD CONSTRAINT "face_checks_session_id_citizen_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."citizen_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_consents" ADD CONSTRAINT "photo_consents_citizen_account_id_citizen_accounts_id_fk" FOREIGN KEY ("citizen_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_consents" ADD CONSTRAINT "photo_consents_face_check_id_face_checks_id_fk" FOREIGN KEY ("face_check_id") REFERENCES "public"."face_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "face_checks_account_idx" ON "face_checks" USING btree ("citizen_account_id","issued_at");--> statement-breakpoint
CREATE INDEX "face_checks_decided_idx" ON "face_checks" USING btree ("decided_at");--> statement-breakpoint
CREATE INDEX "photo_consents_account_idx" ON "photo_consents" USING btree ("citizen_account_id","purpose");