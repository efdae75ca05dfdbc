/**
 * The discounts' wiring, at the edge: the discount and ledger stores on the table, the outbound queue,
 * the configuration and the clock (shared/use-cases/discount-dependencies.ts). The trigger, the daily
 * schedule and the discounts route build it from the environment once per container (the quotes take only
 * the discount store: functions/wiring/quotes.ts); tests and the bench build it on DynamoDB Local.
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
