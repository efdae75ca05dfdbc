/**
 * What following a referral link needs: the click store and the operator configuration (through the
 * redirect's view of it) on the table, the clock, the hashing salt and a random source (click ids).
 * Built at the edge (functions/wiring/redirect.ts), once per container; tests build the same object on
 * DynamoDB Local with a fixed clock. Apart from the referral use cases' dependencies
 * (referral-dependencies.ts) so the redirect never imports the referral store.
 */
import type { ClickStore } from "../data/click-store.ts";
import type { OperatorConfigReader } from "../data/operator-config-reader.ts";
import type { Clock } from "../domain/clock.ts";
import type { RandomBytes } from "../domain/referral-code.ts";
import type { RedirectConfig } from "../schemas/redirect-config.ts";

export interface RedirectDependencies {
  readonly clickStore: ClickStore;
  /** The operator configuration, read through the redirect's view of it. */
  readonly redirectConfigReader: OperatorConfigReader<RedirectConfig>;
  readonly clock: Clock;
  /** HASH_SALT: keys the visitor hashes. */
  readonly hashSalt: string;
  readonly randomBytes: RandomBytes;
}
