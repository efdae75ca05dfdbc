/**
 * POST /accounts/{accountId}/withdrawals (that account, or the operator on its behalf): withdraw the
 * whole available commission in one currency under one program's payout policy. 201 with the new
 * withdrawal (its amount reserved), 200 with the existing one when the same request comes again; 422
 * below_threshold, contract_not_on_file or no_payout_policy; 409 withdrawal_already_open or
 * withdrawal_mismatch.
 */
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { withdrawalRequestBodySchema } from "../../shared/schemas/withdrawals-api.ts";
import { requestWithdrawal } from "../../shared/use-cases/request-withdrawal.ts";
import type { WithdrawalDependencies } from "../../shared/use-cases/withdrawal-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { withdrawalDependenciesFromEnvironment } from "../wiring/withdrawals.ts";

export function createRequestWithdrawalHandler(dependencies: WithdrawalDependencies) {
  return httpRoute(
    routes.requestWithdrawal,
    { path: accountPathSchema, body: withdrawalRequestBodySchema },
    async ({ path, body, principal }) => {
      const result = await requestWithdrawal(dependencies, principal, path.accountId, body);
      return jsonResponse(result.created ? 201 : 200, { withdrawal: result.withdrawal });
    },
  );
}

export const handler = createRequestWithdrawalHandler(withdrawalDependenciesFromEnvironment());
