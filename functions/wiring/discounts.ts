/**
 * The discounts' wiring, at the edge: the discount and ledger stores on the table, the outbound queue,
 * the configuration and the clock (shared/use-cases/discount-dependencies.ts). The trigger and the daily
 * schedule build it from the environment once per container; the discounts route builds only what it
 * reads (no queue), the quotes only the discount store (functions/wiring/quotes.ts). Tests and the bench
 * build the same on DynamoDB Local.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { runtimeConfig } from "../../shared/config.ts";
import { sharedQueueClient } from "../../shared/data/client.ts";
import { createDiscountStore } from "../../shared/data/discount-store.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOutboundSender } from "../../shared/data/message-queues.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { DiscountDependencies } from "../../shared/use-cases/discount-dependencies.ts";
import type { DiscountReadDependencies } from "../../shared/use-cases/read-discounts.ts";

export function createDiscountDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly queueClient: SQSClient;
  readonly outboundQueueUrl: string | undefined;
}): DiscountDependencies {
  return {
    discountStore: createDiscountStore(options.table),
    ledgerStore: createLedgerStore(options.table, options.clock),
    outbound: createOutboundSender(options.queueClient, options.outboundQueueUrl),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    clock: options.clock,
  };
}

/** The production wiring: the table and the outbound queue from the environment, the system clock. */
export function discountDependenciesFromEnvironment(): DiscountDependencies {
  return createDiscountDependencies({
    table: defaultTableContext(),
    clock: systemClock,
    queueClient: sharedQueueClient(),
    outboundQueueUrl: runtimeConfig().OUTBOUND_QUEUE_URL,
  });
}

/** GET /accounts/{id}/discounts: the discount store and the configuration on the table from the environment; no queue. */
export function createDiscountReadDependencies(options: { readonly table: TableContext; readonly clock: Clock }): DiscountReadDependencies {
  return {
    discountStore: createDiscountStore(options.table),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
  };
}

export function discountReadDependenciesFromEnvironment(): DiscountReadDependencies {
  return createDiscountReadDependencies({ table: defaultTableContext(), clock: systemClock });
}
