/**
 * POST /quotes (the operator): a basket priced for an account on a day with the discounts in force,
 * per line and per currency (shared/use-cases/price-quote.ts). 200 with the quote; 400 with the fields
 * at fault. Reads only: one Query per distinct payer.
 */
import { routes } from "../../shared/http-routes.ts";
import { discountLimits } from "../../shared/limits.ts";
import { quoteRequestSchema } from "../../shared/schemas/quote-api.ts";
import { priceQuote, type QuoteDependencies } from "../../shared/use-cases/price-quote.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { quoteDependenciesFromEnvironment } from "../wiring/quotes.ts";

export function createQuoteHandler(dependencies: QuoteDependencies) {
  return httpRoute(routes.createQuote, { body: quoteRequestSchema, bodyBytesMax: discountLimits.quoteBodyBytesMax }, async ({ body }) => {
    return jsonResponse(200, await priceQuote(dependencies, body));
  });
}

export const handler = createQuoteHandler(quoteDependenciesFromEnvironment());
