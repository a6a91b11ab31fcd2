/**
 * The office configuration: one file per office (YAML or JSON), validated by schema when loaded. Errors name the file
 * and the path of every bad field. The reference office ships `config/offices/om.yaml` (Oman) and reads another file
 * given by IPO_OFFICE_CONFIG.
 */
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { ApplicationNumber, Calendar, Country, Publication, Userdoc, Workflow } from "@ipoffice/domain";
import { Template } from "@ipoffice/documents";
import { LegalStatusMapping } from "@ipoffice/exchange";
import { Money, NumberFormat } from "@ipoffice/fees";
import { GeneralIndications, Versions } from "@ipoffice/nice-classification";
import { Data, Result, Schema } from "effect";
import YAML from "yaml";
import type { FieldIssue } from "../http/problem.js";
import { decodeAll } from "../http/validate.js";
import { loadFeeSchedules } from "../fees/OfficeFees.js";
import { assignableRoles, checkPermissionMatrix } from "../auth/permissions.js";
import { OidcSettings, oidcSettingsIssues } from "../auth/OidcConfig.js";
import { loadOfficeAssets } from "../officeAssets.js";
import { type ConfigIssue, fileIssues, structuralIssues } from "./checks.js";
import { desksIssues } from "../office/queues.js";

const LanguageTag = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)));
/** Text per language, e.g. `{ en: "…", ar: "…" }`. */
export const LocalizedText = Schema.Record(LanguageTag, Schema.NonEmptyString);

export const IpKind = Schema.Literals(["trademark", "patent", "industrial_design", "utility_model"]);
export type IpKind = typeof IpKind.Type;

export const Product = Schema.Literals(["back-office", "madrid", "publish", "e-filing"]);

/** A code `{kind}` writes in a number pattern: 1–5 capital letters (ApplicationNumber's rule). */
const KindCode = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[A-Z]{1,5}$/, { message: "1 to 5 capital letters A–Z, e.g. TM or UM" })),
);
const HexColour = Schema.String.pipe(Schema.check(Schema.isPattern(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/)));

export const ThemeConfig = Schema.Struct({
  primary: Schema.optional(HexColour),
  primaryContrast: Schema.optional(HexColour),
  accent: Schema.optional(HexColour),
  surface: Schema.optional(HexColour),
  text: Schema.optional(HexColour),
  fontFamily: Schema.optional(Schema.String.pipe(Schema.check(Schema.isPattern(/^[\w\s,"'-]{1,200}$/)))),
  logoUrl: Schema.optional(Schema.String.pipe(Schema.check(Schema.isPattern(/^(\/|https:\/\/)[^\s"'<>]{0,500}$/)))),
  radius: Schema.optional(Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{1,2}(px|rem)$/)))),
});

/** A plain file name in the office's assets folder. */
const AssetName = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, {
      message: "a file name of the assets folder, e.g. logo.svg",
    }),
  ),
);

/**
 * The office's own files (src/officeAssets.ts, decision 0606): `folder` (relative to the configuration file) holds its
 * logo, icon and fonts, served at `/assets/office/<name>` after a check of each file's content; `logo` is shown in
 * the header of every page, `favicon` is the browser's icon, `fonts` are declared with `@font-face` on every page.
 */
/**
 * A font of the office's assets declared with `@font-face` on every page (a WOFF or WOFF2 file of the folder): the
 * family name `theme.fontFamily` then lists first, and its weight (`400`, or a range `100 900` for a variable font)
 * and style.
 */
export const AssetFont = Schema.Struct({
  family: Schema.String.check(
    Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/, {
      message: "a font family name: letters, digits, spaces, '_' and '-', e.g. Office Sans",
    }),
  ),
  file: AssetName,
  weight: Schema.optional(
    Schema.String.check(Schema.isPattern(/^[1-9]00( [1-9]00)?$/, { message: "a weight (400) or a range (100 900)" })),
  ),
  style: Schema.optional(Schema.Literals(["normal", "italic"])),
});

export const AssetsConfig = Schema.Struct({
  folder: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(500)),
  logo: Schema.optional(AssetName),
  favicon: Schema.optional(AssetName),
  fonts: Schema.optional(Schema.Array(AssetFont).check(Schema.isMaxLength(16))),
});

/** A rate limit: `limit` requests per client address, refilling over `windowSeconds`; `false` turns it off. */
export const RateLimitSetting = Schema.Union([
  Schema.Struct({
    limit: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1_000_000 })),
    windowSeconds: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 86_400 })),
  }),
  Schema.Literal(false),
]);
export type RateLimitSetting = typeof RateLimitSetting.Type;

/** The rate limits the app applies by default (decision 0660), per client address. */
export const RateLimitGroup = Schema.Literals(["search", "validation", "uploads", "forms"]);
export type RateLimitGroup = typeof RateLimitGroup.Type;

export const defaultRateLimits: Readonly<Record<RateLimitGroup, RateLimitSetting>> = {
  search: { limit: 300, windowSeconds: 60 },
  validation: { limit: 60, windowSeconds: 60 },
  uploads: { limit: 20, windowSeconds: 600 },
  forms: { limit: 60, windowSeconds: 60 },
};

/**
 * The first year of protection for which an annual fee is due (2 to 20), and whether fees run while the application
 * is pending (`beforeGrant`: unpaid after the grace period, the application is deemed withdrawn).
 */
const AnnuityRule = Schema.Struct({
  firstYear: Schema.Int.check(Schema.isBetween({ minimum: 2, maximum: 20 })),
  beforeGrant: Schema.optional(Schema.Boolean),
});

