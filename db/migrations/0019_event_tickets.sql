CREATE TABLE "event_gates" (
	"event_id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	CONSTRAINT "event_gates_event_id_terminal_id_pk" PRIMARY KEY("event_id","terminal_id")
);
--> statement-breakpoint
CREATE TABLE "event_tickets" (
	"event_id" uuid NOT NULL,
	"holder_hash" text NOT NULL,
	"ticket_no" text NOT NULL,
	"seat" text NOT NULL,
	CONSTRAINT "event_tickets_event_id_holder_hash_pk" PRIMARY KEY("event_id","holder_hash")
);
--> statement-breakpoint
CREATE TABLE "ticketed_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"venue" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"ticket_count" integer DEFAULT 0 NOT NULL,
	"list_version" integer DEFAULT 0 NOT NULL,
	"list_uploaded_at" timestamp with time zone,
	"list_purged_at" timestamp with time zone,
	"created_by_staff_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_gates" ADD CONSTRAINT "event_gates_event_id_ticketed_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ticketed_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_gates" ADD CONSTRAINT "event_gates_terminal_id_verifier_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."verifier_terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_tickets" ADD CONSTRAINT "event_tickets_event_id_ticketed_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ticketed_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticketed_events" ADD CONSTRAINT "ticketed_events_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_gates_terminal_idx" ON "event_gates" USING btree ("terminal_id");