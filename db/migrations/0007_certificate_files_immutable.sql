-- An issued certificate's file, hash, signature and identity never change: only its status,
-- revocation and supersession may. Hand-written (drizzle-kit does not model triggers); plain
-- PL/pgSQL that PostgreSQL 15 and PGlite both run.
CREATE FUNCTION certificates_keep_file_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.pdf IS DISTINCT FROM OLD.pdf
    OR NEW.sha256 IS DISTINCT FROM OLD.sha256
    OR NEW.signature IS DISTINCT FROM OLD.signature
    OR NEW.signing_key_id IS DISTINCT FROM OLD.signing_key_id
    OR NEW.serial_number IS DISTINCT FROM OLD.serial_number
    OR NEW.kind IS DISTINCT FROM OLD.kind
    OR NEW.verify_token IS DISTINCT FROM OLD.verify_token
    OR NEW.application_id IS DISTINCT FROM OLD.application_id
    OR NEW.resident_id IS DISTINCT FROM OLD.resident_id
    OR NEW.issued_at IS DISTINCT FROM OLD.issued_at THEN
    RAISE EXCEPTION 'an issued certificate''s file and identity are immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER certificates_immutable_file BEFORE UPDATE ON certificates FOR EACH ROW EXECUTE FUNCTION certificates_keep_file_immutable();
--> statement-breakpoint
CREATE FUNCTION certificates_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'issued certificates are never deleted' USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates FOR EACH ROW EXECUTE FUNCTION certificates_refuse_delete();
