/**
 * POST /accounts/{accountId}/code-redemptions (the account itself, or the operator for it): a client
 * enters a personal invite code after sign-up (t2). The rules are shared/domain/code-entry.ts; the
 * referral is written by the one attribution writer (referral-store `createAttribution`), as at sign-up.
 *
 * Order: count the attempt first (per account, and per hashed source address when the account itself
 * calls: an operator's server speaks for many accounts from one address), so that guessing is throttled
 * whatever the answer; then the configuration, the code (the same cached lookup as the redirect and the
 * sign-up), and the account's referral and both profiles in one BatchGetItem; decide; write one
 * transaction. Every refused code takes the same reads and gets the same answer. Two redemptions at once
 * by one account: both find no code referral, one transaction wins, the other reads again and is
 * refused with code_already_redeemed.
 */
import type { AttemptLimit } from "../data/attempt-counter-store.ts";
import { sourceAddressHash } from "../domain/attribution.ts";
import { decideCodeRedemption } from "../domain/code-entry.ts";
import { assertCustomerAccount, type Principal } from "../domain/principal.ts";
import { normalizeReferralCode } from "../domain/referral-code.ts";
import { DomainError } from "../errors.ts";
import { limits } from "../limits.ts";
import type { CodeRedemptionRequest, CodeRedemptionResponse } from "../schemas/code-entry-api.ts";
import type { ReferralItem } from "../schemas/items.ts";
import { selfReferralMessages } from "./attribute-sign-up.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { CodeRedemptionDependencies } from "./referral-dependencies.ts";

function attemptLimits(deps: CodeRedemptionDependencies, principal: Principal, accountId: string, sourceAddress: string | undefined) {
  const { windowSeconds, perAccount, perSourceAddress } = limits.codeEntryAttempts;
  const counted: AttemptLimit[] = [
    { kind: "code-entry-account", subject: accountId, limit: perAccount, windowSeconds, description: "code entries for this account" },
  ];
  if (principal.kind === "account" && sourceAddress) {
    counted.push({
      kind: "code-entry-address",
      subject: sourceAddressHash(deps.hashSalt, sourceAddress),
      limit: perSourceAddress,
      windowSeconds,
      description: "code entries from this address",
    });
  }
  return counted;
}

export async function redeemInviteCode(
  deps: CodeRedemptionDependencies,
  principal: Principal,
  accountId: string,
  request: CodeRedemptionRequest,
  sourceAddress: string | undefined,
): Promise<CodeRedemptionResponse> {
  assertCustomerAccount(accountId);
  await deps.attemptCounterStore.countAttempt(attemptLimits(deps, principal, accountId, sourceAddress));
  const config = await deps.operatorConfigStore.loadOrThrow();
  const code = normalizeReferralCode(request.code);
  const resolved = code === undefined ? undefined : await deps.clickStore.resolveCode(code);
  // A manager acting for its client (docs/agencies.md) may not make itself the client's referrer.
  if (principal.kind === "account" && principal.actingFor === accountId && resolved?.accountId === principal.accountId)
    throw new DomainError("self_referral", "a manager may not enter its own code for a client it manages");

  return await decideUntilCommitted("code redemption", async (): Promise<CodeRedemptionResponse> => {
    const state = await deps.referralStore.readAttributionState(accountId, resolved?.accountId ?? accountId);
    const now = deps.clock.now();
    const decision = decideCodeRedemption({
      accountId,
      now,
      timeZone: config.timeZone,
      programId: request.programId,
      programs: config.programs,
      registeredAt: state.refereeRegisteredAt,
      existingReferral: state.existingReferral,
      code: resolved,
      referee: { accountId, ...state.referee },
      referrer: state.referrer,
    });
    if (decision.kind === "refused") throw new DomainError(decision.code, decision.message);
    if (decision.kind === "refused_self_referral") throw new DomainError("self_referral", selfReferralMessages[decision.reason]);

    const { replacing } = decision;
    const activatedAt = now.toISOString();
    const referral: ReferralItem = {
      refereeAccountId: accountId,
      referrerAccountId: decision.code.accountId,
      programId: decision.code.programId,
      code: decision.code.code,
      source: "code",
      attributedAt: activatedAt,
      codeActivatedAt: activatedAt,
      ...(state.refereePromoEndsAt !== undefined ? { promoEndsAt: state.refereePromoEndsAt } : {}),
      status: "active",
      ...(replacing
        ? {
            replacedLink: {
              referrerAccountId: replacing.referrerAccountId,
              programId: replacing.programId,
              code: replacing.code,
              attributedAt: replacing.attributedAt,
            },
          }
        : {}),
    };
    await deps.referralStore.createAttribution({ referral, refereeFingerprints: {}, replacing });
    const { replacedLink: _replaced, ...seen } = referral;
    return { referral: seen, replacedLinkAttribution: replacing !== undefined };
  });
}
