/** Small zod building blocks shared by every schema: one definition of an id, a currency, a rate. */
// Namespace import on purpose: `import { z }` binds zod's re-exported namespace object, which keeps every locale (~250 KB) in a bundle.
import * as z from "zod";
import { operatorHolder } from "../http-routes.ts";
import { limits } from "../limits.ts";

export const accountIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, "letters, digits and . _ : @ - only")
  .describe("The operator's own customer account id.");

/** A customer account: never `operator`, the id that names the operator's own ledger accounts. */
export const customerAccountIdSchema = accountIdSchema.refine((accountId) => accountId !== operatorHolder, {
  message: `a customer account, not ${operatorHolder}`,
});

export const programIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes");

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR")
  .describe(
    "The ISO 4217 currency code, upper case: three letters, not checked against the ISO list (the billing system's currencies are the operator's).",
  );

/** Basis points: 1 bps = 0.01 %, 10 000 bps = 100 %. */
export const rateBpsSchema = z.number().int().min(0).max(10_000);

/** Integer minor units (cents). */
export const amountMinorSchema = z.number().int().min(0).max(limits.amountMinorMax);
export const signedAmountMinorSchema = z.number().int().min(-limits.amountMinorMax).max(limits.amountMinorMax);
/** A sum of amounts (a period's commissioned payments): one amount is at most `limits.amountMinorMax`, a sum of them need not be. */
export const sumMinorSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const signedSumMinorSchema = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export const localDateSchema = z.iso.date();

/** The first day a request may name: the calendar's instants start in 1970 (a year such as 0099 would be read as 1999). */
export const earliestRequestDay = "1970-01-01";
/** A YYYY-MM-DD day in a request (a settlement's date, a quote's, a statement's bounds): from 1970 on. */
export const requestDaySchema = localDateSchema.refine((day) => day >= earliestRequestDay, `a day from ${earliestRequestDay} on`);

export const categorySchema = z.string().min(1).max(64);

/** The paging fields of a listing's query string: `limit` (1..max, its default) and the previous page's opaque `cursor`. */
export function pageQueryFields(noun: string, max: number = limits.pageSizeMax, byDefault: number = limits.pageSizeDefault) {
  return {
    limit: z.coerce.number().int().min(1).max(max).default(byDefault).describe(`${noun} per page, 1-${max} (default ${byDefault}).`),
    cursor: z.string().min(1).max(2048).optional().describe("The nextCursor of the previous page (opaque)."),
  };
}
