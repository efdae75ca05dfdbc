/**
 * The partner programs' wiring (applications, levels), at the edge: the stores on the table, the outbound sender, the clock
 * and the random source of application ids (shared/use-cases/partner-dependencies.ts says what they
 * are). The handlers build the production wiring from the environment once per container; the tests
 * build it on the table and queue they name.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { runtimeConfig } from "../../shared/config.ts";
import { sharedQueueClient } from "../../shared/data/client.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOutboundSender } from "../../shared/data/message-queues.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createPartnerLevelStore } from "../../shared/data/partner-level-store.ts";
import { createPartnerRevenueStore } from "../../shared/data/partner-revenue-store.ts";
import { createPartnerStore } from "../../shared/data/partner-store.ts";
import { createServiceStore } from "../../shared/data/service-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import { cryptoRandomBytes, type RandomBytes } from "../../shared/domain/referral-code.ts";
import type { PartnerDependencies } from "../../shared/use-cases/partner-dependencies.ts";

export function createPartnerDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly queueClient: SQSClient;
  readonly outboundQueueUrl: string | undefined;
  readonly randomBytes?: RandomBytes;
}): PartnerDependencies {
  return {
    ledgerStore: createLedgerStore(options.table, options.clock),
    partnerStore: createPartnerStore(options.table),
    partnerLevelStore: createPartnerLevelStore(options.table),
    serviceStore: createServiceStore(options.table),
    partnerRevenueStore: createPartnerRevenueStore(options.table),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    outbound: createOutboundSender(options.queueClient, options.outboundQueueUrl),
    clock: options.clock,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
  };
}

/** The production wiring: the table and the outbound queue from the environment (validated once), the system clock. */
export function partnerDependenciesFromEnvironment(): PartnerDependencies {
  return createPartnerDependencies({
    table: defaultTableContext(),
    clock: systemClock,
    queueClient: sharedQueueClient(),
    outboundQueueUrl: runtimeConfig().OUTBOUND_QUEUE_URL,
  });
}
