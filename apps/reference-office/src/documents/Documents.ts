/**
 * The documents service: issues certificates and letters on a record from the office's templates (its own, else the
 * shipped ones of `@ipoffice/documents`), stores each PDF as issued with the record (so it reads the same every time
 * it is opened, whatever the templates become) with an audit row in the same transaction, lists a record's documents
 * and serves them. Reads take an audience: the public reaches the documents of a right the publication rule shows
 * (file inspection after publication, e.g. EPC Art. 128(4)); anything else is `RightNotFound`, as for the record.
 */
import { createHash, randomUUID } from "node:crypto";
import { Calendar, type IpRight } from "@ipoffice/domain";
import { Template } from "@ipoffice/documents";
import { Pdf } from "@ipoffice/documents/node";
import { Clock, Context, Data, Effect, Result } from "effect";
import type { Kysely } from "kysely";
import { actorKindOf, appendAudit } from "../audit/Audit.js";
import { documentTemplatesOf, type OfficeConfig, todayIn } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { isPageKey, pageText } from "../pages/messages.js";
import { type Audience, DatabaseError, type RightNotFound, Rights } from "../rights/Rights.js";

export interface DocumentSummary {
  readonly id: string;
  readonly applicationNumber: string;
  readonly kind: Template.Kind;
  readonly language: string;
  readonly title: string;
  readonly issuedAt: string;
  /** Staff only: who issued it (the account's name). */
  readonly issuedBy?: string | undefined;
  readonly bytes: number;
}

/** The kind cannot be issued for this right now (a certificate before registration…), or the template cannot fill. */
export class DocumentRefused extends Data.TaggedError("DocumentRefused")<{
  readonly reason: "not-registered" | "no-expiry" | "no-template" | "language" | "fill";
  readonly message: string;
}> {}

export class DocumentNotFound extends Data.TaggedError("DocumentNotFound")<{ readonly id: string }> {}

export interface IssueRequest {
  readonly kind: Template.Kind;
  readonly language: string;
  /** Grounds of an objection or refusal; default the reason of the record's latest event that gave one. */
  readonly grounds?: string | undefined;
  /** The provision a refusal rests on. */
  readonly legalBasis?: string | undefined;
}

export interface DocumentsShape {
  readonly issue: (
    applicationNumber: string,
    request: IssueRequest,
    actor: { readonly id: string; readonly role: string; readonly name: string },
  ) => Effect.Effect<DocumentSummary, RightNotFound | DocumentRefused | DatabaseError, Rights>;
  readonly list: (
    applicationNumber: string,
    audience: Audience,
  ) => Effect.Effect<ReadonlyArray<DocumentSummary>, RightNotFound | DatabaseError, Rights>;
  readonly pdf: (
    applicationNumber: string,
    id: string,
    audience: Audience,
  ) => Effect.Effect<
    { readonly summary: DocumentSummary; readonly bytes: Uint8Array },
    RightNotFound | DocumentNotFound | DatabaseError,
    Rights
  >;
  /** A template filled with sample values, as staff preview it (the office's own, else the shipped one). */
  readonly preview: (kind: Template.Kind, language: string) => Effect.Effect<Uint8Array, DocumentRefused>;
  /** Which template serves each kind and language the office offers: its own or the shipped one. */
  readonly templates: () => ReadonlyArray<{
    readonly kind: Template.Kind;
    readonly language: string;
    readonly source: "office" | "shipped" | "none";
  }>;
}

export class Documents extends Context.Service<Documents, DocumentsShape>()("ipoffice/Documents") {}

const dash = "—";
const names = (parties: ReadonlyArray<{ readonly name: string }>) =>
  parties.length === 0 ? dash : parties.map((p) => p.name).join("; ");

