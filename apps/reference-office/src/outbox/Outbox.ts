/**
 * The office's outbox (decision 0603): e-mails are written to the `outbox` table in the same transaction as what causes
 * them (a registration, a password reset), so a message exists exactly when its cause was committed (the transactional
 * outbox pattern). The sender service takes the messages not yet sent, hands each to a transport and marks it sent;
 * a failed send is counted and tried again on the next run (at most `maxAttempts` times).
 *
 * Transports: a file of JSON lines (the default with a data directory), the log (without one), and SMTP through
 * nodemailer when the office names the environment variable holding its SMTP URL (`efiling.mail.smtpUrlEnv`) and
 * that variable is set. The demo and the tests read the table itself on the local outbox page (`/outbox`).
 */
import { randomUUID } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { Clock, Context, Effect, Layer } from "effect";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import type { Logger } from "../Logger.js";
import { DatabaseError } from "../rights/Rights.js";

/** One e-mail as the office writes it. */
export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The link the message carries (confirmation, reset), shown apart on the local outbox page. */
  readonly link?: string | undefined;
}

export interface OutboxMessage extends Mail {
  readonly id: string;
  readonly createdAt: string;
  readonly sentAt: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
}

/** Where sent messages go. `send` rejects when the message could not be handed over. */
export interface Transport {
  readonly name: string;
  readonly send: (mail: Mail & { readonly id: string; readonly from: string }) => Promise<void>;
}

/** Appends each message as one JSON line to a file (the demo's default: `<data dir>/outbox.jsonl`). */
export const fileTransport = (path: string): Transport => ({
  name: `file ${path}`,
  send: async (mail) => {
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, `${JSON.stringify({ ...mail, at: new Date().toISOString() })}\n`, "utf8");
  },
});

/** Writes each message to the log (at info level): for a server with no data directory and no SMTP. */
export const logTransport = (logger: Logger): Transport => ({
  name: "log",
  send: async (mail) => {
    logger.info({ mail: { id: mail.id, to: mail.to, subject: mail.subject, link: mail.link } }, "outbox message");
  },
});

/** SMTP through nodemailer, from a connection URL (`smtps://user:pass@host:465`). */
export const smtpTransport = async (url: string): Promise<Transport> => {
  const nodemailer = await import("nodemailer");
  const transporter = nodemailer.createTransport(url);
  return {
    name: "smtp",
    send: async (mail) => {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
};

type Db = Kysely<Database> | Transaction<Database>;

/** Writes a message to the outbox: call it inside the transaction of what causes it. */
export const enqueue = async (db: Db, officeCode: string, mail: Mail, at: Date): Promise<string> => {
  const id = randomUUID();
  await db
    .insertInto("outbox")
    .values({
      id,
      office_code: officeCode,
      recipient: mail.to,
      subject: mail.subject,
      body: mail.text,
      link: mail.link ?? null,
      created_at: at,
      sent_at: null,
      last_error: null,
    })
    .execute();
  return id;
};

export interface SendReport {
  readonly sent: number;
  readonly failed: number;
}

export interface OutboxShape {
  readonly transport: string;
  /** Hands the messages not yet sent (oldest first, at most `limit`) to the transport. */
  readonly sendPending: (limit?: number) => Effect.Effect<SendReport, DatabaseError>;
  /** The latest messages, newest first (the local outbox page). */
  readonly latest: (limit: number) => Effect.Effect<ReadonlyArray<OutboxMessage>, DatabaseError>;
}

export class Outbox extends Context.Service<Outbox, OutboxShape>()("ipoffice/Outbox") {}

const query = <A>(run: () => Promise<A>): Effect.Effect<A, DatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export const makeOutbox = (
  db: Kysely<Database>,
  options: { readonly officeCode: string; readonly from: string; readonly transport: Transport; maxAttempts?: number },
): OutboxShape => {
  const maxAttempts = options.maxAttempts ?? 10;
  const sendPending: OutboxShape["sendPending"] = (limit = 100) =>
    Effect.gen(function* () {
      const rows = yield* query(() =>
        db
          .selectFrom("outbox")
          .selectAll()
          .where("office_code", "=", options.officeCode)
          .where("sent_at", "is", null)
          .where("attempts", "<", maxAttempts)
          .orderBy("created_at")
          .limit(limit)
          .execute(),
      );
      let sent = 0;
      let failed = 0;
      for (const row of rows) {
        const outcome = yield* Effect.result(
          Effect.tryPromise(() =>
            options.transport.send({
              id: row.id,
              from: options.from,
              to: row.recipient,
              subject: row.subject,
              text: row.body,
              link: row.link ?? undefined,
            }),
          ),
        );
        const at = new Date(yield* Clock.currentTimeMillis);
        if (outcome._tag === "Success") {
          sent += 1;
          yield* query(() =>
            db
              .updateTable("outbox")
              .set((eb) => ({ sent_at: at, attempts: eb("attempts", "+", 1), last_error: null }))
              .where("id", "=", row.id)
              .execute(),
          );
        } else {
          failed += 1;
          const message = String((outcome.failure as { cause?: unknown }).cause ?? outcome.failure).slice(0, 500);
          yield* query(() =>
            db
              .updateTable("outbox")
              .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: message }))
              .where("id", "=", row.id)
              .execute(),
          );
        }
      }
      return { sent, failed };
    });
  const latest: OutboxShape["latest"] = (limit) =>
    query(() =>
      db
        .selectFrom("outbox")
        .selectAll()
        .where("office_code", "=", options.officeCode)
        .orderBy("created_at", "desc")
        .orderBy("id")
        .limit(limit)
        .execute(),
    ).pipe(
      Effect.map((rows) =>
        rows.map(
          (r): OutboxMessage => ({
            id: r.id,
            to: r.recipient,
            subject: r.subject,
            text: r.body,
            link: r.link ?? undefined,
            createdAt: iso(r.created_at) as string,
            sentAt: iso(r.sent_at),
            attempts: r.attempts,
            lastError: r.last_error,
          }),
        ),
      ),
    );
  return { transport: options.transport.name, sendPending, latest };
};

export const OutboxLive = (db: Kysely<Database>, options: Parameters<typeof makeOutbox>[1]) =>
  Layer.succeed(Outbox, makeOutbox(db, options));
