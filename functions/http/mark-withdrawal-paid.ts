/**
 * POST /withdrawals/{withdrawalId}/paid (operator only): the payout went out; the reserved amount is
 * posted to the operator's payout_clearing. 200 (`changed: false` when it was already marked paid with
 * this reference); 409 withdrawal_already_paid (another reference) or withdrawal_already_failed; 404.
 */
import { routes } from "../../shared/http-routes.ts";
import { markWithdrawalPaidBodySchema, withdrawalPathSchema } from "../../shared/schemas/withdrawals-api.ts";
import { resolveWithdrawal } from "../../shared/use-cases/resolve-withdrawal.ts";
import type { WithdrawalDependencies } from "../../shared/use-cases/withdrawal-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { withdrawalDependenciesFromEnvironment } from "../wiring/withdrawals.ts";

export function createMarkWithdrawalPaidHandler(dependencies: WithdrawalDependencies) {
  return httpRoute(
    routes.markWithdrawalPaid,
    { path: withdrawalPathSchema, body: markWithdrawalPaidBodySchema },
    async ({ path, body }) => {
      const result = await resolveWithdrawal(dependencies, path.withdrawalId, { kind: "paid", payoutReference: body.payoutReference });
      return jsonResponse(200, result);
    },
  );
}

export const handler = createMarkWithdrawalPaidHandler(withdrawalDependenciesFromEnvironment());
