/**
 * The operator configuration lives in one item (AP1), validated on every write and on every read.
 * Warm containers keep it for `limits.operatorConfigCacheSeconds`, so the redirect hot path does not
 * read it per request.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { DomainError } from "../errors.ts";
import { limits } from "../limits.ts";
import { type OperatorConfig, type OperatorConfigInput, operatorConfigSchema } from "../schemas/operator-config.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

export interface OperatorConfigStore {
  /** The current configuration; throws when the operator has not configured the system. */
  loadOrThrow(): Promise<OperatorConfig>;
  save(config: OperatorConfigInput): Promise<OperatorConfig>;
}

export function createOperatorConfigStore(table: TableContext, clock: Clock): OperatorConfigStore {
  let cached: { config: OperatorConfig; loadedAtMilliseconds: number } | undefined;
  return {
    async loadOrThrow() {
      const nowMilliseconds = clock.now().getTime();
      if (cached && nowMilliseconds - cached.loadedAtMilliseconds < limits.operatorConfigCacheSeconds * 1000) return cached.config;
      const result = await table.documentClient.send(
        new GetCommand({ TableName: table.tableName, Key: keys.operatorConfig(), ConsistentRead: false }),
      );
      if (!result.Item)
        throw new DomainError("configuration_invalid", "the operator configuration is missing: seed it (npm start does) or PUT it");
      const parsed = operatorConfigSchema.safeParse(result.Item.config);
      if (!parsed.success)
        throw new DomainError("configuration_invalid", `the stored operator configuration is invalid: ${parsed.error.message}`);
      cached = { config: parsed.data, loadedAtMilliseconds: nowMilliseconds };
      return parsed.data;
    },
    async save(input) {
      const config = operatorConfigSchema.parse(input);
      await table.documentClient.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...keys.operatorConfig(), entityType: "OperatorConfig", config, updatedAt: clock.now().toISOString() },
        }),
      );
      cached = { config, loadedAtMilliseconds: clock.now().getTime() };
      return config;
    },
  };
}

export function findProgram(config: OperatorConfig, programId: string) {
  return config.programs.find((program) => program.programId === programId);
}
