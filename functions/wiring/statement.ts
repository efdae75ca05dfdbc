/**
 * The statement's wiring, at the edge (shared/use-cases/statement-dependencies.ts says what it is): the
 * get-statement handler builds it from the environment once per container; tests and the CLI build it
 * on DynamoDB Local.
 */
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createStatementStore } from "../../shared/data/statement-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { StatementDependencies } from "../../shared/use-cases/statement-dependencies.ts";

export function createStatementDependencies(table: TableContext, clock: Clock): StatementDependencies {
  return {
    ledgerStore: createLedgerStore(table, clock),
    statementStore: createStatementStore(table),
    operatorConfigStore: createOperatorConfigStore(table, clock),
  };
}

/** The production wiring: the table from the environment, the system clock (the configuration's cache). */
export function statementDependenciesFromEnvironment(): StatementDependencies {
  return createStatementDependencies(defaultTableContext(), systemClock);
}
