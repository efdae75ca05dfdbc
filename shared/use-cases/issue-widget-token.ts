/**
 * POST /widget-tokens (the operator's backend): a widget token for one account, to put in the page that embeds
 * `<referral-dashboard>`. Mint one per page view: it opens one session, once, within
 * `widgetLimits.tokenLifetimeSeconds`. The program must exist; the account needs no registration (like its link).
 */
import { findProgram } from "../data/operator-config-reader.ts";
import { assertCustomerAccount } from "../domain/principal.ts";
import { newWidgetSecret, widgetSecretHash, widgetTokenPrefix, widgetTokenToIssue } from "../domain/widget-sessions.ts";
import { NotFoundError } from "../errors.ts";
import { widgetLimits } from "../limits.ts";
import type { WidgetTokenRequest, WidgetTokenResponse } from "../schemas/widget-api.ts";
import type { WidgetTokenDependencies } from "./widget-dependencies.ts";

export async function issueWidgetToken(deps: WidgetTokenDependencies, request: WidgetTokenRequest): Promise<WidgetTokenResponse> {
  assertCustomerAccount(request.accountId);
  const config = await deps.operatorConfigStore.loadOrThrow();
  const programId = request.programId ?? config.defaultProgramId;
  if (!findProgram(config, programId)) throw new NotFoundError(`no program ${programId}`);
  const token = newWidgetSecret(widgetTokenPrefix, deps.randomBytes);
  const issued = widgetTokenToIssue({
    tokenHash: widgetSecretHash(token),
    accountId: request.accountId,
    programId,
    locale: request.locale,
    now: deps.clock.now(),
    lifetimeSeconds: widgetLimits.tokenLifetimeSeconds,
  });
  await deps.widgetCredentialStore.putToken(issued);
  return { token, accountId: issued.accountId, programId, expiresAt: issued.expiresAt };
}