/** A new length for the time limit of a workflow state that makes an action due (`rules.timeLimits`). */
const TimeLimitOverride = Schema.Struct({
  state: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100)),
  action: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100)),
  years: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100 }))),
  months: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 1200 }))),
  days: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 36_500 }))),
});
type TimeLimitOverride = typeof TimeLimitOverride.Type;

export const OfficeConfig = Schema.Struct({
  office: Schema.Struct({
    code: Country.CountryCode,
    names: LocalizedText,
    /**
     * The interface languages: each needs a message catalog, the app's (`catalog/<lang>.json`: en, ar, fr) or the
     * office's own file `<lang>.json` in the `catalogs` folder (decision 0412).
     */
    languages: Schema.NonEmptyArray(LanguageTag),
    defaultLanguage: LanguageTag,
    /**
     * A folder (relative to this file) of message catalog files `<lang>.json` (ICU MessageFormat, the keys of the
     * app's `catalog/en.json`): a language the app does not ship, or the office's own wording over the app's.
     */
    catalogs: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(500))),
    /**
     * The digits of numbers and dates in every language and page, PDF and e-mail: `latn` (0-9, the default, as most
     * registers of the region print them) or `arab` (Arabic-Indic ٠-٩).
     */
    digits: Schema.optional(Schema.Literals(["latn", "arab"])),
    timeZone: Schema.String,
    /**
     * What the office runs: `back-office` and `publish` (always served: every office keeps a register), `madrid` (the
     * Madrid desk, its API and links), `e-filing` (the filing portal). A product left out has no pages, routes or links.
     */
    products: Schema.Array(Product),
    /**
     * The kinds of right the office handles (default all four): only these are numbered, filed, offered in forms and
     * listed; a filing of another kind is refused, naming `kind`.
     */
    kinds: Schema.optional(Schema.NonEmptyArray(IpKind)),
    /**
     * A regional office (the GCC Patent Office, ARIPO, OAPI…): its rights cover member states, so its portal shows and
     * filters rights by designated or validated state. Absent: a national office.
     */
    regional: Schema.optional(Schema.Boolean),
    /**
     * A regional office's member states (ST.3 codes): the states each of its rights covers, searchable in the portal
     * as designated states (the GCC Patent Office: SA, AE, BH, KW, OM, QA). Required with `regional: true`.
     */
    memberStates: Schema.optional(Schema.NonEmptyArray(Country.CountryCode)),
  }),
  theme: Schema.optional(ThemeConfig),
  assets: Schema.optional(AssetsConfig),
  /**
   * Application-number patterns per kind of right, e.g. `TM/{yyyy}/{serial:6}`; registration numbers likewise. A
   * pattern with the year (`{yyyy}`, `{yy}`) restarts its serial each year; one without is a continuous serial that
   * never restarts (decision 0693). Required for every kind the office handles (`office.kinds`).
   */
  numbering: Schema.Struct({
    applications: ApplicationNumber.Patterns,
    registrations: ApplicationNumber.Patterns,
    ipTypeCodes: Schema.optional(ApplicationNumber.IpTypeCodes),
    /**
     * What `{kind}` writes in the patterns, per kind of right: 1–5 capital letters (default TM, P, D, U; an office
     * writing `UM` for utility models or `ID` for designs says so here).
     */
    kindCodes: Schema.optional(
      Schema.Struct({
        trademark: Schema.optional(KindCode),
        patent: Schema.optional(KindCode),
        industrial_design: Schema.optional(KindCode),
        utility_model: Schema.optional(KindCode),
      }),
    ),
  }),
  calendar: Calendar.WorkingCalendar,
  /** Workflows replacing the defaults, per kind of right (validated when loaded). */
  workflows: Schema.optional(
    Schema.Struct({
      trademark: Schema.optional(Schema.Unknown),
      patent: Schema.optional(Schema.Unknown),
      industrial_design: Schema.optional(Schema.Unknown),
      utility_model: Schema.optional(Schema.Unknown),
    }),
  ),
  /**
   * The back office's desks (src/office/queues.ts): per queue (`formality`, `classification`, `examination`,
   * `publication`, `registration`, `userdocs`, `renewals`, `madrid`), the workflow actions whose states make up the
   * queue and the roles that serve it (default: the roles the workflows give those actions); for `madrid`, the
   * designation statuses. `renewalsWithinDays`: how close the time limit of a registered right must be for it to
   * enter the renewals queue (default 365). Absent: the defaults of src/office/queues.ts.
   */
  desks: Schema.optional(
    Schema.Struct({
      queues: Schema.optional(
        Schema.Record(
          Schema.String,
          Schema.Struct({
            actions: Schema.optional(Schema.Array(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64)))),
            roles: Schema.optional(Schema.Array(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64)))),
            statuses: Schema.optional(Schema.Array(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64)))),
          }),
        ),
      ),
      renewalsWithinDays: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 3660 }))),
    }),
  ),
  /**
   * Rules of the office's law that differ between offices, applied to the workflows (default or the office's own):
   * `renewal.<kind>`, the window in which a renewal or annual fee is accepted (`monthsBefore` the renewal date, in the
   * last year before expiry in some offices, 6 months in others) and the grace period after it (`graceMonths`), default
   * the workflow's (6 and 6 for marks and designs, 3 and 6 for annual fees); `annuities.<kind>.firstYear`, the year of
   * protection the first annual fee is for (year 2 in some offices), default the year after grant.
   */
  rules: Schema.optional(
    Schema.Struct({
      renewal: Schema.optional(
        Schema.Struct({
          trademark: Schema.optional(Workflow.RenewalWindow),
          patent: Schema.optional(Workflow.RenewalWindow),
          industrial_design: Schema.optional(Workflow.RenewalWindow),
          utility_model: Schema.optional(Workflow.RenewalWindow),
        }),
      ),
      annuities: Schema.optional(
        Schema.Struct({
          patent: Schema.optional(AnnuityRule),
          utility_model: Schema.optional(AnnuityRule),
        }),
      ),
      /**
       * Time limits of the workflows changed without copying a workflow: per kind, the time limit of a state that makes
       * an action due (`{ state: opposition_period, action: close_opposition_period, months: 2 }`) gets the length
       * given; it still runs from the same date. Checked at load: the state must have such a time limit.
       */
      timeLimits: Schema.optional(
        Schema.Struct({
          trademark: Schema.optional(Schema.Array(TimeLimitOverride)),
          patent: Schema.optional(Schema.Array(TimeLimitOverride)),
          industrial_design: Schema.optional(Schema.Array(TimeLimitOverride)),
          utility_model: Schema.optional(Schema.Array(TimeLimitOverride)),
        }),
      ),
      /**
       * Filing rules of the office's law: `trademark.maxClasses`, the most Nice classes one application may claim (1
       * where the law requires one class per application). Madrid designations are not filings of the office and are
       * never limited (Madrid Protocol art. 5(1)).
       */
      filing: Schema.optional(
        Schema.Struct({
          trademark: Schema.optional(
            Schema.Struct({ maxClasses: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 45 })) }),
          ),
        }),
      ),
    }),
  ),
  /**
   * When a right of each kind becomes visible to the public (the register pages, the public API): `from` one of
   * `filing`, `publication`, `registration`, or a list (the first reached). A kind left out keeps the default of
   * `Publication.defaults` (patents, utility models and marks from publication, designs from registration or
   * publication). An office whose law publishes trademark applications on filing sets `trademark: { from: filing }`.
   */
  publication: Schema.optional(
    Schema.Struct({
      trademark: Schema.optional(Publication.KindRule),
      patent: Schema.optional(Publication.KindRule),
      industrial_design: Schema.optional(Publication.KindRule),
      utility_model: Schema.optional(Publication.KindRule),
    }),
  ),
  /**
   * The office's gazette (the publish portal's `/gazette`): one issue per calendar `month` (the default) or ISO
   * `week`, listing what the office published in it: applications published, registrations, renewals and other
   * recordals, Madrid designations notified.
   */
  gazette: Schema.optional(Schema.Struct({ period: Schema.Literals(["month", "week"]) })),
  /**
   * The Nice edition (src/nice/NiceReference.ts): `newest`, the newest edition the office has, or an edition id such
   * as `12` or `10-2015`; an id the office lacks gives the newest it has, with a warning and a notice on the page.
   */
  nice: Schema.Struct({
    edition: Schema.String.check(
      Schema.isPattern(/^(newest|[1-9]\d?(-\d{4})?)$/, {
        message: 'newest, or a Nice edition such as "12" or "10-2015"',
      }),
    ),
    /**
     * The Nice versions and the day each entered into force for this office, oldest first; a filed class records
     * the one in force on the filing date. Default: WIPO's history (`Versions.defaultHistory`, every version from 1
     * January of its year); an office that applied a version later, or needs older editions, lists its own.
     */
    versions: Schema.optional(Versions.History),
    /**
     * Wordings the office refuses or queries in a goods-and-services list (class headings that are general
     * indications, "all goods in this class", retail services without the goods…). Default:
     * `GeneralIndications.defaultPolicy` (EU IP offices' Common Communication on the class headings, IP Translator,
     * Praktiker); `{ rules: [] }` checks none.
     */
    generalIndications: Schema.optional(GeneralIndications.Policy),
  }),
  /**
   * Fees (src/fees): schedule files (relative to this file's folder; resolved when loaded), currency, optional tax
   * rate, the environment variable holding the payment gateway's secret (never the secret itself), and optionally the
   * services quoted when a right of each kind is filed.
   */
  fees: Schema.optional(
    Schema.Struct({
      schedules: Schema.NonEmptyArray(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(500))),
      currency: Money.CurrencyCode,
      taxPercent: Schema.optional(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 100 }))),
      /**
       * How invoice and receipt numbers are written (`@ipoffice/fees` NumberFormat: literal A–Z 0–9 . _ - and
       * `{office}`, `{yyyy}`, `{yy}`, `{serial:N}`); default `{office}-{yyyy}-{serial:6}` and
       * `{office}-R-{yyyy}-{serial:6}`. A format without the year numbers on across years.
       */
      invoiceNumber: Schema.optional(NumberFormat.NumberFormat),
      receiptNumber: Schema.optional(NumberFormat.NumberFormat),
      /** Days from an invoice's issue to its due date (the office's practice; default 30): the cashier's overdue. */
      paymentDays: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 366 }))),
      gatewaySecretEnv: Schema.String.check(
        Schema.isPattern(/^[A-Z][A-Z0-9_]{0,99}$/, {
          message: "the name of an environment variable, e.g. IPO_GATEWAY_SECRET",
        }),
      ),
      /**
       * Raise the invoice of every filing made through the e-filing portal with the filing, in its transaction
       * (issue 11 §4); default true. A kind whose filing services are none raises no invoice.
       */
      invoiceOnFiling: Schema.optional(Schema.Boolean),
      /**
       * The payment gateway applicants pay invoices through (decision 0607): `simulator`, the local simulator (a hosted
       * payment page served by the office that calls back with a signed notification; the demo's gateway, never for
       * real money). Absent: no online payment (the demo uses the simulator).
       */
      gateway: Schema.optional(Schema.Literal("simulator")),
      /**
       * The office's rule on filings whose fees stay unpaid (decision 0608), for invoices raised with a portal filing:
       * reminders by e-mail `remindAfterDays` after the invoice's issue, then the workflow action `action` (default
       * `deem_withdrawn`) `withdrawAfterDays` after it, as EPC art. 78(2) with rule 38(1) deems a European application
       * withdrawn when its filing fee is not paid within a month. Absent: unpaid filings are left to staff.
       */
      unpaidFilings: Schema.optional(
        Schema.Struct({
          remindAfterDays: Schema.optional(
            Schema.Array(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 365 }))).check(Schema.isMaxLength(5)),
          ),
          withdrawAfterDays: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 366 })),
          action: Schema.optional(Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_]{0,63}$/))),
        }),
      ),
      filingServices: Schema.optional(
        Schema.Struct({
          trademark: Schema.optional(Schema.Array(Schema.String)),
          patent: Schema.optional(Schema.Array(Schema.String)),
          industrial_design: Schema.optional(Schema.Array(Schema.String)),
          utility_model: Schema.optional(Schema.Array(Schema.String)),
        }),
      ),
    }),
  ),
  /**
   * Accounts and access (src/auth): the permission matrix (role → permissions; default in src/auth/permissions.ts),
   * session lifetimes, sign-in lockout, the longest an API token may live, and the password hashing cost (log2 of
   * scrypt's N). Checked at load: unknown roles and permissions are errors naming their path.
   */
  access: Schema.optional(
    Schema.Struct({
      permissions: Schema.optional(Schema.Record(Schema.String, Schema.Array(Schema.String))),
      sessions: Schema.optional(
        Schema.Struct({
          idleMinutes: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1440 }))),
          absoluteHours: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 720 }))),
        }),
      ),
      lockout: Schema.optional(
        Schema.Struct({
          attempts: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 }))),
          minutes: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1440 }))),
          addressAttempts: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))),
          addressWindowMinutes: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1440 }))),
        }),
      ),
      tokens: Schema.optional(
        Schema.Struct({ maxDays: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 3660 }))) }),
      ),
      passwordCost: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 14, maximum: 20 }))),
    }),
  ),
  /**
   * The e-filing portal's applicant and agent accounts (src/efiling/Filers.ts, decision 0602). `accountRequired`:
   * filing through the portal's form needs a signed-in account (default false: anyone may file, and a signed-in
   * account's filings are its own). `outboxPage`: serve the local outbox page `/outbox` listing the e-mails the office
   * wrote (default false; the demo turns it on). `mail`: the sender address and the environment variable holding the
   * SMTP URL (`smtps://user:password@host:465`); without it, e-mails go to `<data dir>/outbox.jsonl`, else the log.
   * `publicUrl`: the address the e-mails' links start with (default: the address of the request that caused them;
   * set it when the office is reached through a proxy or by several names).
   */
  efiling: Schema.optional(
    Schema.Struct({
      accountRequired: Schema.optional(Schema.Boolean),
      outboxPage: Schema.optional(Schema.Boolean),
      publicUrl: Schema.optional(Schema.String.check(Schema.isPattern(/^https?:\/\/[^\s/?#]+$/))),
      mail: Schema.optional(
        Schema.Struct({
          from: Schema.optional(Schema.String.check(Schema.isMaxLength(254))),
          smtpUrlEnv: Schema.optional(Schema.String.check(Schema.isPattern(/^[A-Z][A-Z0-9_]{0,63}$/))),
        }),
      ),
    }),
  ),
  /**
   * HTTP (src/http): how many proxies in front of the app add to `X-Forwarded-For` (`trustProxy`; default none: the
   * socket's address is the client's), and the rate limits per client address (each defaults to
   * `defaultRateLimits`; `false` turns one off).
   */
  http: Schema.optional(
    Schema.Struct({
      trustProxy: Schema.optional(
        Schema.Union([Schema.Boolean, Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10 }))]),
      ),
      rateLimits: Schema.optional(
        Schema.Struct({
          search: Schema.optional(RateLimitSetting),
          validation: Schema.optional(RateLimitSetting),
          uploads: Schema.optional(RateLimitSetting),
          forms: Schema.optional(RateLimitSetting),
        }),
      ),
    }),
  ),
  /**
   * Madrid desk (src/madrid): whether the office's country is a member of the Madrid Protocol, its declarations
   * (art. 5(2)(b): 18-month refusal time limit; art. 5(2)(c): refusals based on an opposition after the 18 months),
   * the offices whose IB transactions this deployment accepts (default: the office code), and the file of individual
   * fees for the fee calculator (relative to this file's folder; the package's documented JSON format).
   */
  madrid: Schema.optional(
    Schema.Struct({
      member: Schema.Boolean,
      declaration518b: Schema.Boolean,
      declaration52c: Schema.Boolean,
      hostedOffices: Schema.optional(Schema.NonEmptyArray(Country.CountryCode)),
      individualFees: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(500))),
      /**
       * What a provisional refusal says about its review (Rule 17(2)(vii)): the months for a request for review or
       * appeal (the examiner's form starts with it; without it, each refusal states its own), the authority to which
       * it is made (default: the office, by its name) and whether it must be filed through a representative with an
       * address in the territory (default: not stated).
       */
      refusalReview: Schema.optional(
        Schema.Struct({
          months: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 24 }))),
          authority: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(1000))),
          localRepresentativeRequired: Schema.optional(Schema.Boolean),
        }),
      ),
      /** Where the declarations were read, and whether they still need checking. */
      source: Schema.optional(Schema.String.check(Schema.isMaxLength(1000))),
    }),
  ),
  /**
   * Extractions for WIPO's global databases (src/extraction, decision 0801): the folder the data drop is written to
   * (relative to this file's folder; resolved when loaded), whether the server writes each day's update by itself
   * (`daily`, default true), and the records per XML file and per ZIP (defaults 1,000 and 10,000).
   */
  /**
   * Imports from another system (src/exchange, decision 0805): `statuses` translates a status an ST.96 file gives
   * (an ST.96 mark current status category, an ST.27 key event code, a design application status category, or another
   * office's own code) into a state of the office's workflow of that kind, e.g. `trademark: { LIVE: registered }`.
   * Without an entry, a value that is a category of one of the workflow's states goes to the first such state.
   */
  imports: Schema.optional(
    Schema.Struct({
      /**
       * Days an import job's record (its chunks and checkpoints) is kept after its last change before the hourly
       * housekeeping forgets it (default 90); what it imported stays.
       */
      jobRetentionDays: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 3650 }))),
      statuses: Schema.optional(
        Schema.Struct({
          trademark: Schema.optional(Schema.Record(Schema.String, Schema.String)),
          patent: Schema.optional(Schema.Record(Schema.String, Schema.String)),
          industrial_design: Schema.optional(Schema.Record(Schema.String, Schema.String)),
          utility_model: Schema.optional(Schema.Record(Schema.String, Schema.String)),
        }),
      ),
    }),
  ),
  /**
   * ST.27 legal status of patents and utility models from the office's history (decision 0806): per kind, the ST.27
   * key and detailed event (and indicator) of an event (a workflow action, `file`, `import` or a userdoc type; or
   * `omit`), and the ST.27 state and stage of a workflow state, replacing the default read from the workflow
   * (`LegalStatusMapping.defaultMapping`). Checked at load against the kind's workflow, naming the path.
   */
  legalStatus: Schema.optional(
    Schema.Struct({
      patent: Schema.optional(LegalStatusMapping.Override),
      utility_model: Schema.optional(LegalStatusMapping.Override),
    }),
  ),
  extraction: Schema.optional(
    Schema.Struct({
      folder: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(1000)),
      daily: Schema.optional(Schema.Boolean),
      recordsPerFile: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100_000 }))),
      recordsPerZip: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 50_000 }))),
    }),
  ),
  /**
   * Staff sign-in. `oidc` (src/auth/OidcConfig.ts): single sign-on through the office's OpenID Connect provider —
   * issuer, client id, the environment variable holding the client secret, scopes, the groups claim, provider group →
   * office roles, optional allowed groups and button labels.
   */
  auth: Schema.optional(
    Schema.Struct({
      oidc: Schema.optional(OidcSettings),
    }),
  ),
  /**
   * Certificates and letters (decision 0901): `templates` per kind (`certificate`, `formality-objection`,
   * `provisional-refusal`, `grant`, `renewal-reminder`) and language, replacing the shipped ones of
   * `@ipoffice/documents`; checked at load (shape, placeholders of each kind) with the path of each problem.
   */
  documents: Schema.optional(
    Schema.Struct({
      templates: Schema.optional(Schema.Unknown),
    }),
  ),
});
export type OfficeConfig = typeof OfficeConfig.Type;

