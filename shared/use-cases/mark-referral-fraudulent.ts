/**
 * The operator marks a referral fraudulent: from that moment its payments earn nothing (rewards already
 * posted stay; reverse them with an adjustment if needed). Idempotent.
 */

import type { z } from "zod";
import type { ReferralStatusStore } from "../data/referral-status-store.ts";
import { assertOperator, type Principal } from "../domain/principal.ts";
import { logger } from "../observability.ts";
import type { markFraudulentResponseSchema } from "../schemas/ledger-api.ts";

export async function markReferralFraudulent(
  store: ReferralStatusStore,
  principal: Principal,
  refereeAccountId: string,
): Promise<z.infer<typeof markFraudulentResponseSchema>> {
  assertOperator(principal);
  const referral = await store.markFraudulentOrThrow(refereeAccountId);
  logger.info("referral marked fraudulent", {
    refereeAccountId,
    referrerAccountId: referral.referrerAccountId,
    programId: referral.programId,
  });
  return { referral, markedFraudulentAt: referral.markedFraudulentAt! };
}
