/**
 * The administrator's import page (decision 0802): a data file (CSV or XLSX) and the office's column mapping, checked
 * in a dry run or imported on the CLI's path (decision 0804, 0807): the whole file checked first (a refused file is
 * shown row by row, nothing written), then written in checkpointed chunks, with how many landed; an upload of the same
 * file after a stop resumes where it stopped. The upload is spooled to temporary files (as Madrid batches are), so the
 * page never holds it in memory.
 */
import { readFile } from "node:fs/promises";
import { Effect, Result } from "effect";
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import YAML from "yaml";
import type { AreaContext } from "../Area.js";
import { actorFor, requirePrincipal } from "../auth/actor.js";
import { type AuthKey, authText } from "../auth/messages.js";
import { spoolUpload } from "../madrid/uploads.js";
import { href, layout, type PageContext, pageContext, withCsrf } from "../pages/layout.js";
import { type ImportProblem, Rights } from "../rights/Rights.js";
import { maxImportBytes } from "./importFile.js";
import { type JobReport, runImportJob } from "./importJob.js";
import { TableImport } from "@ipoffice/exchange";

const t = (p: PageContext, key: AuthKey, params?: Record<string, string | number>) => authText(p.lang, key, params);

/** Largest upload: the data file's limit and a mapping beside it. */
const uploadLimit = maxImportBytes + 1024 * 1024;

const form = (
  p: PageContext,
) => html`<form class="ipo-card" method="post" action="${withCsrf(p, href(p, "/admin/import", { mode: "import" }))}" enctype="multipart/form-data">
<div class="ipo-field"><label for="import-data">${t(p, "import.data", { mib: maxImportBytes / 1024 / 1024 })}</label>
<input id="import-data" name="data" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></div>
<div class="ipo-field"><label for="import-mapping">${t(p, "import.mapping")}</label>
<input id="import-mapping" name="mapping" type="file" accept=".yaml,.yml,.json,application/json,application/yaml" required></div>
<p><button class="ipo-button" type="submit" formaction="${withCsrf(p, href(p, "/admin/import", { mode: "dry-run" }))}">${t(p, "import.dryRun")}</button>
<button class="ipo-button" type="submit">${t(p, "import.run")}</button></p></form>`;

const problemsTable = (
  p: PageContext,
  problems: ReadonlyArray<ImportProblem>,
) => html`<div class="ipo-table-wrap"><table class="ipo-table">
<thead><tr><th scope="col">${t(p, "import.row")}</th><th scope="col">${t(p, "import.field")}</th><th scope="col">${t(p, "import.message")}</th></tr></thead>
<tbody>${problems
  .slice(0, 1_000)
  .map(
    (x) =>
      html`<tr><td class="ipo-num">${x.row}</td><td dir="ltr"><bdi>${x.field}</bdi></td><td dir="ltr"><bdi>${x.message}</bdi></td></tr>`,
  )}</tbody></table></div>`;

const page = (p: PageContext, body: unknown) =>
  layout(p, {
    title: t(p, "import.title"),
    current: "admin",
    body: html`<h1>${t(p, "import.title")}</h1><p>${t(p, "import.intro")}</p>${body}${form(p)}`,
  });

export const importPages = (ctx: AreaContext) => {
  const app = new Hono();

  app.get("/admin/import", (c) => c.html(page(pageContext(c, ctx.config), "")));

  app.post("/admin/import", async (c: Context) => {
    const p = pageContext(c, ctx.config);
    const dryRun = c.req.query("mode") !== "import";
    const refused = (
      name: string,
      problems: ReadonlyArray<ImportProblem>,
      status: 400 | 413 | 415 | 422 = 422,
      more = 0,
    ) =>
      c.html(
        page(
          p,
          html`<p class="ipo-error" role="alert">${t(p, "import.refused", { file: name, count: problems.length + more })}</p>${problemsTable(p, problems)}`,
        ),
        status,
      );
    const spooled = await spoolUpload(c.req.raw, uploadLimit);
    if (Result.isFailure(spooled)) {
      const e = spooled.failure;
      return e._tag === "UploadTooLarge"
        ? refused("", [{ row: 0, field: "file", message: `over ${e.limit} bytes` }], 413)
        : refused("", [{ row: 0, field: e.path, message: e.message }], e.status);
    }
    try {
      const files = spooled.success.files;
      const data = files.find((f) => /\.(csv|xlsx)$/i.test(f.name));
      const mappingFile = files.find((f) => /\.(ya?ml|json)$/i.test(f.name));
      if (data === undefined || mappingFile === undefined || files.length !== 2) {
        return c.html(page(p, html`<p class="ipo-error" role="alert">${t(p, "import.missing")}</p>`), 400);
      }
      let raw: unknown;
      try {
        raw = YAML.parse(await readFile(mappingFile.path, "utf8"), { maxAliasCount: 10 });
      } catch (error) {
        return refused(mappingFile.name, [{ row: 0, field: "mapping", message: (error as Error).message }]);
      }
      const mapping = TableImport.decodeMapping(raw);
      if (Result.isFailure(mapping)) return refused(mappingFile.name, mapping.failure);
      const actor = actorFor(requirePrincipal(c));
      const rights = await ctx.run(Rights.use((r) => Effect.succeed(r)));
      if (Result.isFailure(rights)) return c.html(page(p, ""), 503);
      // The CLI's path (decision 0804): checked whole, then written in checkpointed chunks; the same file uploaded
      // again after a stop resumes at the first chunk not written.
      let report: JobReport;
      try {
        report = await runImportJob(
          { db: ctx.db, config: ctx.config, rights: rights.success, ...(ctx.clock ? { clock: ctx.clock } : {}) },
          { path: data.path, name: data.name },
          { format: "table", mapping: mapping.success },
          { dryRun, actor },
        );
      } catch (error) {
        return c.html(page(p, html`<p class="ipo-error" role="alert">${(error as Error).message}</p>`), 503);
      }
      if (report.outcome === "refused") return refused(data.name, report.problems, 422, report.moreProblems);
      const landed = report.chunks.filter((x) => x.outcome === "landed" || x.outcome === "landed before").length;
      const progress = report.dryRun
        ? ""
        : html`<p>${t(p, "import.progress", { landed, chunks: report.chunks.length, rows: report.rights, imported: report.imported })}</p>`;
      if (report.outcome === "stopped") {
        return c.html(
          page(
            p,
            html`<p class="ipo-error" role="alert">${t(p, "import.stopped", { reason: report.stoppedBecause ?? "" })}</p>${progress}`,
          ),
          503,
        );
      }
      const params = { count: report.imported, source: report.source, unchanged: report.unchanged };
      return c.html(
        page(
          p,
          html`<p role="status">${t(p, report.dryRun ? "import.checked" : "import.done", params)}</p>${progress}`,
        ),
      );
    } finally {
      await spooled.success.cleanup();
    }
  });

  return app;
};
