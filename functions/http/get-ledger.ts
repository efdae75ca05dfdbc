/**
 * GET /accounts/{accountId}/ledger?kind=&periodId=&limit=&cursor= (that account or the operator):
 * the entries of the transfers touching the account's ledger accounts, newest first, by page.
 */
import { createLedgerStore, type LedgerStore } from "../../shared/data/ledger-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { ledgerQuerySchema } from "../../shared/schemas/ledger-api.ts";
import { readLedgerPage } from "../../shared/use-cases/read-ledger.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";

export function createGetLedgerHandler(ledgerStore: Pick<LedgerStore, "listTransfers">) {
  return httpRoute(routes.getLedger, { path: accountPathSchema, query: ledgerQuerySchema }, async ({ path, query, principal }) => {
    return jsonResponse(200, await readLedgerPage(ledgerStore, principal, path.accountId, query));
  });
}

export const handler = createGetLedgerHandler(createLedgerStore(defaultTableContext(), systemClock));
