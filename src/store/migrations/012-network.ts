// Per-resource network access, as Azure's networkAcls and customSubDomainName:
// a default action (Allow or Deny) with an IP allow-list (a JSON array of
// addresses and CIDR ranges), and an optional custom subdomain name that is
// unique across the server. Existing resources stay open to every address.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('resources').addColumn('network_default_action', 'varchar(5)', (c) => c.notNull().defaultTo('Allow')).execute();
  await db.schema.alterTable('resources').addColumn('network_ip_rules', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('resources').addColumn('custom_subdomain', 'varchar(64)').execute();
  await db.schema.createIndex('resources_custom_subdomain').on('resources').column('custom_subdomain').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('resources_custom_subdomain').execute();
  for (const column of ['custom_subdomain', 'network_ip_rules', 'network_default_action']) await db.schema.alterTable('resources').dropColumn(column).execute();
}