/** The values a template may use, read from the right (staff view) in the document's language. */
export const valuesOf = (
  config: OfficeConfig,
  right: IpRight.Right,
  reason: string | undefined,
  request: IssueRequest,
  today: string,
): Record<string, string> => {
  const lang = request.language;
  const kindKey = `kind.${right.kind}`;
  const classes =
    right.kind === "trademark" ? right.goodsAndServices.map((c) => String(c.classNumber)).join(", ") || dash : dash;
  const goods =
    right.kind === "trademark"
      ? right.goodsAndServices
          .map((c) => `${c.classNumber}: ${c.terms.map((t) => t.text).join("; ")}`)
          .join(". ")
          .slice(0, Template.maxValueLength) || dash
      : dash;
  const graceEnd =
    right.expiryDate === undefined
      ? dash
      : Result.getOrElse(Calendar.addMonths(right.expiryDate as Calendar.IsoDate, 6), () => right.expiryDate as string);
  return {
    office: config.office.names[lang] ?? config.office.names.en ?? config.office.code,
    number: right.applicationNumber,
    kind: isPageKey(kindKey) ? pageText(lang, kindKey) : right.kind,
    title: (right.kind === "trademark" ? right.mark.text : right.title) ?? right.applicationNumber,
    applicant: names(right.owners),
    representative: names(right.representatives),
    filingDate: right.filingDate,
    classes,
    date: today,
    reference: right.st13,
    registrationNumber: right.registration?.number ?? dash,
    registrationDate: right.registration?.date ?? dash,
    expiryDate: right.expiryDate ?? dash,
    goods,
    grounds: (request.grounds ?? reason ?? dash).slice(0, Template.maxValueLength),
    deadline: right.timeLimit?.due ?? right.renewalDueDate ?? dash,
    legalBasis: request.legalBasis ?? dash,
    graceEnd,
  };
};

const tryDb = <A>(run: () => Promise<A>) =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

const summaryOf = (
  row: {
    id: string;
    application_number: string;
    kind: string;
    language: string;
    title: string;
    issued_at: Date | string;
    issued_by_name: string;
    size?: number | string | null;
  },
  audience: Audience,
): DocumentSummary => ({
  id: row.id,
  applicationNumber: row.application_number,
  kind: row.kind as Template.Kind,
  language: row.language,
  title: row.title,
  issuedAt: new Date(row.issued_at).toISOString(),
  ...(audience === "staff" ? { issuedBy: row.issued_by_name } : {}),
  bytes: Number(row.size ?? 0),
});

