import { statementMigration } from '../migration-statements'

/**
 * Tamper-evident audit (see docs/security.md, "Tamper-evident audit").
 *
 * Every audit row gets `hash = sha256(prev_hash || canonical(row))`, chained within one of 16
 * chains. Why chains and not one: a chain's head must be held from a row's insert to its commit
 * (otherwise a rolled-back row leaves a hole, or two writers read the same head and fork it), and
 * one chain would serialise every audited transaction of every server copy. Why not per day: all
 * of today's writers would still share one head. Here the first audit insert of a transaction
 * takes any head no one holds (FOR UPDATE SKIP LOCKED): up to 16 concurrent writers never wait on
 * each other, and a transaction holds one head only, so heads cannot deadlock among themselves.
 * Its later rows follow in the same chain (the running head sits in a transaction-local setting,
 * which a rollback to a savepoint undoes together with the rows). The head row in audit_chains
 * is written once per INSERT statement. Under REPEATABLE READ, a head moved by a transaction that
 * committed after the snapshot makes FOR UPDATE fail with a serialisation error: never a fork.
 *
 * The canonical form is jsonb text (deterministic for a given value) of the row's fields, the
 * time as integer microseconds since the epoch so no session time zone enters it.
 * src/modules/audit/audit.chain.ts repeats it for the verifier; the two must stay identical.
 *
 * Rows from before this migration are chained here into chain 0, in (at, id) order, from the
 * genesis hash every chain starts with: sha256('kith-audit-genesis:' || chain).
 */
const CHAINS = 16

const canonical = (r: string) => `convert_to(jsonb_build_array(${r}.chain, ${r}.seq, ${r}.id, (extract(epoch FROM ${r}.at) * 1000000)::bigint,
  ${r}.actor_id, ${r}.action, ${r}.entity, ${r}.entity_id, ${r}.request_id, ${r}.ip, ${r}.changes)::text, 'UTF8')`