/** The office's own document templates (validated when the configuration loaded); none by default. */
export const documentTemplatesOf = (config: OfficeConfig): Template.Templates => {
  const templates = config.documents?.templates;
  if (templates === undefined) return {};
  const decoded = Template.decode(templates, "documents.templates");
  return Result.isSuccess(decoded) ? decoded.success : {};
};

const documentIssues = (config: OfficeConfig): FieldIssue[] => {
  const templates = config.documents?.templates;
  if (templates === undefined) return [];
  const decoded = Template.decode(templates, "documents.templates");
  if (Result.isFailure(decoded)) return decoded.failure.issues.map((i) => ({ path: i.path, message: i.message }));
  const issues: FieldIssue[] = [];
  for (const [kind, byLanguage] of Object.entries(decoded.success))
    for (const language of Object.keys(byLanguage ?? {}))
      if (!config.office.languages.includes(language))
        issues.push({
          path: `documents.templates.${kind}.${language}`,
          message: `not a language of the office (office.languages: ${config.office.languages.join(", ")})`,
        });
  return issues;
};

/** The kinds of right the office handles: `office.kinds`, default all four. */
export const kindsOf = (config: OfficeConfig): ReadonlyArray<IpKind> => config.office.kinds ?? IpKind.literals;

/** Whether the office runs a product (`office.products`): the Madrid desk, e-filing… */
export const hasProduct = (config: OfficeConfig, product: typeof Product.Type): boolean =>
  config.office.products.includes(product);

