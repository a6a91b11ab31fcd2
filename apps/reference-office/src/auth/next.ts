/**
 * Where to go after signing in: a local path only, else nothing. Never `//host` or `/\host` (which browsers read as
 * another host), nor their percent-encoded forms, nor a scheme, nor the sign-in page itself.
 */
export const safeNext = (next: unknown): string | undefined => {
  if (typeof next !== "string" || !/^\/\S{0,500}$/.test(next) || next.includes("\u0000")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return undefined;
  }
  if (/^[/\\][/\\]/.test(decoded) || /^[/\\]{2}|^\/[/\\]/.test(next) || decoded.startsWith("/sign-in"))
    return undefined;
  return next;
};
