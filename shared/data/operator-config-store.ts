/**
 * The operator configuration lives in one item (AP1), validated in full on every write and on every
 * read (shared/schemas/operator-config.ts). Reads go through the per-container cache of
 * shared/data/operator-config-reader.ts; the redirect reads the same item with its own view of it.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { type OperatorConfig, type OperatorConfigInput, operatorConfigSchema } from "../schemas/operator-config.ts";
import { keys } from "./keys.ts";
import { createOperatorConfigReader, type OperatorConfigReader } from "./operator-config-reader.ts";
import type { TableContext } from "./table-context.ts";

export interface OperatorConfigStore extends OperatorConfigReader<OperatorConfig> {
  save(config: OperatorConfigInput): Promise<OperatorConfig>;
}

export function createOperatorConfigStore(table: TableContext, clock: Clock): OperatorConfigStore {
  const reader = createOperatorConfigReader(table, clock, operatorConfigSchema);
  return {
    loadOrThrow: () => reader.loadOrThrow(),
    async save(input) {
      const config = operatorConfigSchema.parse(input);
      await table.documentClient.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...keys.operatorConfig(), entityType: "OperatorConfig", config, updatedAt: clock.now().toISOString() },
        }),
      );
      reader.remember(config);
      return config;
    },
  };
}
