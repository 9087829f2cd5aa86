ALTER TABLE "residents" DROP CONSTRAINT "residents_id_number_unique";--> statement-breakpoint
DROP INDEX "credentials_kind_number_idx";--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "number_index" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "id_number_index" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "phone_index" text;--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_kind_number_index_idx" ON "credentials" USING btree ("kind","number_index");--> statement-breakpoint
CREATE INDEX "residents_phone_index_idx" ON "residents" USING btree ("phone_index");--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_id_number_index_unique" UNIQUE("id_number_index");