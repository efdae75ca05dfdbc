/**
 * GET /accounts/{accountId}/statements (that account or the operator): the query and the answer
 * (docs/ledger.md, "Statements"). The CSV form (`Accept: text/csv`) has the same figures, one line per
 * period (shared/domain/statement-csv.ts).
 */
import * as z from "zod";
import { statementLimits } from "../limits.ts";
import {
  accountIdSchema,
  currencySchema,
  isoDateTimeSchema,
  localDateSchema,
  programIdSchema,
  rateBpsSchema,
  requestDaySchema,
} from "./common.ts";
import { periodIdSchema, settlementRateReasonSchema } from "./periods.ts";

/** The half month a YYYY-MM-DD day is in, counted from year 0: consecutive periods differ by one. */
function halfMonthIndexOf(day: string): number {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return year * 24 + (month - 1) * 2 + (date < 15 ? 0 : 1);
}

export const statementQuerySchema = z
  .object({
    from: requestDaySchema.describe(
      "The first day (YYYY-MM-DD, operator time zone): the statement starts with the half-month period that holds it.",
    ),
    to: requestDaySchema.describe(
      `The last day: the statement ends with the period that holds it. At most ${statementLimits.periodsMax} periods from \`from\`.`,
    ),
    currency: currencySchema
      .optional()
      .describe("The currency of the statement; absent: the one currency the account holds commission in (400 when none or several)."),
    programId: programIdSchema
      .optional()
      .describe(
        "Only this commission program's figures. The balances stay the currency's (a ledger account is per currency, not per program).",
      ),
  })
  .superRefine((query, context) => {
    if (query.to < query.from) {
      context.addIssue({ code: "custom", path: ["to"], message: `is before from (${query.from})` });
      return;
    }
    const periods = halfMonthIndexOf(query.to) - halfMonthIndexOf(query.from) + 1;
    if (periods > statementLimits.periodsMax)
      context.addIssue({
        code: "custom",
        path: ["to"],
        message: `the range holds ${periods} half-month periods, at most ${statementLimits.periodsMax} per statement: ask for it in parts`,
      });
  });

const minorSchema = z.number().int();

export const statementBalancesSchema = z.object({
  commissionPendingMinor: minorSchema,
  commissionAvailableMinor: minorSchema,
  payoutReservedMinor: minorSchema,
});

export const statementProgramPeriodSchema = z.object({
  programId: programIdSchema,
  settlement: z.enum(["settled", "open"]).describe("Whether the period's settlement ran for this program."),
  accruedMinor: minorSchema.describe("The period's commission accruals less the clawbacks taken from them while pending."),
  baseMinor: minorSchema.describe("The commissioned payments of the period, net of refunds (what a tier rate is applied to)."),
  accrualRateBps: rateBpsSchema.optional().describe("The rule's rate the period accrued at."),
  activeCustomers: z.number().int().min(0).describe("Referred customers with a commissioned payment in the period (the tier basis)."),
  settledAt: isoDateTimeSchema.optional(),
  rateBps: rateBpsSchema.optional().describe("The rate the whole period was paid at."),
  rateReason: settlementRateReasonSchema.optional(),
  rateExplanation: z.string().optional().describe("Why that rate, in words."),
  settledBaseMinor: minorSchema.optional(),
  topUpMinor: minorSchema.optional().describe("What settlement paid on top of what accrued, at the rate in force (negative: a reduction)."),
});

export const statementPeriodSchema = z.object({
  periodId: periodIdSchema,
  firstDay: localDateSchema,
  lastDay: localDateSchema,
  accruedMinor: minorSchema.describe(
    "Commission accrued in the period less what refunds took back while it was pending (commission_pending +).",
  ),
  releasedMinor: minorSchema.describe("Released by the period's settlement (commission_pending → commission_available)."),
  topUpMinor: minorSchema.describe("The tier top-up of the period's settlement, negative for a reduction (commission_available)."),
  clawedBackAfterSettlementMinor: minorSchema.describe(
    "Commission of the period's payments clawed back from commission_available by refunds after its settlement.",
  ),
  topUpReversedMinor: minorSchema.describe("The top-up's share those refunds took back (negative: a reduction's share given back)."),
  withdrawalReservedMinor: minorSchema.describe("Withdrawals requested in the period (commission_available → payout_reserved)."),
  withdrawalPaidMinor: minorSchema.describe("Withdrawals paid out in the period (payout_reserved → the operator's payout_clearing)."),
  withdrawalReturnedMinor: minorSchema.describe("Withdrawals that failed in the period, returned to commission_available."),
  movements: statementBalancesSchema.describe("The net change of each ledger account booked to the period (closing − opening)."),
  openingBalances: statementBalancesSchema,
  closingBalances: statementBalancesSchema.describe(
    "The ledger accounts after everything booked to this period and the ones before it (all programs of the currency).",
  ),
  programs: z.array(statementProgramPeriodSchema).describe("The period's accrual and settlement per commission program."),
});

export const statementSchema = z.object({
  accountId: accountIdSchema,
  currency: currencySchema,
  programId: programIdSchema.optional(),
  from: localDateSchema,
  to: localDateSchema,
  timeZone: z.string().describe("The operator's time zone: the periods' days are in it."),
  periods: z.array(statementPeriodSchema).describe("One per half-month period from `from` to `to`, oldest first."),
});

export type StatementQuery = z.infer<typeof statementQuerySchema>;
export type StatementResponse = z.infer<typeof statementSchema>;
