import { statementMigration } from '../migration-statements'

/**
 * Exchange rates an admin keeps (Settings → Exchange rates): how many units of `base` (the company
 * currency when the rate was entered) one unit of `currency` is worth, from `effective_date` until
 * the next rate of that currency. Reports convert money into the company currency with the rate
 * effective on a deal's date: the lookup is "the latest rate of this currency on or before day D",
 * one probe of the (base, currency, effective_date DESC) index.
 */
const upStatements = [
  `CREATE TABLE exchange_rates (
     id uuid PRIMARY KEY,
     base char(3) NOT NULL,
     currency char(3) NOT NULL,
     rate numeric(20, 10) NOT NULL CHECK (rate > 0),
     effective_date date NOT NULL,
     created_at timestamptz(3) NOT NULL DEFAULT now(),
     updated_at timestamptz(3) NOT NULL DEFAULT now(),
     created_by uuid REFERENCES users (id) ON DELETE SET NULL,
     version integer NOT NULL DEFAULT 1,
     CHECK (currency <> base)
   )`,
  `CREATE UNIQUE INDEX exchange_rates_lookup_idx ON exchange_rates (base, currency, effective_date DESC) INCLUDE (rate)`,
]

const downStatements = ['DROP TABLE exchange_rates']

export const { up, down } = statementMigration(upStatements, downStatements)
