// Batch tests of LUIS versions: a labelled dataset scored against a version's
// trained model or a published slot, kept with its date beside the version it
// tested (renamed with it, deleted with it).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('luis_batch_tests')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('app_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('version_id', 'varchar(64)', (c) => c.notNull())
    /** What answered: the version's own latest training, or a publication slot (production, staging). */
    .addColumn('target', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(256)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('utterances', 'integer', (c) => c.notNull())
    .addColumn('intent_accuracy', 'double precision', (c) => c.notNull())
    /** JSON of the BatchReport (src/luis/batch/evaluate.ts). */
    .addColumn('report', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('luis_batch_tests_version', ['app_id', 'version_id'], 'luis_versions', ['app_id', 'version_id'],
      (fk) => fk.onDelete('cascade').onUpdate('cascade'))
    .execute();
  await db.schema.createIndex('luis_batch_tests_by_version').on('luis_batch_tests').columns(['app_id', 'version_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('luis_batch_tests').execute();
}
