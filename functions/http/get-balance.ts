/**
 * GET /accounts/{accountId}/balance (that account or the operator): each of the account's ledger
 * accounts per currency, with the dashboard figures; `operator` reads the operator's own accounts.
 */
import { createLedgerStore, type LedgerStore } from "../../shared/data/ledger-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { balanceQuerySchema } from "../../shared/schemas/ledger-api.ts";
import { readBalances } from "../../shared/use-cases/read-ledger.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { type ManagedAccess, managedAccessFromEnvironment } from "../wiring/manager-links.ts";

export function createGetBalanceHandler(
  ledgerStore: Pick<LedgerStore, "listLedgerAccounts" | "readLedgerAccount">,
  access: ManagedAccess = {},
) {
  return httpRoute(
    routes.getBalance,
    { ...access, path: accountPathSchema, query: balanceQuerySchema },
    async ({ path, query, principal }) => {
      return jsonResponse(200, await readBalances(ledgerStore, principal, path.accountId, query));
    },
  );
}

export const handler = createGetBalanceHandler(createLedgerStore(defaultTableContext(), systemClock), managedAccessFromEnvironment());
