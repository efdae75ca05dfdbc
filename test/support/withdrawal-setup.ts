/**
 * Withdrawals on the ledger test setup (DynamoDB Local, the local SQS server): the real handlers of the
 * withdrawal and contract routes, each on its own function's grants (infra/catalog.ts), and a way to
 * put commission in `commission_available` without the settlement run: an effect committed through the
 * ledger store as settlement would post it (a commission accrual and its settlement release).
 */
import { createGetWithdrawalHandler } from "../../functions/http/get-withdrawal.ts";
import { createListWithdrawalsHandler } from "../../functions/http/list-withdrawals.ts";
import { createMarkWithdrawalFailedHandler } from "../../functions/http/mark-withdrawal-failed.ts";
import { createMarkWithdrawalPaidHandler } from "../../functions/http/mark-withdrawal-paid.ts";
import { createRecordContractHandler } from "../../functions/http/record-contract.ts";
import { createRequestWithdrawalHandler } from "../../functions/http/request-withdrawal.ts";
import { createRevokeContractHandler } from "../../functions/http/revoke-contract.ts";
import type { HttpResponse } from "../../functions/middleware/http-stack.ts";
import { createWithdrawalDependencies } from "../../functions/wiring/withdrawals.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";
import { routes } from "../../shared/http-routes.ts";
import type { WithdrawalDependencies } from "../../shared/use-cases/withdrawal-dependencies.ts";
import { withGrantsOf } from "./function-grants.ts";
import { httpEvent, invoke, type TestPrincipal } from "./http-events.ts";
import type { LedgerTestSetup } from "./ledger-setup.ts";

let fundings = 0;

/** The withdrawal dependencies on the setup's table and outbound queue, running with the grants of `functionName`. */
export function withdrawalDependenciesOf(setup: LedgerTestSetup, functionName: string): WithdrawalDependencies {
  return createWithdrawalDependencies({
    table: { documentClient: withGrantsOf([functionName], setup.table.documentClient), tableName: setup.table.tableName },
    clock: setup.clock,
    queueClient: setup.queueClient,
    outboundQueueUrl: setup.sqs.queueUrls.outbound,
  });
}

/**
 * Settled commission for `accountId`: a commission accrual (operator commission_expense →
 * commission_pending) and its settlement release (commission_pending → commission_available), in one
 * effect committed through the ledger store, as the settlement run posts them.
 */
export async function fundAvailable(setup: LedgerTestSetup, accountId: string, amountMinor: number, currency = "EUR"): Promise<void> {
  fundings += 1;
  const eventId = `test-settlement:${accountId}:${fundings}`;
  const pending = holderAccount(accountId, "commission_pending", currency);
  const common = {
    sourceEventId: eventId,
    sourceEventType: "test.settlement",
    postedAt: setup.clock.now().toISOString(),
    programId: "zadarma-partner",
    periodId: "2026-03-1",
  };
  await createLedgerStore(setup.tableContext, setup.clock).commit({
    sourceEvent: { eventId, eventType: "test.settlement", payloadHash: "0".repeat(64), outcome: "settled" },
    transfers: [
      makeTransfer({
        ...common,
        index: 0,
        debit: operatorAccount("commission_expense", currency),
        credit: pending,
        amountMinor,
        code: "commission_accrual",
        memo: "test accrual",
      }),
      makeTransfer({
        ...common,
        index: 1,
        debit: pending,
        credit: holderAccount(accountId, "commission_available", currency),
        amountMinor,
        code: "settlement_release",
        memo: "test release",
      }),
    ],
  });
}

export interface WithdrawalRoutes {
  request(accountId: string, body: unknown, principal?: TestPrincipal): Promise<HttpResponse>;
  pay(withdrawalId: string, payoutReference: string): Promise<HttpResponse>;
  fail(withdrawalId: string, reason: string): Promise<HttpResponse>;
  get(withdrawalId: string): Promise<HttpResponse>;
  list(query: Record<string, string>): Promise<HttpResponse>;
  recordContract(accountId: string, programId: string, body: unknown): Promise<HttpResponse>;
  revokeContract(accountId: string, programId: string, body: unknown): Promise<HttpResponse>;
}

const operator: TestPrincipal = { kind: "operator" };

/** The routes through their real handlers, each with fresh dependencies (a new container) on its function's grants. */
export function withdrawalRoutes(setup: LedgerTestSetup): WithdrawalRoutes {
  const call = async (
    route: { readonly method: string; readonly path: string },
    path: string,
    handler: Parameters<typeof invoke>[0],
    input: { body?: unknown; query?: Record<string, string>; principal?: TestPrincipal },
  ) =>
    await invoke(
      handler,
      httpEvent({
        method: route.method,
        route: route.path,
        path,
        principal: input.principal ?? operator,
        body: input.body,
        query: input.query,
      }),
    );
  return {
    request: (accountId, body, principal = { kind: "account", accountId }) =>
      call(
        routes.requestWithdrawal,
        `/accounts/${accountId}/withdrawals`,
        createRequestWithdrawalHandler(withdrawalDependenciesOf(setup, "request-withdrawal")),
        { body, principal },
      ),
    pay: (withdrawalId, payoutReference) =>
      call(
        routes.markWithdrawalPaid,
        `/withdrawals/${withdrawalId}/paid`,
        createMarkWithdrawalPaidHandler(withdrawalDependenciesOf(setup, "mark-withdrawal-paid")),
        { body: { payoutReference } },
      ),
    fail: (withdrawalId, reason) =>
      call(
        routes.markWithdrawalFailed,
        `/withdrawals/${withdrawalId}/failed`,
        createMarkWithdrawalFailedHandler(withdrawalDependenciesOf(setup, "mark-withdrawal-failed")),
        { body: { reason } },
      ),
    get: (withdrawalId) =>
      call(
        routes.getWithdrawal,
        `/withdrawals/${withdrawalId}`,
        createGetWithdrawalHandler(withdrawalDependenciesOf(setup, "get-withdrawal").withdrawalStore),
        {},
      ),
    list: (query) =>
      call(
        routes.listWithdrawals,
        "/withdrawals",
        createListWithdrawalsHandler(withdrawalDependenciesOf(setup, "list-withdrawals").withdrawalStore),
        { query },
      ),
    recordContract: (accountId, programId, body) =>
      call(
        routes.recordContract,
        `/accounts/${accountId}/contracts/${programId}`,
        createRecordContractHandler(withdrawalDependenciesOf(setup, "record-contract")),
        { body },
      ),
    revokeContract: (accountId, programId, body) =>
      call(
        routes.revokeContract,
        `/accounts/${accountId}/contracts/${programId}/revocation`,
        createRevokeContractHandler(withdrawalDependenciesOf(setup, "revoke-contract")),
        { body },
      ),
  };
}