/** The rate limit of a group: the office's setting, else the default. */
export const rateLimitOf = (config: OfficeConfig, group: RateLimitGroup): RateLimitSetting =>
  config.http?.rateLimits?.[group] ?? defaultRateLimits[group];

/**
 * The office's calendar date at an instant, in its time zone (checked when the configuration loads, so the UTC date
 * is only a formal fallback). Every "today" of the office (time limits, countdowns, invoices) comes from here.
 */
export const todayIn = (timeZone: string, instant: Date): Calendar.IsoDate =>
  Result.getOrElse(Calendar.today(instant, timeZone), () => instant.toISOString().slice(0, 10) as Calendar.IsoDate);

export class OfficeConfigInvalid extends Data.TaggedError("OfficeConfigInvalid")<{
  readonly file: string;
  readonly issues: ReadonlyArray<ConfigIssue>;
}> {
  override get message(): string {
    return `office configuration ${this.file} is invalid:\n${this.issues.map((i) => `  ${i.path || "(file)"}: ${i.message}${i.fix ? ` (fix: ${i.fix})` : ""}`).join("\n")}`;
  }
}

/**
 * The problems as a person reads them at start: the file, then each problem numbered with its path, what is wrong
 * and the fix (decision 0694).
 */
export const describeInvalid = (error: OfficeConfigInvalid): string => {
  const count = error.issues.length;
  const lines = [
    `The office configuration ${error.file} has ${count} ${count === 1 ? "problem" : "problems"}; the office was not started.`,
    "",
  ];
  error.issues.forEach((issue, i) => {
    lines.push(`  ${i + 1}. ${issue.path || "(the file)"}`);
    lines.push(`     ${issue.message}`);
    if (issue.fix) lines.push(`     fix: ${issue.fix}`);
  });
  lines.push(
    "",
    "Each path is a field of the file (a.b[0] is the first item of b under a). See docs/configuration.md.",
  );
  return lines.join("\n");
};

