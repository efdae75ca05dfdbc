/** GET /withdrawals/{withdrawalId} (operator only): one withdrawal, strongly consistent; 404 when there is none. */

import { defaultTableContext } from "../../shared/data/table-context.ts";
import { createWithdrawalStore, type WithdrawalStore } from "../../shared/data/withdrawal-store.ts";
import { routes } from "../../shared/http-routes.ts";
import { withdrawalPathSchema } from "../../shared/schemas/withdrawals-api.ts";
import { readWithdrawalOrThrow } from "../../shared/use-cases/read-withdrawals.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";

export function createGetWithdrawalHandler(withdrawalStore: Pick<WithdrawalStore, "readWithdrawal">) {
  return httpRoute(routes.getWithdrawal, { path: withdrawalPathSchema }, async ({ path }) => {
    return jsonResponse(200, { withdrawal: await readWithdrawalOrThrow({ withdrawalStore }, path.withdrawalId) });
  });
}

export const handler = createGetWithdrawalHandler(createWithdrawalStore(defaultTableContext()));
