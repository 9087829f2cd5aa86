-- The audit trail is append-only and hash-chained (lib/audit/chain.ts). Hand-written: drizzle-kit
-- does not model triggers; plain PL/pgSQL that PostgreSQL 15 and PGlite both run.
-- The chain starts after the rows that already exist: those stay unchained and audit:verify says so.
INSERT INTO audit_chain_head (id, last_id, last_hash, chain_starts_after_id)
SELECT 1, coalesce(max(id), 0), repeat('0', 64), coalesce(max(id), 0) FROM audit_events;
--> statement-breakpoint
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- The head row is only ever moved forward, never removed.
CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
