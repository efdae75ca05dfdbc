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