/** Checks the rules a schema cannot express alone (the default language is offered and named, …). */
const crossCheck = (config: OfficeConfig): ConfigIssue[] => {
  const issues: ConfigIssue[] = [];
  if (!config.office.languages.includes(config.office.defaultLanguage)) {
    issues.push({
      path: "office.defaultLanguage",
      message: "must be one of office.languages",
      fix: `write one of ${config.office.languages.join(", ")}`,
    });
  }
  for (const lang of config.office.languages) {
    if (!config.office.names[lang])
      issues.push({
        path: `office.names.${lang}`,
        message: "missing name for an offered language",
        fix: `add the office's name in "${lang}" under office.names`,
      });
  }
  try {
    new Intl.DateTimeFormat("en", { timeZone: config.office.timeZone });
  } catch {
    issues.push({
      path: "office.timeZone",
      message: `unknown IANA time zone "${config.office.timeZone}"`,
      fix: "write an IANA zone such as Asia/Muscat, Asia/Amman or Europe/Sofia",
    });
  }
  for (const kind of IpKind.literals) {
    const given = config.workflows?.[kind];
    if (given === undefined) continue;
    const decoded = Workflow.decode(given);
    if (Result.isFailure(decoded)) {
      for (const p of decoded.failure.problems) {
        issues.push({ path: ["workflows", kind, ...p.path].join("."), message: p.message });
      }
    } else if (decoded.success.kind !== kind) {
      issues.push({ path: `workflows.${kind}.kind`, message: `a workflow for ${kind} must have kind "${kind}"` });
    }
  }
  if (issues.length === 0) {
    // The rules applied to each workflow must leave it valid (a renewal window shorter than the term…).
    for (const kind of IpKind.literals) {
      const window = config.rules?.renewal?.[kind];
      if (window === undefined) continue;
      const adapted = Workflow.withRenewalWindow(baseWorkflow(config, kind), window);
      if (!adapted.actions.some((a) => a.effects?.renew?.window !== undefined)) {
        issues.push({
          path: `rules.renewal.${kind}`,
          message: `the ${kind} workflow (${adapted.id}) has no renewal action with a window`,
        });
        continue;
      }
      for (const p of Workflow.validate(adapted)) {
        const field = p.path.at(-1);
        issues.push({
          path:
            typeof field === "string" && field in window ? `rules.renewal.${kind}.${field}` : `rules.renewal.${kind}`,
          message: p.message,
        });
      }
    }
  }
  if (issues.length === 0) {
    for (const kind of ["patent", "utility_model"] as const) {
      const rule = config.rules?.annuities?.[kind];
      if (rule?.beforeGrant !== true) continue;
      const base = baseWorkflow(config, kind);
      const adapted = Workflow.withAnnuitiesBeforeGrant(base, rule.firstYear);
      if (adapted === base) {
        issues.push({
          path: `rules.annuities.${kind}.beforeGrant`,
          message: `the ${kind} workflow (${base.id}) has no annual-fee action with a window or no deem_withdrawn action`,
        });
      } else {
        for (const p of Workflow.validate(adapted)) {
          issues.push({ path: `rules.annuities.${kind}.beforeGrant`, message: p.message });
        }
      }
    }
  }
  if (issues.length === 0) issues.push(...timeLimitIssues(config));
  if (config.access?.permissions !== undefined && issues.length === 0) {
    issues.push(
      ...checkPermissionMatrix(config.access.permissions, assignableRoles(Object.values(workflowsOf(config)))),
    );
  }
  if (config.desks !== undefined && issues.length === 0) {
    const workflows = Object.values(workflowsOf(config));
    issues.push(...desksIssues(config.desks, workflows, assignableRoles(workflows)));
  }
  if (config.auth?.oidc !== undefined) issues.push(...oidcSettingsIssues(config.auth.oidc, config.office.languages));
  issues.push(...documentIssues(config));
  if (issues.length === 0) issues.push(...importStatusIssues(config));
  if (issues.length === 0) issues.push(...legalStatusIssues(config));
  if (issues.length === 0) issues.push(...publicationIssues(config));
  return [...structuralIssues(config), ...issues];
};

