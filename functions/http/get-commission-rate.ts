/**
 * GET /accounts/{accountId}/commission-rates/{programId} (the partner itself or the operator): the program's tier
 * ladder, the partner's individual rate, and the open half month's active customers, rate now and next tier, per
 * currency (shared/use-cases/read-commission-rate.ts). Setting and removing an individual rate is the operator's
 * (functions/http/commission-rates.ts, on the same path).
 */
import { routes } from "../../shared/http-routes.ts";
import { commissionRatePathSchema } from "../../shared/schemas/settlement-api.ts";
import { readCommissionRate } from "../../shared/use-cases/read-commission-rate.ts";
import type { CommissionRateDependencies } from "../../shared/use-cases/settlement-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { commissionRateDependenciesFromEnvironment } from "../wiring/settlement.ts";

export function createGetCommissionRateHandler(dependencies: CommissionRateDependencies) {
  return httpRoute(routes.getCommissionRate, { path: commissionRatePathSchema }, async ({ path, principal }) =>
    jsonResponse(200, await readCommissionRate(dependencies, principal, path)),
  );
}

export const handler = createGetCommissionRateHandler(commissionRateDependenciesFromEnvironment());
