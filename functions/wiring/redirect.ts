/**
 * The redirect's wiring, at the edge: the click store and the operator configuration (its redirect view) on the table, the
 * clock, the salt and the random source (shared/use-cases/redirect-dependencies.ts says what they are).
 * Only what the redirect needs, so its bundle stays small: no referral store, no ledger.
 */
import { hashSaltOrThrow } from "../../shared/config.ts";
import { createClickStore } from "../../shared/data/click-store.ts";
import { createOperatorConfigReader } from "../../shared/data/operator-config-reader.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import { cryptoRandomBytes, type RandomBytes } from "../../shared/domain/referral-code.ts";
import { redirectConfigSchema } from "../../shared/schemas/redirect-config.ts";
import type { RedirectDependencies } from "../../shared/use-cases/redirect-dependencies.ts";

/** The redirect's stores on `options.table`, each with empty caches, as a new container has them. */
export function createRedirectDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly hashSalt: string;
  readonly randomBytes?: RandomBytes;
}): RedirectDependencies {
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