/** The time limit overrides must each name a state with a time limit making that action due, and give a length. */
const timeLimitIssues = (config: OfficeConfig): ConfigIssue[] =>
  IpKind.literals.flatMap((kind) => {
    const overrides = config.rules?.timeLimits?.[kind] ?? [];
    if (overrides.length === 0) return [];
    const base = workflowsWithout(config, kind);
    const issues: ConfigIssue[] = [];
    overrides.forEach((o, i) => {
      const path = `rules.timeLimits.${kind}[${i}]`;
      const state = base.states.find((s) => s.id === o.state);
      const limits = base.states.flatMap((s) => (s.timeLimits ?? []).map((t) => `${s.id} → ${t.action}`));
      if (state === undefined || !(state.timeLimits ?? []).some((t) => t.action === o.action)) {
        issues.push({
          path,
          message: `the ${kind} workflow (${base.id}) has no time limit in state "${o.state}" making "${o.action}" due`,
          fix: `name one of its time limits: ${limits.slice(0, 12).join("; ")}`,
        });
      } else if (o.years === undefined && o.months === undefined && o.days === undefined) {
        issues.push({ path, message: "no length given", fix: "give years, months or days" });
      }
    });
    if (issues.length > 0) return issues;
    return Workflow.validate(withTimeLimits(base, overrides)).map((p) => ({
      path: `rules.timeLimits.${kind}`,
      message: p.message,
    }));
  });

