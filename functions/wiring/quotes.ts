/**
 * The quotes' wiring, at the edge: the discount and service stores on the table, the configuration (the
 * time zone of a quote's day, read when a line names a service) and the clock. The create-quote function
 * reads and writes nothing: no outbound queue.
 */
import { createDiscountStore } from "../../shared/data/discount-store.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createServiceStore } from "../../shared/data/service-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { QuoteDependencies } from "../../shared/use-cases/price-quote.ts";

export function createQuoteDependencies(options: { readonly table: TableContext; readonly clock?: Clock }): QuoteDependencies {
  const clock = options.clock ?? systemClock;
  return {
    discountStore: createDiscountStore(options.table),
    serviceStore: createServiceStore(options.table),
    operatorConfigStore: createOperatorConfigStore(options.table, clock),
    clock,
  };
}

/** POST /quotes in production: the table from the environment, the system clock. */
export function quoteDependenciesFromEnvironment(): QuoteDependencies {
  return createQuoteDependencies({ table: defaultTableContext() });
}
