/**
 * POST /referrals/{refereeAccountId}/fraud (operator only): mark a referral fraudulent; its payments
 * earn nothing from now on. Idempotent: marking again returns the same referral.
 */
import { createReferralStatusStore, type ReferralStatusStore } from "../../shared/data/referral-status-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { routes } from "../../shared/http-routes.ts";
import { referralPathSchema } from "../../shared/schemas/ledger-api.ts";
import { markReferralFraudulent } from "../../shared/use-cases/mark-referral-fraudulent.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";

export function createMarkReferralFraudulentHandler(store: ReferralStatusStore) {
  return httpRoute(routes.markReferralFraudulent, { path: referralPathSchema }, async ({ path, principal }) => {
    return jsonResponse(200, await markReferralFraudulent(store, principal, path.refereeAccountId));
  });
}

export const handler = createMarkReferralFraudulentHandler(createReferralStatusStore(defaultTableContext(), systemClock));
