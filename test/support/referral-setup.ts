/**
 * A fresh table on DynamoDB Local with the demo operator (all five programs) and referral dependencies
 * on a fixed clock, for the referral integration tests.
 */

import { createRedirectDependencies } from "../../functions/wiring/redirect.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createReferralStore, type ReferralStore } from "../../shared/data/referral-store.ts";
import type { TableContext } from "../../shared/data/table-context.ts";
import { fixedClock } from "../../shared/domain/clock.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import type { RandomBytes } from "../../shared/domain/referral-code.ts";
import type { RedirectDependencies } from "../../shared/use-cases/redirect-dependencies.ts";
import type { AttributionDependencies, ReferralOverviewDependencies } from "../../shared/use-cases/referral-dependencies.ts";
import { createTestClickAggregator } from "./click-stream.ts";
import { createTestTable, type TestTable } from "./dynamodb.ts";
import { withGrantsOf } from "./function-grants.ts";

export const testHashSalt = "test-salt";

/** What the redirect, the attribution and the link overview take, in one object (each handler reads its part). */
export type ReferralTestDependencies = RedirectDependencies &
  AttributionDependencies &
  ReferralOverviewDependencies & {
    readonly referralStore: ReferralStore;
  };

export interface ReferralTestSetup {
  readonly table: TestTable;
  readonly tableContext: TableContext;
  readonly clock: ReturnType<typeof fixedClock>;
  /** Runs the click aggregator over the table's stream until every counted click so far is in the counters. */
  aggregateClicks(): Promise<void>;
  /** Fresh dependencies (empty caches), as a new Lambda container would have. */
  dependencies(options?: { readonly randomBytes?: RandomBytes }): ReferralTestDependencies;
}

export async function createReferralTestSetup(startAt = "2026-03-14T10:00:00.000Z"): Promise<ReferralTestSetup> {
  const table = await createTestTable("referrals");
  const tableContext: TableContext = { documentClient: table.documentClient, tableName: table.tableName };
  const clock = fixedClock(startAt);
  await createOperatorConfigStore(tableContext, clock).save(demoOperatorConfig);
  const clickAggregator = createTestClickAggregator({ endpoint: table.endpoint, table: tableContext, clock });
  return {
    table,
    tableContext,
    clock,
    aggregateClicks: () => clickAggregator.drain(),
    dependencies: (options = {}) => {
      const wiring = {
        // The code runs with the grants of the functions these dependencies serve (any of the three).
        table: { ...tableContext, documentClient: withGrantsOf(["redirect", "create-attribution", "get-referral"], table.documentClient) },
        clock,
        hashSalt: testHashSalt,
        ...(options.randomBytes ? { randomBytes: options.randomBytes } : {}),
      };
      // The redirect's wiring, the full configuration and the referral store: one object with one cache per store, serving all three handlers.
      return {
        ...createRedirectDependencies(wiring),
        operatorConfigStore: createOperatorConfigStore(wiring.table, clock),
        referralStore: createReferralStore(wiring.table),
      };
    },
  };
}
