/**
 * Which databases the database tests (`*.pg.test.ts`) run on. PGlite always, unless `IPO_TEST_ENGINES=postgres`: CI's
 * PostgreSQL step sets it, because its previous step (the README's `npm test`) has just run every test on PGlite.
 * PostgreSQL whenever `IPO_TEST_DATABASE_URL` is set.
 */
export const withPglite: boolean = process.env.IPO_TEST_ENGINES !== "postgres";
