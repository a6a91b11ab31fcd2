/**
 * Password hashing with scrypt (RFC 7914), the memory-hard function built into Node through OpenSSL (decision 0651).
 * Hashes are stored as PHC strings, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding), so the cost can
 * rise later: a sign-in with an older cost re-hashes the password (`needsRehash`).
 *
 * Cost: N = 2^15, r = 8, p = 1 takes 32 MiB and about 100–300 ms on the project's 2-core machine (the sign-in bench
 * measures it), OWASP's recommended floor being N = 2^17 with r = 8 only where hardware allows it; an office raises
 * `access.passwordCost` on faster hardware.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

export interface HashParams {
  /** log2 of scrypt's N (CPU/memory cost). */
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

export const defaultHashParams: HashParams = { ln: 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Passwords are at least 12 characters (NIST SP 800-63B §3.1.1.2 asks 8 at least, 15 without MFA; offices choose). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer inputs are refused before hashing, so a huge password cannot cost the server more than a normal one. */
export const MAX_PASSWORD_LENGTH = 256;

const b64 = (buffer: Buffer) => buffer.toString("base64").replace(/=+$/, "");

const derive = (password: string, salt: Buffer, params: HashParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const N = 2 ** params.ln;
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_BYTES,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });

export const hashPassword = async (password: string, params: HashParams = defaultHashParams): Promise<string> => {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
};

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,64})\$([A-Za-z0-9+/]{32,128})$/;

const parse = (stored: string): { params: HashParams; salt: Buffer; key: Buffer } | undefined => {
  const m = PHC.exec(stored);
  if (!m) return undefined;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.p < 1) return undefined;
  return { params, salt: Buffer.from(m[4] as string, "base64"), key: Buffer.from(m[5] as string, "base64") };
};

/** Whether `password` matches `stored`, in time that does not depend on where they differ. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const parsed = parse(stored);
  if (parsed === undefined) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
};

export const needsRehash = (stored: string, params: HashParams = defaultHashParams): boolean => {
  const parsed = parse(stored);
  return (
    parsed === undefined || parsed.params.ln < params.ln || parsed.params.r !== params.r || parsed.params.p !== params.p
  );
};

/**
 * A hash of a random password with the same cost, computed once: a sign-in for an account that does not exist is
 * verified against it, so it takes as long as a real one and the answer's timing does not say whether it exists.
 */
let decoy: Promise<string> | undefined;
export const decoyHash = (params: HashParams = defaultHashParams): Promise<string> => {
  decoy ??= hashPassword(randomBytes(24).toString("base64"), params);
  return decoy;
};

/** Why a new password is refused, or undefined when it is acceptable. */
export const passwordProblem = (password: string, username: string): string | undefined => {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.includes("\u0000")) return "no NUL characters";
  if (password.toLowerCase().includes(username.toLowerCase())) return "must not contain the account name";
  return undefined;
};