/** The workflow with the time limits changed as the overrides say (each keeps its start date). */
const withTimeLimits = (def: Workflow.Definition, overrides: ReadonlyArray<TimeLimitOverride>): Workflow.Definition =>
  overrides.length === 0
    ? def
    : {
        ...def,
        states: def.states.map((state) => {
          const mine = overrides.filter((o) => o.state === state.id);
          if (mine.length === 0 || state.timeLimits === undefined) return state;
          return {
            ...state,
            timeLimits: state.timeLimits.map((t) => {
              const o = mine.find((m) => m.action === t.action);
              if (o === undefined) return t;
              const { years: _y, months: _m, days: _d, ...rest } = t;
              return {
                ...rest,
                ...(o.years === undefined ? {} : { years: o.years }),
                ...(o.months === undefined ? {} : { months: o.months }),
                ...(o.days === undefined ? {} : { days: o.days }),
              };
            }),
          };
        }),
      };

/** Every status translation of `imports.statuses` must name a state of the kind's workflow. */
const importStatusIssues = (config: OfficeConfig): FieldIssue[] => {
  const workflows = workflowsOf(config);
  return IpKind.literals.flatMap((kind): FieldIssue[] =>
    Object.entries(config.imports?.statuses?.[kind] ?? {}).flatMap(([from, to]): FieldIssue[] =>
      workflows[kind].states.some((s) => s.id === to)
        ? []
        : [
            {
              path: `imports.statuses.${kind}.${from}`,
              message: `"${to}" is not a state of the ${kind} workflow (${workflows[kind].id}): ${workflows[kind].states.map((s) => s.id).join(", ")}`,
            },
          ],
    ),
  );
};

/** The ST.27 mapping of `legalStatus.<kind>` must name actions (or userdoc types) and states of the kind's workflow. */
const legalStatusIssues = (config: OfficeConfig): FieldIssue[] => {
  const workflows = workflowsOf(config);
  return (["patent", "utility_model"] as const).flatMap((kind): FieldIssue[] => {
    const override = config.legalStatus?.[kind];
    if (override === undefined) return [];
    const userdocs = Userdoc.typesFor(kind).map((t) => t.id);
    return LegalStatusMapping.overrideIssues(workflows[kind], override, userdocs).map((i) => ({
      path: `legalStatus.${kind}.${i.path}`,
      message: i.message,
    }));
  });
};

/** The ST.27 mapping of a kind: the workflow's default, then the office's `legalStatus.<kind>`. */
export const legalStatusMappingOf = (
  config: OfficeConfig,
  kind: "patent" | "utility_model",
): LegalStatusMapping.Mapping =>
  LegalStatusMapping.withOverride(
    LegalStatusMapping.defaultMapping(workflowsOf(config)[kind]),
    config.legalStatus?.[kind],
  );

/**
 * A kind whose rule names only milestones its workflow never records (no action recording the publication or the
 * registration) would never be public: refused, naming the path.
 */
const publicationIssues = (config: OfficeConfig): FieldIssue[] => {
  const workflows = workflowsOf(config);
  const rule = publicationRuleOf(config);
  return IpKind.literals.flatMap((kind): FieldIssue[] => {
    const milestones = Publication.milestonesOf(rule[kind]);
    const recorded = (effect: "publication" | "registration") =>
      workflows[kind].actions.some((a) => a.effects?.[effect] === true);
    const reachable = milestones.some((m) => m === "filing" || recorded(m));
    return reachable
      ? []
      : [
          {
            path: `publication.${kind}.from`,
            message: `the ${kind} workflow (${workflows[kind].id}) has no action recording ${milestones.join(" or ")}: its rights would never be public`,
          },
        ];
  });
};

/** The publication rule of each kind: the office's where it set one, otherwise `Publication.defaults`. */
export const publicationRuleOf = (config: OfficeConfig): Publication.Rule => ({
  trademark: config.publication?.trademark ?? Publication.defaults.trademark,
  patent: config.publication?.patent ?? Publication.defaults.patent,
  industrial_design: config.publication?.industrial_design ?? Publication.defaults.industrial_design,
  utility_model: config.publication?.utility_model ?? Publication.defaults.utility_model,
});

