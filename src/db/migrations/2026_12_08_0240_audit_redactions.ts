import { statementMigration } from '../migration-statements'

/**
 * The deliberate redaction path through the append-only audit log (docs/security.md,
 * "Tamper-evident audit"): a privacy erasure must remove the person's values from audit rows,
 * which the guard otherwise refuses. audit_redact is the one way: it lists the row in
 * audit_redactions (append-only too) and then rewrites only `changes` and `ip`, never `hash` or
 * `prev_hash`, so every link still verifies. The row's content then no longer matches its hash;
 * the verifier accepts that only for a row listed here AND named by a later chained 'redact'
 * audit row, so listing a row here alone cannot hide tampering.
 */
const upStatements = [
  // ON DELETE CASCADE: retention removing an exported redacted row takes its listing along (the guard below allows exactly that).
  `CREATE TABLE audit_redactions (
     audit_id uuid PRIMARY KEY REFERENCES audit_log (id) ON DELETE CASCADE,
     redacted_at timestamptz(3) NOT NULL DEFAULT now(),
     reason jsonb NOT NULL
   )`,
  // The verifier looks up the redact rows naming a row: few among many.
  `CREATE INDEX audit_log_redact_idx ON audit_log (at) WHERE action = 'redact' AND entity = 'audit_log'`,
  // UPDATE of audit_log moves from audit_log_guard (which refuses every one) to this guard, which
  // lets audit_redact through; DELETE and TRUNCATE stay with audit_log_guard.
  `CREATE FUNCTION audit_redact_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     -- Nested: a condition naming OLD's fields may be evaluated only for the table that has them.
     IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_log' THEN
       IF current_setting('kith.audit_redact', true) = OLD.id::text AND EXISTS (SELECT 1 FROM audit_redactions WHERE audit_id = OLD.id) THEN
         IF (NEW.id, NEW.at, NEW.actor_id, NEW.action, NEW.entity, NEW.entity_id, NEW.request_id, NEW.chain, NEW.seq, NEW.prev_hash, NEW.hash)
            IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_id, OLD.action, OLD.entity, OLD.entity_id, OLD.request_id, OLD.chain, OLD.seq, OLD.prev_hash, OLD.hash) THEN
           RETURN NEW;
         END IF;
       END IF;
     END IF;
     -- A listing goes only with its row, which only retention removes.
     IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_redactions' AND current_setting('kith.audit_retention', true) = 'on' THEN
       IF NOT EXISTS (SELECT 1 FROM audit_log WHERE id = OLD.audit_id) THEN
         RETURN OLD;
       END IF;
     END IF;
     RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
   END $$`,
  'DROP TRIGGER audit_log_guard ON audit_log',
  `CREATE TRIGGER audit_log_guard BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`,
  `CREATE TRIGGER audit_log_update_guard BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_redact_guard()`,
  `CREATE TRIGGER audit_redactions_guard BEFORE UPDATE OR DELETE ON audit_redactions FOR EACH ROW EXECUTE FUNCTION audit_redact_guard()`,
  `CREATE TRIGGER audit_redactions_no_truncate BEFORE TRUNCATE ON audit_redactions FOR EACH STATEMENT EXECUTE FUNCTION audit_redact_guard()`,
  // A row redacted twice (two erased people in one row) keeps its first listing; each erasure's redact row names it.
  `CREATE FUNCTION audit_redact(p_id uuid, p_changes jsonb, p_clear_ip boolean, p_reason jsonb) RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO audit_redactions (audit_id, reason) VALUES (p_id, p_reason) ON CONFLICT (audit_id) DO NOTHING;
     PERFORM set_config('kith.audit_redact', p_id::text, true);
     UPDATE audit_log SET changes = p_changes, ip = CASE WHEN p_clear_ip THEN NULL ELSE ip END WHERE id = p_id;
     PERFORM set_config('kith.audit_redact', '', true);
   END $$`,
  `ALTER TABLE audit_verifications ADD COLUMN redacted bigint NOT NULL DEFAULT 0`,
]

const downStatements = [
  'ALTER TABLE audit_verifications DROP COLUMN redacted',
  'DROP FUNCTION audit_redact(uuid, jsonb, boolean, jsonb)',
  'DROP TABLE audit_redactions',
  'DROP TRIGGER audit_log_update_guard ON audit_log',
  'DROP TRIGGER audit_log_guard ON audit_log',
  `CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`,
  'DROP FUNCTION audit_redact_guard()',
  'DROP INDEX audit_log_redact_idx',
]

export const { up, down } = statementMigration(upStatements, downStatements)
