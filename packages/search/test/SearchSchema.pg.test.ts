import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchSchema } from "../src/index.js";
import { type OpenTestDatabase, testDatabases } from "./support/databases.js";

describe.each(testDatabases)("SearchSchema migrations on $name", (database) => {
  let open: OpenTestDatabase;
  beforeAll(async () => {
    open = await database.open({ migrate: false });
  });
  afterAll(async () => open?.close());

  const indexes = async () =>
    (
      await sql<{ name: string }>`select indexname as name from pg_indexes
        where tablename = 'search_mark' and schemaname = current_schema()`.execute(open.db)
    ).rows.map((r) => r.name);

  it("0002 drops the unread trigram index of the folded mark text, and its rollback puts it back", async () => {
    await SearchSchema.migrations["0001"](open.db);
    expect(await indexes()).toContain("search_mark_folded_trgm");
    await SearchSchema.migrations["0002"](open.db);
    const after = await indexes();
    expect(after).not.toContain("search_mark_folded_trgm");
    expect(after).toContain("search_mark_latin_trgm");
    await SearchSchema.rollbacks["0002"](open.db);
    expect(await indexes()).toContain("search_mark_folded_trgm");
    expect(SearchSchema.versions).toEqual(["0001", "0002"]);
  });
});
