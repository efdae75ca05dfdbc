/**
 * What the statement needs: the ledger store's balances, the statement store's reads and the
 * configuration (the time zone, the commission programs). Reads only. Built at the edge
 * (functions/wiring/statement.ts); tests build it on DynamoDB Local.
 */
import type { LedgerStore } from "../data/ledger-store.ts";
import type { OperatorConfigReader } from "../data/operator-config-reader.ts";
import type { StatementStore } from "../data/statement-store.ts";
import type { OperatorConfig } from "../schemas/operator-config.ts";

export interface StatementDependencies {
  readonly ledgerStore: Pick<LedgerStore, "listLedgerAccounts">;
  readonly statementStore: StatementStore;
  readonly operatorConfigStore: OperatorConfigReader<OperatorConfig>;
}
