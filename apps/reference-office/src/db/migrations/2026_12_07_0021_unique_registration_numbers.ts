import { type Kysely, sql } from "kysely";

/**
 * A registration number is issued once per office and kind of right: a unique index says so, where the office's own
 * numbering only promised it (decision 0693's counters). An office upgrading may already hold repeats (a demo seeded
 * before the counters, a registrar who typed a number already issued, an import): those are kept, marked
 * `registration_repeat` (every holder of a number but the first registered, then the first filed) and left out of
 * the index, so the upgrade loses nothing and stops no office; the start logs them for the registry to correct.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rights add column registration_repeat boolean not null default false`.execute(db);
  await sql`
    update rights set registration_repeat = true
    from (
      select office_code, application_number,
        row_number() over (
          partition by office_code, kind, registration_number
          order by registration_date nulls last, filing_date, application_number
        ) as n
      from rights where registration_number is not null
    ) ranked
    where ranked.n > 1
      and rights.office_code = ranked.office_code
      and rights.application_number = ranked.application_number`.execute(db);
  await sql`create unique index rights_registration_number_uq on rights (office_code, kind, registration_number)
    where registration_number is not null and not registration_repeat`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists rights_registration_number_uq`.execute(db);
  await sql`alter table rights drop column if exists registration_repeat`.execute(db);
}
