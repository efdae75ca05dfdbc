/**
 * Checks that both the schemas (at the edge) and the domain or infra (at build time) apply. Kept here,
 * beside shared/limits.ts, so that shared/schemas never imports shared/domain.
 */

/** Whether `timeZone` is an IANA time zone the runtime knows, such as Europe/Prague. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A browser origin as it arrives in the `Origin` header, compared exactly: scheme, host and port, lower case, no path
 * and no trailing slash (`https://www.example.com`, `http://localhost:3001`). `null` (a sandboxed or file: page) is
 * never one.
 */
export function isExactOrigin(origin: string): boolean {
  if (!URL.canParse(origin)) return false;
  const parsed = new URL(origin);
  return (parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.origin === origin;
}
