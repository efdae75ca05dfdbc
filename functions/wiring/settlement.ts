/**
 * Settlement's wiring, at the edge (shared/use-cases/settlement-dependencies.ts says what it is): the
 * scheduled start, the queue worker and the operator's settlement routes build it from the environment
 * once per container; tests build it on DynamoDB Local and the local SQS endpoint.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { runtimeConfig } from "../../shared/config.ts";
import { sharedQueueClient } from "../../shared/data/client.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOutboundSender, createSettlementWorkSender } from "../../shared/data/message-queues.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createPeriodAccrualStore } from "../../shared/data/period-accrual-store.ts";
import { createSettlementStore } from "../../shared/data/settlement-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { CommissionRateDependencies, SettlementDependencies } from "../../shared/use-cases/settlement-dependencies.ts";

export function createSettlementDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly queueClient: SQSClient;
  readonly outboundQueueUrl: string | undefined;
  readonly settlementQueueUrl: string | undefined;
  /** Accounts per page of the settlement index (default settlementLimits.pageSize). */
  readonly pageSize?: number;
}): SettlementDependencies {
  return {
    ledgerStore: createLedgerStore(options.table, options.clock),
    settlementStore: createSettlementStore(options.table, options.clock, options.pageSize),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    outbound: createOutboundSender(options.queueClient, options.outboundQueueUrl),
    settlementWork: createSettlementWorkSender(options.queueClient, options.settlementQueueUrl),
    clock: options.clock,
  };
}

/** The production wiring: table and queue URLs from the environment (validated once), the system clock. */
export function settlementDependenciesFromEnvironment(): SettlementDependencies {
  const config = runtimeConfig();
  return createSettlementDependencies({
    table: defaultTableContext(),
    clock: systemClock,
    queueClient: sharedQueueClient(),
    outboundQueueUrl: config.OUTBOUND_QUEUE_URL,
    settlementQueueUrl: config.SETTLEMENT_QUEUE_URL,
  });
}

/** A partner's commission rate view (GET …/commission-rates/{programId}): the table's stores it reads, and the clock. */
export function createCommissionRateDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
}): CommissionRateDependencies {
  return {
    settlementStore: createSettlementStore(options.table, options.clock),
    periodAccrualStore: createPeriodAccrualStore(options.table, options.clock),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    clock: options.clock,
  };
}

export function commissionRateDependenciesFromEnvironment(): CommissionRateDependencies {
  return createCommissionRateDependencies({ table: defaultTableContext(), clock: systemClock });
}
