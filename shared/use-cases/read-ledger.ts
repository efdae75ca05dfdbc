/**
 * The ledger routes' use cases: an account reads only its own ledger and balances; the operator reads
 * any, and its own accounts under the account id `operator`, one currency at a time: their balances
 * (write shards, read by key) and their ledger (the shards of the operator's index, merged).
 */
import type { LedgerAccountBalance, LedgerStore } from "../data/ledger-store.ts";
import { operatorAccount } from "../domain/ledger/accounts.ts";
import { balanceFigures, ledgerEntriesOf } from "../domain/ledger/figures.ts";
import { assertCanAccessAccount, type Principal } from "../domain/principal.ts";
import { ValidationError } from "../errors.ts";
import type { BalanceQuery, BalancesResponse, LedgerPageResponse, LedgerQuery } from "../schemas/ledger-api.ts";
import { type EntryKind, entryKinds } from "../schemas/ledger-items.ts";
import { entryKindOfCode, operatorAccountKinds, operatorHolder, type TransferCode, transferCodes } from "../schemas/transfer-items.ts";

export async function readLedgerPage(
  ledgerStore: Pick<LedgerStore, "listTransfers" | "listOperatorTransfers">,
  principal: Principal,
  accountId: string,
  query: LedgerQuery,
): Promise<LedgerPageResponse> {
  assertCanAccessAccount(principal, accountId);
  const filters = { codes: codesOf(query.kind, query.code), periodId: query.periodId, limit: query.limit, cursor: query.cursor };
  const page =
    accountId === operatorHolder
      ? await ledgerStore.listOperatorTransfers({ ...filters, currency: operatorCurrencyOrThrow(query.currency, "listed") })
      : await ledgerStore.listTransfers({ ...filters, accountId, currency: query.currency });
  const entries = page.transfers.flatMap((transfer) => ledgerEntriesOf(transfer, accountId));
  return page.nextCursor === undefined ? { accountId, entries } : { accountId, entries, nextCursor: page.nextCursor };
}

/** The codes the kind and code filters leave (both: the code, when it is of that kind; neither: no filter). */
function codesOf(kind: EntryKind | undefined, code: TransferCode | undefined): TransferCode[] | undefined {
  if (kind === undefined && code === undefined) return undefined;
  const codes = transferCodes.filter(
    (candidate) => (kind === undefined || entryKindOfCode[candidate] === kind) && (code === undefined || candidate === code),
  );
  if (codes.length === 0)
    throw new ValidationError(`no transfer of code ${code} is of kind ${kind}`, [
      { path: "query.code", message: `not of kind ${kind} (kinds: ${entryKinds.join(", ")})` },
    ]);
  return codes;
}

export async function readBalances(
  ledgerStore: Pick<LedgerStore, "listLedgerAccounts" | "readLedgerAccount">,
  principal: Principal,
  accountId: string,
  query: BalanceQuery,
): Promise<BalancesResponse> {
  assertCanAccessAccount(principal, accountId);
  if (accountId === operatorHolder) return await readOperatorBalances(ledgerStore, query);
  const accounts = await ledgerStore.listLedgerAccounts(accountId);
  const balances = balanceFigures(accounts).map((figures) => ({
    ...figures,
    ledgerAccounts: accounts.filter((account) => account.account.currency === figures.currency).map(ledgerAccountBalanceOf),
  }));
  return { accountId, balances };
}

/** The operator's accounts are read and listed one currency at a time: the currency is required there. */
function operatorCurrencyOrThrow(currency: string | undefined, how: "read" | "listed"): string {
  if (currency === undefined)
    throw new ValidationError(`the operator's accounts are ${how} one currency at a time`, [
      { path: "query.currency", message: "required for the operator's accounts" },
    ]);
  return currency;
}

async function readOperatorBalances(ledgerStore: Pick<LedgerStore, "readLedgerAccount">, query: BalanceQuery): Promise<BalancesResponse> {
  const currency = operatorCurrencyOrThrow(query.currency, "read");
  const accounts = await Promise.all(operatorAccountKinds.map((kind) => ledgerStore.readLedgerAccount(operatorAccount(kind, currency))));
  const held = accounts.filter((account) => account.transferCount > 0);
  return {
    accountId: operatorHolder,
    balances:
      held.length === 0
        ? []
        : [
            {
              currency,
              ledgerAccounts: held.map(ledgerAccountBalanceOf),
            },
          ],
  };
}

/** A ledger account's sums as the balance route shows them. */
function ledgerAccountBalanceOf({ account, balanceMinor, debitsMinor, creditsMinor, transferCount }: LedgerAccountBalance) {
  return { kind: account.kind, balanceMinor, debitsMinor, creditsMinor, transferCount };
}
