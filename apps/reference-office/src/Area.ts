/**
 * An area of the reference office (e-filing, Madrid desk, fees…) plugs in here: its JSON API routes (mounted under
 * `/api/v1`, documented by its operations in the OpenAPI document) and its pages (mounted at `/`). Areas are listed
 * in `areas.ts`; each lives in its own folder and shares the database, configuration, logger and clock.
 */
import type { Calendar } from "@ipoffice/domain";
import type { Clock, Effect, Result } from "effect";
import type { Context as HonoContext, Hono } from "hono";
import type { Kysely } from "kysely";
import type { OperationSpec } from "./api/openapi.js";
import type { RouteAccess } from "./http/access.js";
import type { OfficeConfig } from "./config/OfficeConfig.js";
import type { Database } from "./db/schema.js";
import type { GatewaySecret } from "./fees/OfficeFees.js";
import type { Logger } from "./Logger.js";
import type { ReferenceData } from "./ReferenceData.js";
import type { Accounts } from "./auth/Accounts.js";
import type { Rights } from "./rights/Rights.js";
import type { Designations } from "./madrid/Designations.js";
import type { Search } from "./search/Search.js";
import type { Filers } from "./efiling/Filers.js";
import type { Outbox } from "./outbox/Outbox.js";

/** The app's services every area's effects may use. */
export type Services = Rights | Accounts | Search | Designations | Filers | Outbox;

export interface AreaContext {
  readonly db: Kysely<Database>;
  readonly config: OfficeConfig;
  readonly logger: Logger;
  readonly reference: ReferenceData;
  /** Runs an effect with the app's services (Rights) and clock; never rejects for a typed failure. */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Services>) => Promise<Result.Result<A, E>>;
  /** The current instant from the app's clock (tests fix it). */
  readonly now: () => Date;
  /** The app's clock when it replaces the system's (tests), for work run outside `run` (an import job). */
  readonly clock?: Clock.Clock | undefined;
  /** The office's date now, in its time zone. */
  readonly today: () => Calendar.IsoDate;
  /** The payment gateway's webhook secret as the server resolved it (absent: from the environment variable only). */
  readonly gatewaySecret?: GatewaySecret | undefined;
  /**
   * Runs a read for a request: the public's go to a read replica that has replayed the client's last write, when the
   * office has replicas (decision 0690); staff reads and everything else run as `run` does, on the primary.
   */
  readonly runRead: <A, E>(c: HonoContext, effect: Effect.Effect<A, E, Services>) => Promise<Result.Result<A, E>>;
}

export interface Area {
  readonly name: string;
  /**
   * Whether the office runs this area (its products, its fees): a disabled area has no routes, no API operations and
   * no declared access, so its paths answer 404. Absent: always.
   */
  readonly enabled?: (config: OfficeConfig) => boolean;
  /** JSON API routes, mounted under `/api/v1` (write paths relative to it, e.g. `/nice/terms`). */
  readonly api?: (ctx: AreaContext) => Hono;
  /**
   * API paths (relative to `/api/v1`, e.g. `/madrid/transactions`) whose routes enforce their own, larger body limit
   * (uploads); every other API route is held to the app's default limit.
   */
  readonly ownBodyLimit?: ReadonlyArray<string>;
  /** Page paths (e.g. `/madrid/import`) whose routes enforce their own, larger body limit; likewise. */
  readonly ownPageBodyLimit?: ReadonlyArray<string>;
  /** What `api` serves, for the OpenAPI document. */
  readonly operations?: ReadonlyArray<OperationSpec>;
  /** Pages and other routes, mounted at `/`. */
  readonly pages?: (ctx: AreaContext) => Hono;
  /** Who may call each page route (the app refuses to start with a route that declares nothing). */
  readonly pageRoutes?: ReadonlyArray<RouteAccess>;
}
