/** The ledger routes' use cases: an account reads only its own ledger and balances; the operator reads any. */
import type { LedgerStore } from "../data/ledger-store.ts";
import { assertCanAccessAccount, type Principal } from "../domain/principal.ts";
import type { BalancesResponse, LedgerPageResponse, LedgerQuery } from "../schemas/ledger-api.ts";

export async function readLedgerPage(
  ledgerStore: LedgerStore,
  principal: Principal,
  accountId: string,
  query: LedgerQuery,
): Promise<LedgerPageResponse> {
  assertCanAccessAccount(principal, accountId);
  const page = await ledgerStore.listEntries({
    accountId,
    kind: query.kind,
    periodId: query.periodId,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { accountId, ...page };
}

export async function readBalances(ledgerStore: LedgerStore, principal: Principal, accountId: string): Promise<BalancesResponse> {
  assertCanAccessAccount(principal, accountId);
  const balances = await ledgerStore.listBalances(accountId);
  return { accountId, balances: balances.sort((left, right) => left.currency.localeCompare(right.currency)) };
}