const baseWorkflow = (config: OfficeConfig, kind: IpKind): Workflow.Definition => {
  const given = config.workflows?.[kind];
  if (given === undefined) return Workflow.defaults[kind];
  return Result.getOrThrow(Workflow.decode(given));
};

/**
 * The workflow of each kind: the office's own where it configured one, otherwise the default; with the office's
 * renewal window and first annual-fee year (`rules`) applied.
 */
export const workflowsOf = (config: OfficeConfig): Record<IpKind, Workflow.Definition> => {
  const pick = (kind: IpKind): Workflow.Definition =>
    withTimeLimits(workflowsWithout(config, kind), config.rules?.timeLimits?.[kind] ?? []);
  return {
    trademark: pick("trademark"),
    patent: pick("patent"),
    industrial_design: pick("industrial_design"),
    utility_model: pick("utility_model"),
  };
};

/** The workflow of a kind with the office's renewal and annuity rules, before its time-limit overrides. */
const workflowsWithout = (config: OfficeConfig, kind: IpKind): Workflow.Definition => {
  let def = baseWorkflow(config, kind);
  const window = config.rules?.renewal?.[kind];
  if (window !== undefined) def = Workflow.withRenewalWindow(def, window);
  const annuities = kind === "patent" || kind === "utility_model" ? config.rules?.annuities?.[kind] : undefined;
  if (annuities !== undefined) def = Workflow.withFirstAnnuityYear(def, annuities.firstYear);
  if (annuities?.beforeGrant === true) def = Workflow.withAnnuitiesBeforeGrant(def, annuities.firstYear);
  return def;
};

/**
 * Decodes a configuration's text: the configuration with its file paths resolved against the file's folder (absent
 * when the text is not a configuration at all) and every problem the schema and the cross-checks find.
 */
const decodeOfficeConfig = (
  text: string,
  file: string,
): { readonly config?: OfficeConfig; readonly issues: ReadonlyArray<ConfigIssue> } => {
  let raw: unknown;
  try {
    raw = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: 100 });
  } catch (error) {
    return {
      issues: [{ path: "", message: String(error), fix: "correct the YAML or JSON syntax at the place named" }],
    };
  }
  const decoded = decodeAll(OfficeConfig, raw);
  if (Result.isFailure(decoded)) return { issues: decoded.failure };
  const base = dirname(resolve(file));
  const at = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  const madrid = decoded.success.madrid;
  const withMadrid: OfficeConfig =
    madrid?.individualFees === undefined
      ? decoded.success
      : { ...decoded.success, madrid: { ...madrid, individualFees: at(madrid.individualFees) } };
  const extraction = withMadrid.extraction;
  const withExtraction: OfficeConfig =
    extraction === undefined
      ? withMadrid
      : { ...withMadrid, extraction: { ...extraction, folder: at(extraction.folder) } };
  const catalogs = withExtraction.office.catalogs;
  const withCatalogs: OfficeConfig =
    catalogs === undefined
      ? withExtraction
      : { ...withExtraction, office: { ...withExtraction.office, catalogs: at(catalogs) } };
  const assets = withCatalogs.assets;
  const withAssets: OfficeConfig =
    assets === undefined ? withCatalogs : { ...withCatalogs, assets: { ...assets, folder: at(assets.folder) } };
  const fees = withAssets.fees;
  const schedules = fees?.schedules.map(at);
  const config: OfficeConfig =
    fees === undefined || schedules === undefined
      ? withAssets
      : { ...withAssets, fees: { ...fees, schedules: [schedules[0] ?? "", ...schedules.slice(1)] } };
  return { config, issues: crossCheck(config) };
};

export const parseOfficeConfig = (text: string, file: string): Result.Result<OfficeConfig, OfficeConfigInvalid> => {
  const { config, issues } = decodeOfficeConfig(text, file);
  return config !== undefined && issues.length === 0
    ? Result.succeed(config)
    : Result.fail(new OfficeConfigInvalid({ file, issues }));
};

/**
 * Reads, decodes and checks an office configuration with every file it names. `now` (default: the current time) gives
 * the office's date for the check that a fee schedule is in force.
 */
export const loadOfficeConfig = async (
  file: string,
  options: { readonly now?: Date } = {},
): Promise<Result.Result<OfficeConfig, OfficeConfigInvalid>> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return Result.fail(
      new OfficeConfigInvalid({
        file,
        issues: [
          {
            path: "",
            message: `cannot read: ${error instanceof Error ? error.message : String(error)}`,
            fix: "name an existing YAML or JSON file in IPO_OFFICE_CONFIG",
          },
        ],
      }),
    );
  }
  // Every problem at once: the files a decoded configuration names are checked even when its fields have problems.
  const { config, issues } = decodeOfficeConfig(text, file);
  if (config === undefined) return Result.fail(new OfficeConfigInvalid({ file, issues }));
  const schedules = config.fees === undefined ? Result.succeed([]) : loadFeeSchedules(config.fees, config.office.code);
  const today = todayIn(config.office.timeZone, options.now ?? new Date());
  const all = [
    ...issues,
    ...(Result.isFailure(schedules) ? schedules.failure : fileIssues(config, schedules.success, today)),
    ...(config.assets === undefined ? [] : (await loadOfficeAssets(config.assets)).issues),
  ];
  return all.length > 0 ? Result.fail(new OfficeConfigInvalid({ file, issues: all })) : Result.succeed(config);
};

/** The sample configuration shipped with the reference office. */
export const defaultConfigFile = new URL("../../config/offices/om.yaml", import.meta.url).pathname;
