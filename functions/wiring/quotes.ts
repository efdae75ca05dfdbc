/**
 * The quotes' wiring, at the edge: the discount store on the table, and nothing else (the create-quote
 * function reads the discounts and writes nothing: no outbound queue, no configuration, no clock).
 */
import { createDiscountStore } from "../../shared/data/discount-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import type { QuoteDependencies } from "../../shared/use-cases/price-quote.ts";

export function createQuoteDependencies(options: { readonly table: TableContext }): QuoteDependencies {
  return { discountStore: createDiscountStore(options.table) };
}

/** POST /quotes in production: the table from the environment. */
export function quoteDependenciesFromEnvironment(): QuoteDependencies {
  return createQuoteDependencies({ table: defaultTableContext() });
}
