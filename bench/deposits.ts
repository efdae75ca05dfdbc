/**
 * Deposit debits (POST /accounts/{accountId}/deposit-debits, functions/http/deposits.ts) on DynamoDB
 * Local, through the real handler with its production wiring (the shared document client), under
 * contention on ONE partner: every debit updates that partner's one `deposit` ledger account, so
 * concurrent debits conflict (TransactionConflict) and are decided again (docs/ledger.md, "Deposits").
 *
 * For each number of debits in flight (1, 8, 32): debits per second, DynamoDB requests per debit and
 * the cancelled transactions per debit (the conflicts), with every debit succeeding (the deposit is
 * topped up to cover them all), and the balance checked afterwards: topped up − debited, never below zero.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import type { HttpEvent, HttpResponse } from "../functions/middleware/http-stack.ts";
import { createDepositStore } from "../shared/data/deposit-store.ts";
import { createLedgerStore } from "../shared/data/ledger-store.ts";
import { systemClock } from "../shared/domain/clock.ts";
import { depositTopUpTransfer } from "../shared/domain/deposits.ts";
import { holderAccount } from "../shared/domain/ledger/accounts.ts";
import type { DepositDependencies } from "../shared/use-cases/deposits.ts";
import { httpEvent, lambdaContext } from "../test/support/http-events.ts";
import { countRequests, type RequestCounts, stopCountingRequests } from "./lib/request-counter.ts";
import { millisecondsSince, quantile } from "./lib/stats.ts";

type DepositsHandler = (event: HttpEvent, context?: Context) => Promise<HttpResponse>;

export interface DepositsModule {
  createDepositsHandler(dependencies: DepositDependencies): DepositsHandler;
}

export interface DepositsBenchOptions {
  readonly deposits: DepositsModule;
  readonly newContainerDependencies: () => DepositDependencies;
  /** The client the handler sends through (the counter goes on it). */
  readonly documentClient: DynamoDBDocumentClient;
  /** A separate client for seeding, not counted. */
  readonly adminClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly debitsPerRun: number;
  readonly concurrencies: readonly number[];
  readonly log: (line: string) => void;
}

export interface DepositDebitRunFigures {
  readonly concurrency: number;
  readonly debits: number;
  readonly debitsPerSecond: number;
  readonly requestsPerDebit: number;
  /** Transactions cancelled by another debit holding the deposit (each one decided again). */
  readonly conflictsPerDebit: number;
  readonly wallMillisecondsP50: number;
  readonly wallMillisecondsP99: number;
  readonly counts: RequestCounts;
  /** The deposit's balance afterwards equals what was topped up less what was debited. */
  readonly balanceChecked: boolean;
}

export interface DepositsFigures {
  readonly amountMinorPerDebit: number;
  readonly runs: readonly DepositDebitRunFigures[];
}

const context = lambdaContext("deposits");

function debitEvent(accountId: string, orderId: string, amountMinor: number): HttpEvent {
  return httpEvent({
    method: "POST",
    route: "/accounts/{accountId}/deposit-debits",
    path: `/accounts/${accountId}/deposit-debits`,
    body: { orderId, amountMinor, currency: "EUR" },
    principal: { kind: "operator" },
    headers: { "content-type": "application/json" },
    domainName: "api.example.com",
  });
}

export async function benchmarkDeposits(options: DepositsBenchOptions): Promise<DepositsFigures> {
  const admin = { documentClient: options.adminClient, tableName: options.tableName };
  const amountMinorPerDebit = 100;
  const runs: DepositDebitRunFigures[] = [];
  for (const concurrency of options.concurrencies) {
    const accountId = `bench-deposit-partner-${concurrency}`;
    const topUpMinor = amountMinorPerDebit * options.debitsPerRun;
    await createDepositStore(admin).enable({
      accountId,
      currency: "EUR",
      requestReference: "BENCH",
      enabledAt: systemClock.now().toISOString(),
    });
    const eventId = `bench-deposit-top-up-${concurrency}`;
    await createLedgerStore(admin, systemClock).commit({
      sourceEvent: { eventId, eventType: "deposit.topped_up", payloadHash: "0".repeat(64), outcome: "deposit_topped_up" },
      transfers: [
        depositTopUpTransfer({
          accountId,
          topUpId: eventId,
          amountMinor: topUpMinor,
          currency: "EUR",
          sourceEventId: eventId,
          sourceEventType: "deposit.topped_up",
          paidAt: systemClock.now().toISOString(),
        }),
      ],
    });
    const handler = options.deposits.createDepositsHandler(options.newContainerDependencies());
    const counts = countRequests(options.documentClient);
    const walls: number[] = [];
    let next = 0;
    const started = process.hrtime.bigint();
    const worker = async () => {
      while (next < options.debitsPerRun) {
        const index = next++;
        const begun = process.hrtime.bigint();
        const response = await handler(debitEvent(accountId, `bench-order-${concurrency}-${index}`, amountMinorPerDebit), context);
        walls.push(millisecondsSince(begun));
        if (response.statusCode !== 201) throw new Error(`a debit answered ${response.statusCode}: ${response.body}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = millisecondsSince(started) / 1000;
    stopCountingRequests(options.documentClient);
    const balance = await createLedgerStore(admin, systemClock).readLedgerAccount(holderAccount(accountId, "deposit", "EUR"));
    const run: DepositDebitRunFigures = {
      concurrency,
      debits: options.debitsPerRun,
      debitsPerSecond: options.debitsPerRun / seconds,
      requestsPerDebit: counts.requests / options.debitsPerRun,
      conflictsPerDebit: (counts.failedByError.TransactionCanceledException ?? 0) / options.debitsPerRun,
      wallMillisecondsP50: quantile(walls, 0.5),
      wallMillisecondsP99: quantile(walls, 0.99),
      counts,
      balanceChecked: balance.balanceMinor === 0,
    };
    if (!run.balanceChecked) throw new Error(`the deposit of ${accountId} holds ${balance.balanceMinor} after debiting all it held`);
    options.log(
      `  ${concurrency} in flight: ${run.debitsPerSecond.toFixed(0)} debits/s, ${run.conflictsPerDebit.toFixed(2)} conflicts per debit`,
    );
    runs.push(run);
  }
  return { amountMinorPerDebit, runs };
}
