/**
 * What the referral use cases (link overview, attribution) need, built once per container: the
 * redirect's dependencies (the click store resolves codes through its cache) and the referral store.
 * Tests build the same object on DynamoDB Local with a fixed clock.
 */
import { hashSaltOrThrow } from "../config.ts";
import { createOperatorConfigStore, type OperatorConfigStore } from "../data/operator-config-store.ts";
import { createReferralStore, type ReferralStore } from "../data/referral-store.ts";
import { defaultTableContext } from "../data/table-context.ts";
import { systemClock } from "../domain/clock.ts";
import { createRedirectDependencies, type DependencyOptions, type RedirectDependencies } from "./redirect-dependencies.ts";

/** The redirect's dependencies (tests drive the redirect with them) and the configuration in full, which the attribution reads. */
export interface ReferralDependencies extends RedirectDependencies {
  readonly operatorConfigStore: OperatorConfigStore;
  readonly referralStore: ReferralStore;
}

export function createReferralDependencies(options: DependencyOptions): ReferralDependencies {
  const redirectDependencies = createRedirectDependencies(options);
  return {
    ...redirectDependencies,
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    referralStore: createReferralStore(options.table, options.clock, { randomBytes: redirectDependencies.randomBytes }),
  };
}

/** What the link overview needs: no click store and no salt (it hashes nothing). */
export type ReferralOverviewDependencies = Pick<ReferralDependencies, "operatorConfigStore" | "referralStore" | "clock">;

/** The production wiring: table and salt from the environment (validated at cold start), the system clock. */
export function referralDependenciesFromEnvironment(): ReferralDependencies {
  return createReferralDependencies({ table: defaultTableContext(), clock: systemClock, hashSalt: hashSaltOrThrow() });
}

/** The link overview's production wiring: the table from the environment, no HASH_SALT (the function does not get it). */
export function referralOverviewDependenciesFromEnvironment(): ReferralOverviewDependencies {
  const table = defaultTableContext();
  return {
    operatorConfigStore: createOperatorConfigStore(table, systemClock),
    referralStore: createReferralStore(table, systemClock),
    clock: systemClock,
  };
}
