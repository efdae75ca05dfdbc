/**
 * What following a referral link needs, built once per container: the click store and the operator
 * configuration on the table, the clock, the hashing salt and a random source. Separate from the
 * referral use cases' dependencies (referral-dependencies.ts, a superset) so the redirect function
 * never imports the referral store. Tests build the same object on DynamoDB Local with a fixed clock.
 */
import { hashSaltOrThrow } from "../config.ts";
import { type ClickStore, createClickStore } from "../data/click-store.ts";
import { createOperatorConfigReader, type OperatorConfigReader } from "../data/operator-config-reader.ts";
import { defaultTableContext, type TableContext } from "../data/table-context.ts";
import { type Clock, systemClock } from "../domain/clock.ts";
import { cryptoRandomBytes, type RandomBytes } from "../domain/referral-code.ts";
import { type RedirectConfig, redirectConfigSchema } from "../schemas/redirect-config.ts";

export interface RedirectDependencies {
  readonly clickStore: ClickStore;
  /** The operator configuration, read through the redirect's view of it. */
  readonly redirectConfigReader: OperatorConfigReader<RedirectConfig>;
  readonly clock: Clock;
  /** HASH_SALT: keys the visitor, e-mail and payment-fingerprint hashes. */
  readonly hashSalt: string;
  readonly randomBytes: RandomBytes;
}

export interface DependencyOptions {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly hashSalt: string;
  readonly randomBytes?: RandomBytes;
}

/** The redirect's stores on `options.table`, each with empty caches, as a new container has them. */
export function createRedirectDependencies(options: DependencyOptions): RedirectDependencies {
  return {
    clickStore: createClickStore(options.table, options.clock),
    redirectConfigReader: createOperatorConfigReader(options.table, options.clock, redirectConfigSchema),
    clock: options.clock,
    hashSalt: options.hashSalt,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
  };
}

/** The production wiring: table and salt from the environment (validated at cold start), the system clock. */
export function redirectDependenciesFromEnvironment(): RedirectDependencies {
  return createRedirectDependencies({ table: defaultTableContext(), clock: systemClock, hashSalt: hashSaltOrThrow() });
}
