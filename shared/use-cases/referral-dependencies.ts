/**
 * What the referral use cases (link overview, attribution) need, built once per container: the
 * redirect's dependencies (the click store resolves codes through its cache) and the referral store.
 * Tests build the same object on DynamoDB Local with a fixed clock.
 */
import { runtimeConfig } from "../config.ts";
import { createReferralStore, type ReferralStore } from "../data/referral-store.ts";
import { defaultTableContext } from "../data/table-context.ts";
import { systemClock } from "../domain/clock.ts";
import { createRedirectDependencies, type DependencyOptions, type RedirectDependencies } from "./redirect-dependencies.ts";

export interface ReferralDependencies extends RedirectDependencies {
  readonly referralStore: ReferralStore;
}

export function createReferralDependencies(options: DependencyOptions): ReferralDependencies {
  const redirectDependencies = createRedirectDependencies(options);
  return {
    ...redirectDependencies,
    referralStore: createReferralStore(options.table, options.clock, { randomBytes: redirectDependencies.randomBytes }),
  };
}

/** The production wiring: table and salt from the environment (validated at cold start), the system clock. */
export function referralDependenciesFromEnvironment(): ReferralDependencies {
  return createReferralDependencies({ table: defaultTableContext(), clock: systemClock, hashSalt: runtimeConfig().HASH_SALT });
}
