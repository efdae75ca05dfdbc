/**
 * A visitor follows a referral link: decide where to send them, whether the click counts, and whether
 * to remember them with the first-party cookie. Never fails for the visitor once the operator's
 * configuration is known: an unknown code, a bad path or a failed code lookup goes to the home page,
 * and a click that cannot be counted (DynamoDB throttling) is logged and the visitor is redirected
 * anyway.
 *
 * Warm hot path: the operator configuration and the code come from in-memory caches, so a counted
 * click is one DynamoDB request (the click transaction); a repeat carrying the cookie is none.
 */

import { findProgram } from "../data/operator-config-reader.ts";
import { programAcceptsAttribution } from "../domain/attribution.ts";
import { localDay } from "../domain/calendar.ts";
import { classifyVisit, createClickId, isRecentClickOnCode, type UncountedVisitReason, visitorHash } from "../domain/click.ts";
import { buildRedirectTarget, homePageUrl, mayReferralCookieBeSet } from "../domain/redirect-target.ts";
import { normalizeReferralCode } from "../domain/referral-code.ts";
import { logger } from "../observability.ts";
import type { RedirectDependencies } from "./redirect-dependencies.ts";

export interface LinkVisit {
  readonly method: string;
  /** The code as the visitor wrote it (shared/domain/pasted-link.ts took the link apart). */
  readonly rawCode: string | undefined;
  /** What follows /r/<code>/ (deep link), if anything. */
  readonly deepPath: string | undefined;
  /** The query string without "?", as received. */
  readonly rawQuery: string;
  readonly userAgent: string | undefined;
  readonly sourceIp: string;
  /** The host this service was reached on (decides whether the cookie can be set). */
  readonly requestHost: string;
  /** The value of the `ref` cookie the browser sent, if any. */
  readonly referralCookie: string | undefined;
}

export type LinkVisitResult =
  | "counted"
  | "repeat_by_cookie"
  | "repeat_by_marker"
  | "count_failed"
  | UncountedVisitReason
  | "code_malformed"
  | "code_unknown"
  | "code_inactive"
  | "lookup_failed";

export interface LinkVisitOutcome {
  readonly location: string;
  readonly result: LinkVisitResult;
  /** The click id given to this visitor (in the destination's query), if any. */
  readonly clickId?: string;
  /** Set the referral cookie to the click id for this domain. */
  readonly cookieDomain?: string;
}

export async function followReferralLink(dependencies: RedirectDependencies, visit: LinkVisit): Promise<LinkVisitOutcome> {
  const config = await dependencies.redirectConfigReader.loadOrThrow();
  const site = config.site;
  const code = visit.rawCode === undefined ? undefined : normalizeReferralCode(visit.rawCode);
  if (!code) return { location: homePageUrl(site), result: "code_malformed" };

  let codeItem: Awaited<ReturnType<typeof dependencies.clickStore.resolveCode>>;
  try {
    codeItem = await dependencies.clickStore.resolveCode(code);
  } catch (error) {
    // The table is unavailable (throttling, timeout): the visitor still reaches the site.
    logger.warn("referral code lookup failed", { error: error instanceof Error ? error.name : String(error) });
    return { location: homePageUrl(site), result: "lookup_failed" };
  }
  if (!codeItem) return { location: homePageUrl(site), result: "code_unknown" };
  const program = findProgram(config, codeItem.programId);
  if (codeItem.status !== "active" || !program || !programAcceptsAttribution(program, "link"))
    return { location: homePageUrl(site), result: "code_inactive" };

  const classification = classifyVisit({ method: visit.method, userAgent: visit.userAgent, query: new URLSearchParams(visit.rawQuery) });
  if (classification.kind === "uncounted") {
    // Redirected like anyone else, but no click id and no cookie: this visit can never be attributed.
    return {
      location: buildRedirectTarget(site, { deepPath: visit.deepPath, rawQuery: visit.rawQuery }).url,
      result: classification.reason,
    };
  }

  const now = dependencies.clock.now();
  if (isRecentClickOnCode(dependencies.hashSalt, visit.referralCookie, code, now)) {
    // Counted within 24 hours and already remembered: keep the original click id, write nothing.
    const clickId = visit.referralCookie!;
    return {
      location: buildRedirectTarget(site, { deepPath: visit.deepPath, rawQuery: visit.rawQuery, clickId }).url,
      result: "repeat_by_cookie",
      clickId,
    };
  }

  const clickId = createClickId(dependencies.hashSalt, code, now, dependencies.randomBytes);
  const target = buildRedirectTarget(site, { deepPath: visit.deepPath, rawQuery: visit.rawQuery, clickId });
  let result: LinkVisitResult;
  try {
    const recorded = await dependencies.clickStore.recordClick({
      code,
      visitorHash: visitorHash(dependencies.hashSalt, { sourceIp: visit.sourceIp, userAgent: visit.userAgent ?? "", code }),
      day: localDay(now, config.timeZone),
    });
    result = recorded.counted ? "counted" : "repeat_by_marker";
  } catch (error) {
    // A lost count is better than a lost visitor.
    logger.warn("click not counted", { code, error: error instanceof Error ? error.name : String(error) });
    result = "count_failed";
  }
  const cookieDomain = mayReferralCookieBeSet(site, visit.requestHost, target.url) ? site.cookieDomain : undefined;
  return { location: target.url, result, clickId, ...(cookieDomain ? { cookieDomain } : {}) };
}
