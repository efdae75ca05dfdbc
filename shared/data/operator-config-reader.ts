/**
 * Reading the operator configuration's one item (AP1) through a per-container cache: warm containers
 * keep it for `limits.operatorConfigCacheSeconds`, so the redirect's hot path does not read it per
 * request. Each reader parses the stored configuration with the schema it is given: the full schema
 * (shared/data/operator-config-store.ts, which also writes it) or the redirect's view of it
 * (shared/schemas/redirect-config.ts). No schema is imported here, so the redirect's bundle carries only
 * its view.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { DomainError } from "../errors.ts";
import { limits } from "../limits.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

export interface OperatorConfigReader<Config> {
  /** The current configuration; throws when the operator has not configured the system. */
  loadOrThrow(): Promise<Config>;
}

/** A zod schema, full or mini, of the stored configuration or of a view of it. */
export interface StoredConfigSchema<Config> {
  safeParse(stored: unknown): { success: true; data: Config } | { success: false; error: { message: string } };
}

export interface CachingOperatorConfigReader<Config> extends OperatorConfigReader<Config> {
  /** Caches a configuration just written, as if read now. */
  remember(config: Config): void;
}

export function createOperatorConfigReader<Config>(
  table: TableContext,
  clock: Clock,
  schema: StoredConfigSchema<Config>,
): CachingOperatorConfigReader<Config> {
  let cached: { config: Config; loadedAtMilliseconds: number } | undefined;
  return {
    async loadOrThrow() {
      const nowMilliseconds = clock.now().getTime();
      if (cached && nowMilliseconds - cached.loadedAtMilliseconds < limits.operatorConfigCacheSeconds * 1000) return cached.config;
      const result = await table.documentClient.send(
        new GetCommand({ TableName: table.tableName, Key: keys.operatorConfig(), ConsistentRead: false }),
      );
      if (!result.Item)
        throw new DomainError("configuration_invalid", "the operator configuration is missing: seed it (npm start does) or PUT it");
      const parsed = schema.safeParse(result.Item.config);
      if (!parsed.success)
        throw new DomainError("configuration_invalid", `the stored operator configuration is invalid: ${parsed.error.message}`);
      cached = { config: parsed.data, loadedAtMilliseconds: nowMilliseconds };
      return parsed.data;
    },
    remember(config) {
      cached = { config, loadedAtMilliseconds: clock.now().getTime() };
    },
  };
}

/** The program of that id in a configuration, full or a view of it. */
export function findProgram<Program extends { readonly programId: string }>(
  config: { readonly programs: readonly Program[] },
  programId: string,
): Program | undefined {
  return config.programs.find((program) => program.programId === programId);
}
