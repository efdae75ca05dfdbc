/**
 * What the referral use cases need, built once per container: the stores on the table, the clock, the
 * hashing salt and a random source. Tests build the same object on DynamoDB Local with a fixed clock.
 */
import { runtimeConfig } from "../config.ts";
import { systemClock, type Clock } from "../domain/clock.ts";
import { cryptoRandomBytes, type RandomBytes } from "../domain/referral-code.ts";
import { createOperatorConfigStore, type OperatorConfigStore } from "../data/operator-config-store.ts";
import { createReferralStore, type ReferralStore } from "../data/referral-store.ts";
import { defaultTableContext, type TableContext } from "../data/table-context.ts";

export interface ReferralDependencies {
  readonly referralStore: ReferralStore;
  readonly operatorConfigStore: OperatorConfigStore;
  readonly clock: Clock;
  /** HASH_SALT: keys the visitor, e-mail and payment-fingerprint hashes. */
  readonly hashSalt: string;
  readonly randomBytes: RandomBytes;
}

export function createReferralDependencies(options: { readonly table: TableContext; readonly clock: Clock; readonly hashSalt: string; readonly randomBytes?: RandomBytes }): ReferralDependencies {
  const randomBytes = options.randomBytes ?? cryptoRandomBytes;
  return {
    referralStore: createReferralStore(options.table, options.clock, { randomBytes }),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    clock: options.clock,
    hashSalt: options.hashSalt,
    randomBytes,
  };
}

/** The production wiring: table and salt from the environment (validated at cold start), the system clock. */
export function referralDependenciesFromEnvironment(): ReferralDependencies {
  return createReferralDependencies({ table: defaultTableContext(), clock: systemClock, hashSalt: runtimeConfig().HASH_SALT });
}
