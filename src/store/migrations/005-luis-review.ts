// Endpoint utterances a LUIS author has dismissed from a version's review list
// (DELETE .../versions/{versionId}/suggest). The list itself is worked out from
// the query log and the version's trained model; only the dismissals are kept.
// They follow their version: renamed with it, deleted with it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('luis_dismissed_utterances')
    .addColumn('app_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('version_id', 'varchar(64)', (c) => c.notNull())
    /** The utterance as normalised for comparison (trimmed, lower case). */
    .addColumn('text', 'varchar(500)', (c) => c.notNull())
    .addColumn('dismissed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('luis_dismissed_utterances_pk', ['app_id', 'version_id', 'text'])
    .addForeignKeyConstraint('luis_dismissed_utterances_version', ['app_id', 'version_id'], 'luis_versions', ['app_id', 'version_id'],
      (fk) => fk.onDelete('cascade').onUpdate('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('luis_dismissed_utterances').execute();
}
