/**
 * The one error of single sign-on, with a `reason` the caller switches on to choose what to show. Messages never carry
 * tokens, codes, secrets or the sealed transaction; what comes from the provider is cut to a few hundred characters
 * and stripped of control characters.
 */
import { Data } from "effect";

export type OidcFailureReason =
  /** The callback's `state` is not the one this browser's sign-in started with (or is missing). */
  | "state-mismatch"
  /** The provider answered with an error (`error`, `error_description`), at the callback or at its token endpoint. */
  | "provider-error"
  /** The ID token (or the token response) failed validation: issuer, audience, expiry, signature, nonce… */
  | "token-invalid"
  /** Signed in at the provider, but none of the person's groups maps to an office role. */
  | "no-role"
  /** Signed in at the provider, but not a member of any of `allowedGroups`. */
  | "not-allowed"
  /** The provider's discovery document could not be read (retried at the next sign-in). */
  | "discovery-failed"
  /** The sign-in transaction (cookie) is missing, expired, forged or unreadable. */
  | "transaction-invalid"
  /** `returnTo` is not a local path. */
  | "return-to-invalid"
  /** The office's settings cannot work, e.g. the client secret's environment variable is not set. */
  | "misconfigured";

export class OidcFailed extends Data.TaggedError("OidcFailed")<{
  readonly reason: OidcFailureReason;
  /** What happened, for a person and for the log (never a token). */
  readonly detail: string;
  /** The issuer concerned (discovery failures and every failure after discovery). */
  readonly issuer?: string;
  /** For `provider-error`: the provider's `error` code and `error_description`, each cut to a safe length. */
  readonly error?: string;
  readonly errorDescription?: string;
  /** For `no-role` and `not-allowed`: who signed in at the provider and the groups it sent. */
  readonly subject?: string;
  readonly groups?: ReadonlyArray<string>;
}> {
  override get message(): string {
    return `single sign-on failed (${this.reason}): ${this.detail}`;
  }
}

/** Provider-supplied text made safe to show and log: no control characters, at most `max` characters. */
export const capText = (value: unknown, max = 200): string | undefined => {
  if (typeof value !== "string") return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};
