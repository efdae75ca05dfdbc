/**
 * A partner's prepaid deposit (ACTIVE 24; docs/ledger.md, "Deposits"): enabled by the operator on an
 * authorized request, topped up by the billing system (`deposit.topped_up`), debited at once for an
 * order paid from it, read with every movement, and stated per month.
 *
 * - A top-up is one effect under its event id, with the top-up's record under its business id in the
 *   same transaction: the same top-up resent under another event id is a duplicate (or, with another
 *   body, payload_mismatch), never credited twice.
 * - A debit is one effect under `deposit-debit:<orderId>` (its business id): the same order again is the
 *   debit made before; with another amount it is payload_mismatch. The transaction's balance rule on the
 *   `deposit` ledger account refuses a debit larger than the balance (insufficient_balance, nothing
 *   written), so concurrent debits can never take the deposit below zero; two debits that touched the
 *   account at once are decided again (TransactionConflict), up to `limits.depositDebitRetriesMax` times.
 */
import type { DepositStore } from "../data/deposit-store.ts";
import { InsufficientBalanceError, type LedgerStore, SourceEventConflictError } from "../data/ledger-store.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { Clock } from "../domain/clock.ts";
import {
  assertDepositAccepts,
  depositDebitTransfer,
  depositMovementOf,
  depositStatement,
  depositTopUpTransfer,
  monthBounds,
} from "../domain/deposits.ts";
import { holderAccount } from "../domain/ledger/accounts.ts";
import { canonicalJson, payloadHashOf } from "../domain/payload-hash.ts";
import { assertCanAccessAccount, assertCustomerAccount, type Principal } from "../domain/principal.ts";
import { DomainError, PermanentMessageError, TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import type { DepositToppedUp } from "../schemas/billing-events.ts";
import type {
  DepositDebitBody,
  DepositDebitResponse,
  DepositQuery,
  DepositResponse,
  DepositStatementResponse,
  EnableDepositBody,
} from "../schemas/deposit-api.ts";
import type { DepositSettingsItem } from "../schemas/deposit-items.ts";
import type { AppliedOutcome } from "./applied-outcome.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { LedgerDependencies } from "./ledger-dependencies.ts";

export interface DepositDependencies {
  readonly depositStore: DepositStore;
  readonly ledgerStore: LedgerStore;
  readonly operatorConfigStore: Pick<OperatorConfigStore, "loadOrThrow">;
  readonly clock: Clock;
}

/** PUT /accounts/{id}/deposit (operator): enables the deposit once; again in the same currency is the same deposit. */
export async function enableDeposit(
  deps: Pick<DepositDependencies, "depositStore" | "clock">,
  accountId: string,
  body: EnableDepositBody,
): Promise<{ readonly created: boolean; readonly deposit: DepositSettingsItem }> {
  assertCustomerAccount(accountId);
  const settings: DepositSettingsItem = {
    accountId,
    currency: body.currency,
    requestReference: body.requestReference,
    enabledAt: deps.clock.now().toISOString(),
  };
  if (await deps.depositStore.enable(settings)) return { created: true, deposit: settings };
  const existing = await deps.depositStore.readSettings(accountId);
  if (!existing) throw new TransientError(`the deposit of ${accountId} exists but cannot be read yet`);
  if (existing.currency !== body.currency)
    throw new DomainError(
      "deposit_already_enabled",
      `the deposit of ${accountId} is enabled in ${existing.currency} (request ${existing.requestReference})`,
    );
  return { created: false, deposit: existing };
}

/** `deposit.topped_up` from the billing system: credits the deposit once per top-up id. */
export async function recordDepositTopUp(deps: LedgerDependencies, event: DepositToppedUp, payloadHash: string): Promise<AppliedOutcome> {
  const { data } = event;
  let settings: DepositSettingsItem;
  try {
    settings = assertDepositAccepts(await deps.depositStore.readSettings(data.accountId), data.accountId, data.currency);
  } catch (error) {
    // Money arrived for a deposit that does not exist (or in another currency): the billing system's or the operator's to fix, then redrive.
    if (error instanceof DomainError) throw new PermanentMessageError(error.code, error.message);
    throw error;
  }
  const transfer = depositTopUpTransfer({
    accountId: settings.accountId,
    topUpId: data.topUpId,
    amountMinor: data.amountMinor,
    currency: data.currency,
    sourceEventId: event.eventId,
    sourceEventType: event.type,
    paidAt: new Date(data.paidAt).toISOString(),
  });
  return await decideUntilCommitted(
    `event ${event.eventId}`,
    async () => {
      const committed = await commitEffect(deps, {
        sourceEvent: { eventId: event.eventId, eventType: event.type, payloadHash, outcome: "deposit_topped_up" },
        transfers: [transfer],
        writes: [
          deps.depositStore.writes.recordTopUp({
            topUpId: data.topUpId,
            accountId: data.accountId,
            eventId: event.eventId,
            payloadHash,
            transferId: transfer.transferId,
          }),
        ],
      });
      return committed.status === "duplicate"
        ? { outcome: "duplicate", transferIds: [] }
        : { outcome: "deposit_topped_up", transferIds: [transfer.transferId] };
    },
    async (conflict) => {
      if (!conflict.lost("depositTopUp")) return undefined;
      // The top-up was credited under another event id.
      const recorded = await deps.depositStore.readTopUp(data.topUpId);
      if (!recorded) return undefined;
      if (recorded.payloadHash !== payloadHash)
        throw new PermanentMessageError(
          "payload_mismatch",
          `top-up ${data.topUpId} was credited by event ${recorded.eventId} with another body`,
        );
      return { settled: { outcome: "duplicate", transferIds: [] } };
    },
  );
}

/** POST /accounts/{id}/deposit-debits (operator): an order paid from the deposit, at once, once per order id. */
export async function debitDeposit(deps: DepositDependencies, accountId: string, body: DepositDebitBody): Promise<DepositDebitResponse> {
  assertCustomerAccount(accountId);
  assertDepositAccepts(await deps.depositStore.readSettings(accountId), accountId, body.currency);
  const sourceEventId = `deposit-debit:${body.orderId}`;
  const payloadHash = payloadHashOf({
    type: "deposit.debited",
    version: 1,
    data: JSON.parse(canonicalJson({ accountId, orderId: body.orderId, amountMinor: body.amountMinor, currency: body.currency })),
  });
  const response = (transferId: string, debitedAt: string, created: boolean, balanceMinor?: number): DepositDebitResponse => ({
    created,
    accountId,
    orderId: body.orderId,
    amountMinor: body.amountMinor,
    currency: body.currency,
    transferId,
    debitedAt,
    ...(balanceMinor === undefined ? {} : { balanceMinor }),
  });
  return await decideUntilCommitted(
    `deposit debit ${body.orderId}`,
    async () => {
      const postedAt = deps.clock.now().toISOString();
      const transfer = depositDebitTransfer({ accountId, ...body, sourceEventId, postedAt });
      try {
        const committed = await deps.ledgerStore.commit({
          sourceEvent: { eventId: sourceEventId, eventType: "deposit.debited", payloadHash, outcome: "deposit_debited" },
          transfers: [transfer],
        });
        if (committed.status === "duplicate")
          return response(committed.record.transferIds[0] ?? transfer.transferId, committed.record.processedAt, false);
      } catch (error) {
        if (error instanceof InsufficientBalanceError)
          throw new DomainError(
            "insufficient_balance",
            `the deposit of ${accountId} holds less than ${body.amountMinor} ${body.currency}: nothing debited`,
          );
        if (error instanceof SourceEventConflictError)
          throw new DomainError("payload_mismatch", `order ${body.orderId} was debited before with another account, amount or currency`);
        throw error;
      }
      const balance = await deps.ledgerStore.readLedgerAccount(holderAccount(accountId, "deposit", body.currency));
      return response(transfer.transferId, postedAt, true, balance.balanceMinor);
    },
    () => undefined,
    limits.depositDebitRetriesMax,
  );
}

const depositCodes = ["deposit_top_up", "deposit_debit"] as const;

/** GET /accounts/{id}/deposit: the deposit's settings, balance and movements, newest first (the account itself or the operator). */
export async function readDeposit(
  deps: Pick<DepositDependencies, "depositStore" | "ledgerStore">,
  principal: Principal,
  accountId: string,
  query: DepositQuery,
): Promise<DepositResponse> {
  assertCanAccessAccount(principal, accountId);
  assertCustomerAccount(accountId);
  const settings = await deps.depositStore.readSettings(accountId);
  if (!settings) return { accountId, balanceMinor: 0, movements: [] };
  const [balance, page] = await Promise.all([
    deps.ledgerStore.readLedgerAccount(holderAccount(accountId, "deposit", settings.currency)),
    deps.ledgerStore.listTransfers({
      accountId,
      codes: depositCodes,
      currency: settings.currency,
      limit: query.limit,
      cursor: query.cursor,
    }),
  ]);
  return {
    accountId,
    deposit: settings,
    balanceMinor: balance.balanceMinor,
    movements: page.transfers.map(depositMovementOf),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
}

/** GET /accounts/{id}/deposit/statements/{month}: one document for the month instead of one per order. */
export async function readDepositStatement(
  deps: DepositDependencies,
  principal: Principal,
  accountId: string,
  month: string,
): Promise<DepositStatementResponse> {
  assertCanAccessAccount(principal, accountId);
  assertCustomerAccount(accountId);
  const settings = await deps.depositStore.readSettings(accountId);
  if (!settings) throw new DomainError("deposit_not_enabled", `account ${accountId} has no deposit`);
  const { timeZone } = await deps.operatorConfigStore.loadOrThrow();
  const { start } = monthBounds(month, timeZone);
  const balance = await deps.ledgerStore.readLedgerAccount(holderAccount(accountId, "deposit", settings.currency));
  // Every movement since the month began, newest first: what moved after it is taken off the balance now.
  const movements = [];
  let cursor: string | undefined;
  do {
    const page = await deps.ledgerStore.listTransfers({
      accountId,
      codes: depositCodes,
      currency: settings.currency,
      limit: limits.pageSizeMax,
      cursor,
    });
    const recent = page.transfers.filter((transfer) => new Date(transfer.postedAt).getTime() >= start.getTime());
    movements.push(...recent.map(depositMovementOf));
    cursor = recent.length < page.transfers.length ? undefined : page.nextCursor;
  } while (cursor !== undefined);
  return { accountId, currency: settings.currency, timeZone, ...depositStatement(month, timeZone, balance.balanceMinor, movements) };
}
