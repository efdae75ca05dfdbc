/**
 * POST /widget-sessions (public: the widget token in the body is the credential): exchange a widget token, once,
 * for a widget session pinned to the page's origin. Refused with one answer, 401 widget_token_invalid, when the
 * token is unknown, expired or already exchanged (a lost race included); 403 origin_not_allowed when the request
 * does not come from one of the operator's widget.allowedOrigins (the token is then left unexchanged).
 */

import { findProgram } from "../data/operator-config-reader.ts";
import { takesInviteCodes } from "../domain/attribution.ts";
import { periodOf } from "../domain/calendar.ts";
import { settlementRunDayOf } from "../domain/settlement.ts";
import {
  decideWidgetTokenExchange,
  isWidgetSecret,
  newWidgetSecret,
  widgetSecretHash,
  widgetSessionPrefix,
  widgetTokenPrefix,
} from "../domain/widget-sessions.ts";
import { DomainError } from "../errors.ts";
import { widgetLimits } from "../limits.ts";
import type { Program } from "../schemas/operator-config.ts";
import type { WidgetProgram, WidgetSessionResponse } from "../schemas/widget-api.ts";
import type { WidgetSessionDependencies } from "./widget-dependencies.ts";

const invalidToken = () =>
  new DomainError("widget_token_invalid", "the widget token is unknown, expired or already used: ask the page for a new one");

/** What the widget shows of a program: which parts apply, Zadarma's payout thresholds and next settlement, ACTIVE 24's levels (t2's table comes with its discounts). */
export function widgetProgramOf(program: Program, now: Date, timeZone: string): WidgetProgram {
  const open = periodOf(now, timeZone);
  return {
    programId: program.programId,
    name: program.name,
    links: program.attribution.links,
    inviteCodes: takesInviteCodes(program),
    discounts: program.discounts !== undefined,
    payout: program.commission
      ? { thresholds: [...program.commission.payout.thresholds], contractRequired: program.commission.payout.contractRequired }
      : null,
    // The run (settle-commissions, 00:00 on the 1st and the 15th) that settles the open half month, after the program's hold.
    settlement: program.commission
      ? { openPeriodId: open.periodId, nextRunOn: settlementRunDayOf(open, program.commission.holdDays) }
      : null,
    partnerLevels: program.partnerProgram?.levels.length
      ? program.partnerProgram.levels.map((level) => ({
          levelId: level.levelId,
          name: level.name,
          rateBps: level.rateBps,
          activeServicesAsPayerMin: level.conditions.activeServicesAsPayerMin ?? null,
          paidRevenueMin: level.conditions.paidRevenueMin ?? null,
        }))
      : null,
  };
}

export async function openWidgetSession(
  deps: WidgetSessionDependencies,
  request: { readonly token: string; readonly origin: string | undefined },
): Promise<WidgetSessionResponse> {
  const config = await deps.operatorConfigStore.loadOrThrow();
  const tokenHash = widgetSecretHash(request.token);
  const token = isWidgetSecret(request.token, widgetTokenPrefix) ? await deps.widgetCredentialStore.readToken(tokenHash) : undefined;
  const decision = decideWidgetTokenExchange(token, {
    origin: request.origin,
    allowedOrigins: config.widget?.allowedOrigins ?? [],
    now: deps.clock.now(),
    sessionSeconds: widgetLimits.sessionLifetimeSeconds,
  });
  if (decision.outcome === "refused") {
    if (decision.reason === "origin_not_allowed")
      throw new DomainError("origin_not_allowed", "this page's origin may not embed the widget (the operator's widget.allowedOrigins)");
    throw invalidToken();
  }
  const program = findProgram(config, decision.session.programId);
  // The program was removed from the configuration since the token was minted.
  if (!program) throw invalidToken();
  const sessionToken = newWidgetSecret(widgetSessionPrefix, deps.randomBytes);
  const opening = await deps.widgetCredentialStore.openSession(tokenHash, {
    ...decision.session,
    sessionHash: widgetSecretHash(sessionToken),
  });
  if (opening.status !== "opened") throw invalidToken();
  return {
    sessionToken,
    expiresAt: decision.session.expiresAt,
    accountId: decision.session.accountId,
    locale: decision.session.locale,
    timeZone: config.timeZone,
    program: widgetProgramOf(program, deps.clock.now(), config.timeZone),
  };
}
