/**
 * POST /withdrawals/{withdrawalId}/failed (operator only): the payout failed or was refused; the
 * reservation is voided and exactly its amount returns to the account's available commission. 200
 * (`changed: false` when it was already marked failed with this reason); 409 withdrawal_already_failed
 * (another reason) or withdrawal_already_paid; 404.
 */
import { routes } from "../../shared/http-routes.ts";
import { markWithdrawalFailedBodySchema, withdrawalPathSchema } from "../../shared/schemas/withdrawals-api.ts";
import { resolveWithdrawal } from "../../shared/use-cases/resolve-withdrawal.ts";
import type { WithdrawalDependencies } from "../../shared/use-cases/withdrawal-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { withdrawalDependenciesFromEnvironment } from "../wiring/withdrawals.ts";

export function createMarkWithdrawalFailedHandler(dependencies: WithdrawalDependencies) {
  return httpRoute(
    routes.markWithdrawalFailed,
    { path: withdrawalPathSchema, body: markWithdrawalFailedBodySchema },
    async ({ path, body }) => {
      const result = await resolveWithdrawal(dependencies, path.withdrawalId, { kind: "failed", reason: body.reason });
      return jsonResponse(200, result);
    },
  );
}

export const handler = createMarkWithdrawalFailedHandler(withdrawalDependenciesFromEnvironment());