export const makeDocuments = (db: Kysely<Database>, config: OfficeConfig): DocumentsShape => {
  const officeCode = config.office.code;
  const own = documentTemplatesOf(config);

  const offered = (language: string) =>
    config.office.languages.includes(language)
      ? Effect.void
      : Effect.fail(
          new DocumentRefused({
            reason: "language",
            message: `${language.slice(0, 20)} is not a language of the office (${config.office.languages.join(", ")})`,
          }),
        );

  const render = (kind: Template.Kind, language: string, values: Record<string, string>) =>
    Effect.gen(function* () {
      yield* offered(language);
      const template = Template.find(own, kind, language);
      if (template === undefined)
        return yield* Effect.fail(
          new DocumentRefused({ reason: "no-template", message: `no ${kind} template in ${language}` }),
        );
      const filled = Template.fill(kind, template, values, { language, header: values.office });
      if (Result.isFailure(filled))
        return yield* Effect.fail(new DocumentRefused({ reason: "fill", message: filled.failure.message }));
      const bytes = yield* Effect.promise(() => Pdf.renderBytes(filled.success));
      return { bytes, title: filled.success.title };
    });

  const issue: DocumentsShape["issue"] = (applicationNumber, request, actor) =>
    Effect.gen(function* () {
      const rights = yield* Rights;
      const right = yield* rights.get(applicationNumber, { audience: "staff" });
      yield* offered(request.language);
      if ((request.kind === "certificate" || request.kind === "grant") && right.registration === undefined)
        return yield* Effect.fail(
          new DocumentRefused({
            reason: "not-registered",
            message: `${right.applicationNumber} is not registered: a ${request.kind} needs the registration`,
          }),
        );
      if (request.kind === "renewal-reminder" && right.expiryDate === undefined)
        return yield* Effect.fail(
          new DocumentRefused({ reason: "no-expiry", message: `${right.applicationNumber} has no expiry date` }),
        );
      const events = yield* rights.history(right.applicationNumber, { audience: "staff" });
      const reason = [...events].reverse().find((e) => e.reason !== undefined && e.reason !== "")?.reason;
      const ms = yield* Clock.currentTimeMillis;
      const at = new Date(ms);
      const today = todayIn(config.office.timeZone, at);
      const { bytes, title } = yield* render(
        request.kind,
        request.language,
        valuesOf(config, right, reason, request, today),
      );
      const id = randomUUID();
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      yield* tryDb(() =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto("documents")
            .values({
              id,
              office_code: officeCode,
              application_number: right.applicationNumber,
              kind: request.kind,
              language: request.language,
              title,
              issued_at: at,
              issued_by: actor.id,
              issued_by_name: actor.name.slice(0, 300),
              pdf: bytes,
              sha256,
            })
            .execute();
          await appendAudit(
            trx,
            officeCode,
            {
              actorKind: actorKindOf(actor),
              actorId: actor.id,
              action: "documents.issue",
              target: right.applicationNumber,
              outcome: "ok",
              details: { id, kind: request.kind, language: request.language, sha256 },
            },
            at,
          );
        }),
      );
      return {
        id,
        applicationNumber: right.applicationNumber,
        kind: request.kind,
        language: request.language,
        title,
        issuedAt: at.toISOString(),
        issuedBy: actor.name,
        bytes: bytes.length,
      };
    });

  const list: DocumentsShape["list"] = (applicationNumber, audience) =>
    Effect.gen(function* () {
      const rights = yield* Rights;
      const right = yield* rights.get(applicationNumber, { audience });
      const rows = yield* tryDb(() =>
        db
          .selectFrom("documents")
          .select(["id", "application_number", "kind", "language", "title", "issued_at", "issued_by_name"])
          .select((eb) => eb.fn<number>("octet_length", ["pdf"]).as("size"))
          .where("office_code", "=", officeCode)
          .where("application_number", "=", right.applicationNumber)
          .orderBy("issued_at")
          .orderBy("id")
          .execute(),
      );
      return rows.map((row) => summaryOf(row, audience));
    });

  const pdf: DocumentsShape["pdf"] = (applicationNumber, id, audience) =>
    Effect.gen(function* () {
      const rights = yield* Rights;
      const right = yield* rights.get(applicationNumber, { audience });
      if (!/^[0-9a-f-]{36}$/.test(id)) return yield* Effect.fail(new DocumentNotFound({ id: id.slice(0, 100) }));
      const row = yield* tryDb(() =>
        db
          .selectFrom("documents")
          .selectAll()
          .where("office_code", "=", officeCode)
          .where("application_number", "=", right.applicationNumber)
          .where("id", "=", id)
          .executeTakeFirst(),
      );
      if (row === undefined) return yield* Effect.fail(new DocumentNotFound({ id }));
      const bytes = new Uint8Array(row.pdf);
      return { summary: summaryOf({ ...row, size: bytes.length }, audience), bytes };
    });

  const preview: DocumentsShape["preview"] = (kind, language) =>
    Effect.map(
      render(kind, language, {
        ...(Template.samples[language] ?? Template.samples.en),
        office: config.office.names[language] ?? config.office.code,
      }),
      (r) => r.bytes,
    );

  const templates: DocumentsShape["templates"] = () =>
    Template.kinds.flatMap((kind) =>
      config.office.languages.map((language) => ({
        kind,
        language,
        source:
          own[kind]?.[language] !== undefined
            ? ("office" as const)
            : Template.defaults[kind]?.[language] !== undefined
              ? ("shipped" as const)
              : ("none" as const),
      })),
    );

  return { issue, list, pdf, preview, templates };
};
