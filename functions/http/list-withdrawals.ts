/** GET /withdrawals?status=&limit=&cursor= (operator only): withdrawals in one status, oldest request first, by page. */
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { createWithdrawalStore, type WithdrawalStore } from "../../shared/data/withdrawal-store.ts";
import { routes } from "../../shared/http-routes.ts";
import { withdrawalListQuerySchema } from "../../shared/schemas/withdrawals-api.ts";
import { listWithdrawals } from "../../shared/use-cases/read-withdrawals.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";

export function createListWithdrawalsHandler(withdrawalStore: Pick<WithdrawalStore, "listByStatus">) {
  return httpRoute(routes.listWithdrawals, { query: withdrawalListQuerySchema }, async ({ query }) => {
    return jsonResponse(200, await listWithdrawals({ withdrawalStore }, query));
  });
}

export const handler = createListWithdrawalsHandler(createWithdrawalStore(defaultTableContext()));