const upStatements = [
  `ALTER TABLE audit_log ADD COLUMN chain smallint, ADD COLUMN seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea`,
  `CREATE TABLE audit_chains (
     chain smallint PRIMARY KEY,
     seq bigint NOT NULL,
     hash bytea NOT NULL
   )`,
  `INSERT INTO audit_chains (chain, seq, hash)
   SELECT c, 0, sha256(convert_to('kith-audit-genesis:' || c, 'UTF8')) FROM generate_series(0, ${CHAINS - 1}) AS c`,
  // Where a chain now starts after old rows were exported and removed (kith audit export --remove).
  `CREATE TABLE audit_chain_anchors (
     chain smallint NOT NULL REFERENCES audit_chains (chain),
     seq bigint NOT NULL,
     hash bytea NOT NULL,
     file_digest text NOT NULL,
     at timestamptz(3) NOT NULL DEFAULT now(),
     PRIMARY KEY (chain, seq)
   )`,
  `CREATE FUNCTION audit_row_hash(r audit_log) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
     SELECT sha256(r.prev_hash || ${canonical('r')})
   $$`,
  `DO $$
   DECLARE r audit_log; s bigint := 0; h bytea;
   BEGIN
     SELECT hash INTO h FROM audit_chains WHERE chain = 0;
     FOR r IN SELECT * FROM audit_log ORDER BY at, id LOOP
       s := s + 1;
       r.chain := 0; r.seq := s; r.prev_hash := h;
       h := audit_row_hash(r);
       UPDATE audit_log SET chain = 0, seq = s, prev_hash = r.prev_hash, hash = h WHERE id = r.id;
     END LOOP;
     UPDATE audit_chains SET seq = s, hash = h WHERE chain = 0;
   END $$`,
  `ALTER TABLE audit_log ALTER COLUMN chain SET NOT NULL, ALTER COLUMN seq SET NOT NULL,
     ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`,
  `CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (chain, seq)`,
  `CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     head text := current_setting('kith.audit_head', true);
     c smallint; s bigint; h bytea;
   BEGIN
     IF head IS NULL OR head = '' THEN
       SELECT chain, seq, hash INTO c, s, h FROM audit_chains ORDER BY chain LIMIT 1 FOR UPDATE SKIP LOCKED;
       IF NOT FOUND THEN
         -- Every head is held: wait for one (spread by transaction).
         SELECT chain, seq, hash INTO c, s, h FROM audit_chains WHERE chain = txid_current() % ${CHAINS} FOR UPDATE;
       END IF;
     ELSE
       c := split_part(head, ':', 1)::smallint;
       s := split_part(head, ':', 2)::bigint;
       h := decode(split_part(head, ':', 3), 'hex');
     END IF;
     NEW.chain := c; NEW.seq := s + 1; NEW.prev_hash := h;
     NEW.hash := audit_row_hash(NEW);
     PERFORM set_config('kith.audit_head', c || ':' || NEW.seq || ':' || encode(NEW.hash, 'hex'), true);
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`,
  `CREATE FUNCTION audit_log_advance() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE head text := current_setting('kith.audit_head', true);
   BEGIN
     IF head IS NOT NULL AND head <> '' THEN
       UPDATE audit_chains SET seq = split_part(head, ':', 2)::bigint, hash = decode(split_part(head, ':', 3), 'hex')
        WHERE chain = split_part(head, ':', 1)::smallint AND seq < split_part(head, ':', 2)::bigint;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER audit_log_advance AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_advance()`,
  // Append-only. The one way out is audit_remove_prefix below, which opens it for a chain's
  // exported prefix only, inside its own transaction.
  `CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log' AND current_setting('kith.audit_retention', true) = 'on' THEN
       IF OLD.seq <= (SELECT max(seq) FROM audit_chain_anchors WHERE chain = OLD.chain) THEN
         RETURN OLD;
       END IF;
     END IF;
     RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
   END $$`,
  `CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()`,
  `CREATE TRIGGER audit_chain_anchors_guard BEFORE UPDATE OR DELETE ON audit_chain_anchors FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`,
  `CREATE TRIGGER audit_chain_anchors_no_truncate BEFORE TRUNCATE ON audit_chain_anchors FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()`,
  `CREATE TRIGGER audit_chains_guard BEFORE DELETE ON audit_chains FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`,
  `CREATE TRIGGER audit_chains_no_truncate BEFORE TRUNCATE ON audit_chains FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()`,
  // Retention: removes chain rows up to p_upto, once the exported file's last hash is shown to be
  // the row's; the anchor it records is where verification of that chain now starts.
  `CREATE FUNCTION audit_remove_prefix(p_chain smallint, p_upto bigint, p_hash bytea, p_file_digest text) RETURNS bigint LANGUAGE plpgsql AS $$
   DECLARE actual bytea; n bigint;
   BEGIN
     SELECT hash INTO actual FROM audit_log WHERE chain = p_chain AND seq = p_upto;
     IF actual IS DISTINCT FROM p_hash THEN
       RAISE EXCEPTION 'audit chain % row % is not the exported one', p_chain, p_upto USING ERRCODE = '22023';
     END IF;
     INSERT INTO audit_chain_anchors (chain, seq, hash, file_digest) VALUES (p_chain, p_upto, p_hash, p_file_digest);
     PERFORM set_config('kith.audit_retention', 'on', true);
     DELETE FROM audit_log WHERE chain = p_chain AND seq <= p_upto;
     GET DIAGNOSTICS n = ROW_COUNT;
     PERFORM set_config('kith.audit_retention', 'off', true);
     RETURN n;
   END $$`,
  `CREATE TABLE audit_verifications (
     id uuid PRIMARY KEY,
     status text NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'error')),
     requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
     started_at timestamptz(3) NOT NULL DEFAULT now(),
     finished_at timestamptz(3),
     rows_checked bigint NOT NULL DEFAULT 0,
     problem jsonb,
     heads jsonb
   )`,
  `CREATE INDEX audit_verifications_started_idx ON audit_verifications (started_at DESC, id DESC)`,
]

const downStatements = [
  'DROP TABLE audit_verifications',
  'DROP FUNCTION audit_remove_prefix(smallint, bigint, bytea, text)',
  'DROP TRIGGER audit_chains_no_truncate ON audit_chains',
  'DROP TRIGGER audit_chains_guard ON audit_chains',
  'DROP TABLE audit_chain_anchors',
  'DROP TRIGGER audit_log_no_truncate ON audit_log',
  'DROP TRIGGER audit_log_guard ON audit_log',
  'DROP TRIGGER audit_log_advance ON audit_log',
  'DROP TRIGGER audit_log_chain ON audit_log',
  'DROP FUNCTION audit_log_guard()',
  'DROP FUNCTION audit_log_advance()',
  'DROP FUNCTION audit_log_chain()',
  'DROP FUNCTION audit_row_hash(audit_log)',
  'DROP TABLE audit_chains',
  'DROP INDEX audit_log_chain_idx',
  'ALTER TABLE audit_log DROP COLUMN chain, DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash',
]

export const { up, down } = statementMigration(upStatements, downStatements)
