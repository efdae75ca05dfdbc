/**
 * POST /quotes (the operator): prices a basket for an account on a day with the discounts in force
 * (docs/discounts.md, "Quotes"; the rules are shared/domain/quotes.ts). Each line gets the discounts of
 * its payer (the quote's account unless the line names another), of every program and role, so the
 * reads are one Query per distinct payer (AP42, `ACCOUNT#id` / `DISCOUNT#`), at most
 * discountLimits.quotePayerQueriesInFlight at once: a basket paid by its account alone is one Query,
 * whatever its number of lines. Writes nothing.
 */
import type { DiscountStore } from "../data/discount-store.ts";
import { type PricedLine, priceBasket, type QuoteLine } from "../domain/quotes.ts";
import { discountLimits } from "../limits.ts";
import type { Quote, QuoteRequest } from "../schemas/quote-api.ts";
import { inFlightAtMost } from "./in-flight.ts";

export interface QuoteDependencies {
  readonly discountStore: Pick<DiscountStore, "listDiscounts">;
}

/** The request's lines with their payer and administrator: the quote's account where a line names none. */
export function quoteLinesOf(request: QuoteRequest): QuoteLine[] {
  return request.lines.map((line) => ({
    sku: line.sku,
    category: line.category,
    quantity: line.quantity,
    unitListPriceMinor: line.unitListPriceMinor,
    currency: line.currency,
    unitPurchaseCostMinor: line.unitPurchaseCostMinor,
    payerAccountId: line.payerAccountId ?? request.accountId,
    administratorAccountId: line.administratorAccountId ?? request.accountId,
  }));
}

function lineOfQuote(line: PricedLine): Quote["lines"][number] {
  return {
    sku: line.sku,
    category: line.category,
    quantity: line.quantity,
    currency: line.currency,
    unitListPriceMinor: line.unitListPriceMinor,
    ...(line.unitPurchaseCostMinor === undefined ? {} : { unitPurchaseCostMinor: line.unitPurchaseCostMinor }),
    payerAccountId: line.payerAccountId,
    administratorAccountId: line.administratorAccountId,
    listPriceMinor: line.listPriceMinor,
    discounts: [...line.discounts],
    discountedPriceMinor: line.discountedPriceMinor,
    ...(line.floorRaisedByMinor === undefined ? {} : { floorRaisedByMinor: line.floorRaisedByMinor }),
    finalPriceMinor: line.finalPriceMinor,
  };
}

export async function priceQuote(deps: QuoteDependencies, request: QuoteRequest): Promise<Quote> {
  const lines = quoteLinesOf(request);
  const payers = [...new Set(lines.map((line) => line.payerAccountId))];
  const discounts = await inFlightAtMost(payers, discountLimits.quotePayerQueriesInFlight, (payer) =>
    deps.discountStore.listDiscounts(payer),
  );
  const discountsByPayer = new Map(payers.map((payer, index) => [payer, discounts[index]!]));
  const basket = priceBasket(lines, discountsByPayer, request.date);
  return { accountId: request.accountId, date: request.date, lines: basket.lines.map(lineOfQuote), totals: [...basket.totals] };
}
