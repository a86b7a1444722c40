import { statementMigration } from '../migration-statements'

/**
 * Service mail that reaches the customer (issue 18): the outbox of ticket e-mails
 * (acknowledgement, public reply, resolution with its satisfaction survey), each row queued in the
 * transaction of what it announces and sent by a job; the ticket's language for those mails; and
 * when the customer gave the rating from the survey (the agent no longer types it).
 */
const upStatements = [
  `ALTER TABLE tickets ADD COLUMN language text, ADD COLUMN satisfaction_at timestamptz(3)`,
  `CREATE TABLE ticket_mails (
     id uuid PRIMARY KEY,
     ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
     kind text NOT NULL CHECK (kind IN ('acknowledgement', 'reply', 'resolution')),
     comment_id uuid REFERENCES ticket_comments (id) ON DELETE CASCADE,
     recipient text NOT NULL,
     state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
     attempts integer NOT NULL DEFAULT 0,
     message_id text NOT NULL,
     subject text,
     last_error text,
     created_by uuid,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     attempted_at timestamptz(3),
     sent_at timestamptz(3)
   )`,
  `CREATE INDEX ticket_mails_ticket_idx ON ticket_mails (ticket_id, created_at)`,
  `CREATE INDEX ticket_mails_unsent_idx ON ticket_mails (created_at) WHERE state IN ('queued', 'sending')`,
]

const downStatements = [`DROP TABLE ticket_mails`, `ALTER TABLE tickets DROP COLUMN satisfaction_at, DROP COLUMN language`]

export const { up, down } = statementMigration(upStatements, downStatements)
