/**
 * The click aggregator's wiring, at the edge: the click counter store on the table
 * (shared/use-cases/aggregate-clicks.ts takes it).
 */
import { createClickCounterStore } from "../../shared/data/click-counter-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { ClickAggregatorDependencies } from "../../shared/use-cases/aggregate-clicks.ts";

export function createClickAggregatorDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
}): ClickAggregatorDependencies {
  return { clickCounterStore: createClickCounterStore(options.table, options.clock) };
}

/** The production wiring: the table from the environment, the system clock. */
export function clickAggregatorDependenciesFromEnvironment(): ClickAggregatorDependencies {
  return createClickAggregatorDependencies({ table: defaultTableContext(), clock: systemClock });
}
