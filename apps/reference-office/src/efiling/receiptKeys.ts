/**
 * The receipt link the filer is sent to carries a key: an HMAC of the number with a secret of this process (one per
 * app). Whoever holds the link sees the filing as filed and may pay its invoice; anyone else reads it as the public,
 * for whom an application not yet published is not found (decision 0680). The link works until the server restarts,
 * and afterwards once the right is public; an account's own filings are its lasting way back.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { AreaContext } from "../Area.js";

export interface ReceiptKeys {
  readonly key: (number: string) => string;
  readonly holds: (number: string, key: string | undefined) => boolean;
}

const byContext = new WeakMap<AreaContext, ReceiptKeys>();

export const receiptKeys = (ctx: AreaContext): ReceiptKeys => {
  const known = byContext.get(ctx);
  if (known !== undefined) return known;
  const secret = randomBytes(32);
  const key = (number: string) => createHmac("sha256", secret).update(number).digest("base64url");
  const made: ReceiptKeys = {
    key,
    holds: (number, given) => {
      if (given === undefined) return false;
      const expected = Buffer.from(key(number));
      const bytes = Buffer.from(given);
      return bytes.length === expected.length && timingSafeEqual(bytes, expected);
    },
  };
  byContext.set(ctx, made);
  return made;
};
