/**
 * The operator configuration lives in one item (AP1), validated in full on every write and on every
 * read (shared/schemas/operator-config.ts). Reads go through the per-container cache of
 * shared/data/operator-config-reader.ts; the redirect reads the same item with its own view of it.
 *
 * An edit (the operator CLI's `program create|edit`) reads the item with its `updatedAt` and replaces it
 * only if no one wrote it in between (`replaceIfUnchanged`), so two edits at once never lose one.
 * Functions see a change once their cache has expired (`limits.operatorConfigCacheSeconds`).
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { type OperatorConfig, type OperatorConfigInput, operatorConfigSchema } from "../schemas/operator-config.ts";
import { isConditionalCheckFailed } from "./aws-errors.ts";
import { keys } from "./keys.ts";
import { createOperatorConfigReader, type OperatorConfigReader } from "./operator-config-reader.ts";
import type { TableContext } from "./table-context.ts";

/** The stored item as written, unvalidated: an edit must be able to read (and repair) an invalid one. */
export interface StoredOperatorConfig {
  readonly config: unknown;
  readonly updatedAt: string;
}

export interface OperatorConfigStore extends OperatorConfigReader<OperatorConfig> {
  save(config: OperatorConfigInput): Promise<OperatorConfig>;
  /** The item as stored (strongly consistent), or undefined when none was ever written. */
  readStored(): Promise<StoredOperatorConfig | undefined>;
  /**
   * Writes the configuration (validated) unless the item changed since it was read: `expectedUpdatedAt`
   * is the `updatedAt` read, or undefined when there was no item. Returns false when someone else wrote first.
   */
  replaceIfUnchanged(config: OperatorConfigInput, expectedUpdatedAt: string | undefined): Promise<boolean>;
}

export function createOperatorConfigStore(table: TableContext, clock: Clock): OperatorConfigStore {
  const reader = createOperatorConfigReader(table, clock, operatorConfigSchema);
  const put = async (input: OperatorConfigInput, expectedUpdatedAt?: string | null) => {
    const config = operatorConfigSchema.parse(input);
    const item = { ...keys.operatorConfig(), entityType: "OperatorConfig", config, updatedAt: clock.now().toISOString() };
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: item,
        ...(expectedUpdatedAt === undefined
          ? {}
          : expectedUpdatedAt === null
            ? { ConditionExpression: "attribute_not_exists(pk)" }
            : { ConditionExpression: "updatedAt = :expected", ExpressionAttributeValues: { ":expected": expectedUpdatedAt } }),
      }),
    );
    reader.remember(config);
    return config;
  };
  return {
    loadOrThrow: () => reader.loadOrThrow(),
    save: (input) => put(input),
    async readStored() {
      const result = await table.documentClient.send(
        new GetCommand({ TableName: table.tableName, Key: keys.operatorConfig(), ConsistentRead: true }),
      );
      if (!result.Item) return undefined;
      return { config: result.Item.config as unknown, updatedAt: String(result.Item.updatedAt) };
    },
    async replaceIfUnchanged(input, expectedUpdatedAt) {
      try {
        await put(input, expectedUpdatedAt ?? null);
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },
  };
}
