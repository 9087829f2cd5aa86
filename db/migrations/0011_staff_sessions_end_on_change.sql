-- A staff member's sessions end the moment their role, districts, password or active flag changes,
-- whichever code path (or console) made the change. Hand-written; PostgreSQL 15 and PGlite both run it.
CREATE FUNCTION staff_users_end_sessions_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role IS DISTINCT FROM OLD.role
    OR NEW.district_codes IS DISTINCT FROM OLD.district_codes
    OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
    OR NEW.is_active IS DISTINCT FROM OLD.is_active THEN
    UPDATE staff_sessions SET ended_at = now() WHERE staff_user_id = NEW.id AND ended_at IS NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER staff_users_end_sessions AFTER UPDATE ON staff_users FOR EACH ROW EXECUTE FUNCTION staff_users_end_sessions_on_change();
