/**
 * What an account's dashboard shows (Ex2, Zadarma, t2): its referral link and invite code, a Facebook
 * share link, and live counters. The code is created on the first read: no registration step.
 */

import { findProgram } from "../data/operator-config-reader.ts";
import { addDays, formatLocalDate, localDay, parseLocalDate } from "../domain/calendar.ts";
import { assertCanAccessAccount, type Principal } from "../domain/principal.ts";
import { NotFoundError } from "../errors.ts";
import { limits } from "../limits.ts";
import type { ReferralOverview } from "../schemas/api.ts";
import { ensureReferralLink } from "./ensure-referral-link.ts";
import type { ReferralOverviewDependencies } from "./referral-dependencies.ts";

/** The public address of a referral link: `<redirect base URL>/r/<code>`. */
export function referralLinkUrl(redirectBaseUrl: string, code: string): string {
  return `${redirectBaseUrl.replace(/\/+$/, "")}/r/${encodeURIComponent(code)}`;
}

/** Facebook's share dialog for a URL (the preview fetch it triggers is not counted as a click). */
export function facebookShareUrl(url: string): string {
  return `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`;
}

/** The operator-local days from `limits.clickStatsDays - 1` days ago to today, oldest first. */
export function statsDays(now: Date, timeZone: string): string[] {
  const today = parseLocalDate(localDay(now, timeZone));
  return Array.from({ length: limits.clickStatsDays }, (_, index) => formatLocalDate(addDays(today, index - (limits.clickStatsDays - 1))));
}

export async function readReferralOverview(
  dependencies: ReferralOverviewDependencies,
  principal: Principal,
  request: { readonly accountId: string; readonly programId: string | undefined; readonly redirectBaseUrl: string },
): Promise<ReferralOverview> {
  assertCanAccessAccount(principal, request.accountId);
  const config = await dependencies.operatorConfigStore.loadOrThrow();
  const program = findProgram(config, request.programId ?? config.defaultProgramId);
  if (!program) throw new NotFoundError(`no program ${request.programId}`);

  const { link } = await ensureReferralLink(dependencies, request.accountId, program.programId);
  const days = statsDays(dependencies.clock.now(), config.timeZone);
  const stats = await dependencies.referralStore.readStats(link.code, days[0]!);
  const url = program.attribution.links ? referralLinkUrl(request.redirectBaseUrl, link.code) : null;
  return {
    accountId: request.accountId,
    programId: program.programId,
    code: link.code,
    inviteCode: link.code,
    link: url,
    facebookShareUrl: url === null ? null : facebookShareUrl(url),
    createdAt: link.createdAt,
    stats: {
      clickCount: stats.code?.clickCount ?? 0,
      signupCount: stats.code?.signupCount ?? 0,
      customerCount: stats.code?.customerCount ?? 0,
      clicksByDay: days.map((day) => ({ day, clickCount: stats.clicksByDay.get(day) ?? 0 })),
    },
  };
}
