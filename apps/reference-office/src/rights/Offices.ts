import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";

/** Registers the configured office (idempotent); its names follow the configuration. */
export const ensureOffice = async (db: Kysely<Database>, config: OfficeConfig): Promise<void> => {
  const names = JSON.stringify(config.office.names);
  await db
    .insertInto("offices")
    .values({ code: config.office.code, names })
    .onConflict((oc) => oc.column("code").doUpdateSet({ names }))
    .execute();
};
