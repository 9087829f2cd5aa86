-- A published version of a service is never changed or removed: applications filed under it read it
-- (lib/services/published-catalogue.ts › findServiceVersion), so an edit is a new version. Hand-written:
-- drizzle-kit does not model triggers; plain PL/pgSQL that PostgreSQL 15 and PGlite both run.
CREATE FUNCTION service_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published service version is never changed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_versions_immutable BEFORE UPDATE OR DELETE ON service_versions FOR EACH ROW EXECUTE FUNCTION service_versions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER service_versions_no_truncate BEFORE TRUNCATE ON service_versions FOR EACH STATEMENT EXECUTE FUNCTION service_versions_refuse_change();
