CREATE TYPE "public"."eid_status" AS ENUM('active', 'suspended', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."identity_use_kind" AS ENUM('sign_in', 'terminal_scan', 'qr_sign_in', 'step_up');--> statement-breakpoint
CREATE TYPE "public"."terminal_kind" AS ENUM('internet_cafe', 'event_gate', 'service_counter');--> statement-breakpoint
CREATE TABLE "citizen_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_account_id" uuid NOT NULL,
	"assurance_level" integer NOT NULL,
	"gates_passed" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "eids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_account_id" uuid NOT NULL,
	"subject_ref" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" "eid_status" DEFAULT 'active' NOT NULL,
	"assurance_level" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone,
	"status_reason" text,
	CONSTRAINT "eids_citizen_account_id_unique" UNIQUE("citizen_account_id"),
	CONSTRAINT "eids_subject_ref_unique" UNIQUE("subject_ref")
);
--> statement-breakpoint
CREATE TABLE "identity_uses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"citizen_account_id" uuid NOT NULL,
	"kind" "identity_use_kind" NOT NULL,
	"terminal_id" uuid,
	"result" text NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qr_sign_in_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_secret_hash" text NOT NULL,
	"approved_by_account_id" uuid,
	"approved_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaire_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_account_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"questions" jsonb NOT NULL,
	"answer_key" jsonb NOT NULL,
	"question_keys" text[] NOT NULL,
	"answers" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"is_passed" boolean
);
--> statement-breakpoint
CREATE TABLE "throttle_buckets" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "throttle_buckets_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "used_qr_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verifier_terminals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "terminal_kind" NOT NULL,
	"district_code" text NOT NULL,
	"api_key_hash" text NOT NULL,
	"api_key_prefix" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verifier_terminals_api_key_hash_unique" UNIQUE("api_key_hash")
);
--> statement-breakpoint
ALTER TABLE "citizen_sessions" ADD CONSTRAINT "citizen_sessions_citizen_account_id_citizen_accounts_id_fk" FOREIGN KEY ("citizen_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eids" ADD CONSTRAINT "eids_citizen_account_id_citizen_accounts_id_fk" FOREIGN KEY ("citizen_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_uses" ADD CONSTRAINT "identity_uses_citizen_account_id_citizen_accounts_id_fk" FOREIGN KEY ("citizen_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_uses" ADD CONSTRAINT "identity_uses_terminal_id_verifier_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."verifier_terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_sign_in_requests" ADD CONSTRAINT "qr_sign_in_requests_approved_by_account_id_citizen_accounts_id_fk" FOREIGN KEY ("approved_by_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_attempts" ADD CONSTRAINT "questionnaire_attempts_citizen_account_id_citizen_accounts_id_fk" FOREIGN KEY ("citizen_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_attempts" ADD CONSTRAINT "questionnaire_attempts_session_id_citizen_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."citizen_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citizen_sessions_account_idx" ON "citizen_sessions" USING btree ("citizen_account_id");--> statement-breakpoint
CREATE INDEX "identity_uses_account_idx" ON "identity_uses" USING btree ("citizen_account_id","id");--> statement-breakpoint
CREATE INDEX "questionnaire_attempts_account_idx" ON "questionnaire_attempts" USING btree ("citizen_account_id","started_at");--> statement-breakpoint
ALTER TABLE "citizen_accounts" DROP COLUMN "assurance_level";