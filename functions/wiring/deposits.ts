/**
 * The deposit routes' wiring, at the edge: the deposit and ledger stores on the table, the operator
 * configuration (its time zone for statements), the clock. The CLI and the tests build the same on the
 * table they name.
 */
import { createDepositStore } from "../../shared/data/deposit-store.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { DepositDependencies } from "../../shared/use-cases/deposits.ts";

export function createDepositDependencies(table: TableContext, clock: Clock): DepositDependencies {
  return {
    depositStore: createDepositStore(table),
    ledgerStore: createLedgerStore(table, clock),
    operatorConfigStore: createOperatorConfigStore(table, clock),
    clock,
  };
}

/** The production wiring: the table from the environment (validated once), the system clock. */
export function depositDependenciesFromEnvironment(): DepositDependencies {
  return createDepositDependencies(defaultTableContext(), systemClock);
}
