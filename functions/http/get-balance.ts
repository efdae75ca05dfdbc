/** GET /accounts/{accountId}/balance (that account or the operator): pending, available and paid per currency. */
import { createLedgerStore, type LedgerStore } from "../../shared/data/ledger-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { readBalances } from "../../shared/use-cases/read-ledger.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";

export function createGetBalanceHandler(ledgerStore: LedgerStore) {
  return httpRoute(routes.getBalance, { path: accountPathSchema }, async ({ path, principal }) => {
    return jsonResponse(200, await readBalances(ledgerStore, principal, path.accountId));
  });
}

export const handler = createGetBalanceHandler(createLedgerStore(defaultTableContext(), systemClock));
