// Frozen in time: never import application code here. The search engine's own version "0002" (decision 0711).
import { SearchSchema } from "@ipoffice/search";
import type { Kysely } from "kysely";

/** The search engine's migration "0002": drops the folded-text trigram index no query reads (it cost every write). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await SearchSchema.migrations["0002"](db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await SearchSchema.rollbacks["0002"](db);
}
