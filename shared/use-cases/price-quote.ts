/**
 * POST /quotes (the operator): prices a basket for an account on a day with the discounts in force
 * (docs/discounts.md, "Quotes"; the rules are shared/domain/quotes.ts). Each line gets the discounts of
 * its payer, of every program and role, and the payer's partner levels (the payer rule, ACTIVE 24). The
 * payer of a line naming a service is the one its history records at the quote's date (the end of that
 * operator-local day, or now for today or a later day; AP25, one Query per distinct service), of a line
 * naming a payer that payer, else the quote's account. The pricing reads are one Query per distinct
 * payer (AP42, `ACCOUNT#id` / `DISCOUNT#`: discounts and partner levels together), at most
 * discountLimits.quotePayerQueriesInFlight at once: a basket paid by its account alone is one Query,
 * whatever its number of lines. Writes nothing.
 */
import type { AccountPricing, DiscountStore } from "../data/discount-store.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import type { ServiceStore } from "../data/service-store.ts";
import { addDays, fromLocal, parseLocalDate } from "../domain/calendar.ts";
import type { Clock } from "../domain/clock.ts";
import { type PricedLine, priceBasket, type QuoteLine } from "../domain/quotes.ts";
import { discountLimits } from "../limits.ts";
import type { Quote, QuoteRequest } from "../schemas/quote-api.ts";
import type { ServicePayerChangeItem } from "../schemas/service-items.ts";
import { inFlightAtMost } from "./in-flight.ts";

export interface QuoteDependencies {
  readonly discountStore: Pick<DiscountStore, "listPricing">;
  readonly serviceStore: Pick<ServiceStore, "payerOf">;
  /** The time zone of the quote's day, read only when a line names a service. */
  readonly operatorConfigStore: Pick<OperatorConfigStore, "loadOrThrow">;
  readonly clock: Clock;
}

type PayerSource = Quote["lines"][number]["payerSource"];

interface ResolvedLine extends QuoteLine {
  readonly serviceId: string | undefined;
  readonly payerSource: PayerSource;
}

/** The instant a service's payer is read at for a quote on `date`: the end of that operator-local day, or now when that is earlier. */
export function payerInstantOf(date: string, timeZone: string, now: Date): Date {
  const endOfDay = new Date(fromLocal(addDays(parseLocalDate(date), 1), timeZone).getTime() - 1);
  return endOfDay.getTime() < now.getTime() ? endOfDay : now;
}

async function servicePayers(deps: QuoteDependencies, request: QuoteRequest): Promise<Map<string, ServicePayerChangeItem | undefined>> {
  const serviceIds = [...new Set(request.lines.flatMap((line) => (line.serviceId === undefined ? [] : [line.serviceId])))];
  if (serviceIds.length === 0) return new Map();
  const config = await deps.operatorConfigStore.loadOrThrow();
  const at = payerInstantOf(request.date, config.timeZone, deps.clock.now());
  const payers = await inFlightAtMost(serviceIds, discountLimits.quotePayerQueriesInFlight, (serviceId) =>
    deps.serviceStore.payerOf(serviceId, at),
  );
  return new Map(serviceIds.map((serviceId, index) => [serviceId, payers[index]]));
}

/** The request's lines with their payer and administrator, and where the payer comes from. */
export function quoteLinesOf(
  request: QuoteRequest,
  payersByService: ReadonlyMap<string, ServicePayerChangeItem | undefined>,
): ResolvedLine[] {
  return request.lines.map((line) => {
    const recorded = line.serviceId === undefined ? undefined : payersByService.get(line.serviceId);
    const payerSource: PayerSource = recorded ? "service_history" : line.payerAccountId === undefined ? "quote_account" : "line";
    return {
      sku: line.sku,
      category: line.category,
      quantity: line.quantity,
      unitListPriceMinor: line.unitListPriceMinor,
      currency: line.currency,
      unitPurchaseCostMinor: line.unitPurchaseCostMinor,
      serviceId: line.serviceId,
      payerAccountId: recorded?.payerAccountId ?? line.payerAccountId ?? request.accountId,
      administratorAccountId: recorded?.administratorAccountId ?? line.administratorAccountId ?? request.accountId,
      payerSource,
    };
  });
}

function lineOfQuote(line: PricedLine, resolved: ResolvedLine): Quote["lines"][number] {
  return {
    sku: line.sku,
    category: line.category,
    quantity: line.quantity,
    currency: line.currency,
    unitListPriceMinor: line.unitListPriceMinor,
    ...(line.unitPurchaseCostMinor === undefined ? {} : { unitPurchaseCostMinor: line.unitPurchaseCostMinor }),
    ...(resolved.serviceId === undefined ? {} : { serviceId: resolved.serviceId }),
    payerAccountId: line.payerAccountId,
    administratorAccountId: line.administratorAccountId,
    payerSource: resolved.payerSource,
    listPriceMinor: line.listPriceMinor,
    discounts: [...line.discounts],
    discountedPriceMinor: line.discountedPriceMinor,
    ...(line.floorRaisedByMinor === undefined ? {} : { floorRaisedByMinor: line.floorRaisedByMinor }),
    finalPriceMinor: line.finalPriceMinor,
  };
}

export async function priceQuote(deps: QuoteDependencies, request: QuoteRequest): Promise<Quote> {
  const lines = quoteLinesOf(request, await servicePayers(deps, request));
  const payers = [...new Set(lines.map((line) => line.payerAccountId))];
  const pricing: AccountPricing[] = await inFlightAtMost(payers, discountLimits.quotePayerQueriesInFlight, (payer) =>
    deps.discountStore.listPricing(payer),
  );
  const discountsByPayer = new Map(payers.map((payer, index) => [payer, pricing[index]!.discounts]));
  const levelsByPayer = new Map(payers.map((payer, index) => [payer, pricing[index]!.partnerLevels]));
  const basket = priceBasket(lines, discountsByPayer, request.date, levelsByPayer);
  return {
    accountId: request.accountId,
    date: request.date,
    lines: basket.lines.map((line, index) => lineOfQuote(line, lines[index]!)),
    totals: [...basket.totals],
  };
}
