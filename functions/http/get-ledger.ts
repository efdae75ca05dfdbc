/**
 * GET /accounts/{accountId}/ledger?kind=&code=&periodId=&currency=&limit=&cursor= (that account or the
 * operator): the entries of the transfers touching the account's ledger accounts, newest first, by page;
 * `operator` lists the operator's own accounts in one currency.
 */
import { createLedgerStore, type LedgerStore } from "../../shared/data/ledger-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { ledgerQuerySchema } from "../../shared/schemas/ledger-api.ts";
import { readLedgerPage } from "../../shared/use-cases/read-ledger.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { type ManagedAccess, managedAccessFromEnvironment } from "../wiring/manager-links.ts";

export function createGetLedgerHandler(
  ledgerStore: Pick<LedgerStore, "listTransfers" | "listOperatorTransfers">,
  access: ManagedAccess = {},
) {
  return httpRoute(
    routes.getLedger,
    { ...access, path: accountPathSchema, query: ledgerQuerySchema },
    async ({ path, query, principal }) => {
      return jsonResponse(200, await readLedgerPage(ledgerStore, principal, path.accountId, query));
    },
  );
}

export const handler = createGetLedgerHandler(createLedgerStore(defaultTableContext(), systemClock), managedAccessFromEnvironment());
