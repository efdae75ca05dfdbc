/**
 * GET /accounts/{accountId}/referrals (the account, or the operator): the clients the account referred,
 * newest first: client id, the display name the operator gave at registration, how and when (the day the
 * code was activated, or the link attributed). One Query of the referrer's gsi1 partition (AP8) and one
 * BatchGetItem of the page's profiles (their display names), whatever the number of clients.
 */
import type { ReferralStore } from "../data/referral-store.ts";
import type { ReferralList, ReferralListQuery } from "../schemas/code-entry-api.ts";

export async function readReferredClients(
  deps: { readonly referralStore: Pick<ReferralStore, "listReferralsOf"> },
  accountId: string,
  query: ReferralListQuery,
): Promise<ReferralList> {
  const page = await deps.referralStore.listReferralsOf(accountId, query);
  return {
    accountId,
    referrals: page.referrals.map(({ referral, displayName }) => ({
      clientAccountId: referral.refereeAccountId,
      ...(displayName !== undefined ? { displayName } : {}),
      programId: referral.programId,
      source: referral.source,
      referredAt: referral.codeActivatedAt ?? referral.attributedAt,
      status: referral.status,
    })),
    ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
  };
}
