import { statementMigration } from '../migration-statements'

/** vCard address books (.vcf) are imported too: they are stored and read as format `vcard`. */
export const { up, down } = statementMigration(
  [
    `ALTER TABLE imports DROP CONSTRAINT imports_format_check`,
    `ALTER TABLE imports ADD CONSTRAINT imports_format_check CHECK (format IN ('csv','xlsx','vcard'))`,
  ],
  [
    // A vCard import cannot be described by the older schema: it goes with the downgrade.
    `DELETE FROM imports WHERE format = 'vcard'`,
    `ALTER TABLE imports DROP CONSTRAINT imports_format_check`,
    `ALTER TABLE imports ADD CONSTRAINT imports_format_check CHECK (format IN ('csv','xlsx'))`,
  ],
)
