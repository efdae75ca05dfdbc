/**
 * The withdrawals' wiring, at the edge: the stores on the table, the outbound sender, the clock
 * (shared/use-cases/withdrawal-dependencies.ts says what they are). The withdrawal and contract handlers
 * build the production wiring from the environment once per container; the CLI and the tests build it
 * on the table and queue they name.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { runtimeConfig } from "../../shared/config.ts";
import { sharedQueueClient } from "../../shared/data/client.ts";
import { createContractStore } from "../../shared/data/contract-store.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOutboundSender } from "../../shared/data/message-queues.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { createWithdrawalStore } from "../../shared/data/withdrawal-store.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { WithdrawalDependencies } from "../../shared/use-cases/withdrawal-dependencies.ts";

export function createWithdrawalDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly queueClient: SQSClient;
  readonly outboundQueueUrl: string | undefined;
}): WithdrawalDependencies {
  return {
    ledgerStore: createLedgerStore(options.table, options.clock),
    withdrawalStore: createWithdrawalStore(options.table),
    contractStore: createContractStore(options.table),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    outbound: createOutboundSender(options.queueClient, options.outboundQueueUrl),
    clock: options.clock,
  };
}

/** The production wiring: the table and the outbound queue from the environment (validated once), the system clock. */
export function withdrawalDependenciesFromEnvironment(): WithdrawalDependencies {
  return createWithdrawalDependencies({
    table: defaultTableContext(),
    clock: systemClock,
    queueClient: sharedQueueClient(),
    outboundQueueUrl: runtimeConfig().OUTBOUND_QUEUE_URL,
  });
}
