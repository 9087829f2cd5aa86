ALTER TYPE "public"."identity_use_kind" ADD VALUE 'cafe_check_in';--> statement-breakpoint
ALTER TYPE "public"."staff_role" ADD VALUE 'police';--> statement-breakpoint
CREATE TABLE "cafe_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_nonce" text NOT NULL,
	"terminal_id" uuid NOT NULL,
	"seat" text NOT NULL,
	"citizen_account_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"checked_out_at" timestamp with time zone,
	CONSTRAINT "cafe_check_ins_token_nonce_unique" UNIQUE("token_nonce")
);
--> statement-breakpoint
ALTER TABLE "cafe_check_ins" ADD CONSTRAINT "cafe_check_ins_terminal_id_verifier_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."verifier_terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cafe_check_ins" ADD CONSTRAINT "cafe_check_ins_citizen_account_id_citizen_accounts_id_fk" FOREIGN KEY ("citizen_account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cafe_check_ins" ADD CONSTRAINT "cafe_check_ins_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cafe_check_ins_terminal_idx" ON "cafe_check_ins" USING btree ("terminal_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "cafe_check_ins_resident_idx" ON "cafe_check_ins" USING btree ("resident_id","checked_in_at");