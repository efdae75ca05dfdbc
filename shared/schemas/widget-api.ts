/**
 * Request and response shapes of the embeddable dashboard's credential routes (docs/widget.md): the operator
 * mints a widget token for one account, the widget exchanges it once for a widget session. Listed per route in
 * shared/schemas/api-routes.ts, from which the OpenAPI document is generated.
 */
import * as z from "zod";
import { widgetLimits } from "../limits.ts";
import { localeSchema } from "./code-entry-api.ts";
import {
  accountIdSchema,
  amountMinorSchema,
  currencySchema,
  isoDateTimeSchema,
  localDateSchema,
  programIdSchema,
  rateBpsSchema,
} from "./common.ts";
import { periodIdSchema } from "./periods.ts";

// ---------- POST /widget-tokens ----------

export const widgetTokenRequestSchema = z.strictObject({
  accountId: accountIdSchema.describe("The customer account the widget shows; its session may read and act for this account only."),
  programId: programIdSchema.optional().describe("The program the widget shows (default: the operator's default program)."),
  locale: localeSchema
    .default("en")
    .describe("The account's language (BCP 47): en, fr, ru, hu and cs are translated, any other falls back to English. Default en."),
});

export const widgetTokenResponseSchema = z.object({
  token: z
    .string()
    .describe(
      `The widget token (\`wt_…\`): hand it to the page's <referral-dashboard> as its \`token\` property (never in a URL). It opens one session, once, within ${widgetLimits.tokenLifetimeSeconds / 60} minutes.`,
    ),
  accountId: accountIdSchema,
  programId: programIdSchema,
  expiresAt: isoDateTimeSchema,
});

// ---------- POST /widget-sessions ----------

export const widgetSessionRequestSchema = z.strictObject({
  token: z.string().min(1).max(128).describe("The widget token the host page handed over."),
});

export const widgetProgramSchema = z
  .object({
    programId: programIdSchema,
    name: z.string(),
    links: z.boolean().describe("The program has referral links (clicks are counted)."),
    inviteCodes: z
      .boolean()
      .describe(
        "Invite codes may be entered after sign-up (t2). The invite tab, which sends the code by e-mail or SMS, is there for these programs and for link programs (`links`).",
      ),
    discounts: z
      .boolean()
      .describe(
        "The program grants discounts (t2): the widget shows its table, the account's discounts and their history (GET /accounts/{id}/discounts).",
      ),
    payout: z
      .object({
        thresholds: z.array(z.object({ currency: currencySchema, exceedsMinor: amountMinorSchema })),
        contractRequired: z.boolean(),
      })
      .nullable()
      .describe("Withdrawals of commission: allowed above each currency's threshold; null when the program pays no commission out."),
    settlement: z
      .object({
        openPeriodId: periodIdSchema.describe("The half-month period commission accrues to now (operator time)."),
        nextRunOn: localDateSchema.describe(
          "The operator-local day of the run that settles that period (a 1st or a 15th, at 00:00, after the program's `holdDays`).",
        ),
      })
      .nullable()
      .describe("When pending commission is settled: null when the program pays no commission (Ex2's credits are granted at once)."),
    partnerLevels: z
      .array(
        z.object({
          levelId: programIdSchema,
          name: z.string(),
          rateBps: rateBpsSchema.describe("The level's discount on the services the partner pays for."),
          activeServicesAsPayerMin: z
            .number()
            .int()
            .nullable()
            .describe("What the level asks for: at least this many active services with the partner as their payer; null: nothing."),
          paidRevenueMin: z
            .object({ currency: currencySchema, amountMinor: z.number().int().min(1) })
            .nullable()
            .describe("What the level asks for: at least this much paid as the payer of invoices in the 12 months before; null: nothing."),
        }),
      )
      .nullable()
      .describe(
        "The partner program's levels, lowest first (ACTIVE 24): the widget shows an approved partner its level and what the next one asks for (GET /accounts/{id}/partner-levels/{programId}); null when the program has no levels.",
      ),
  })
  .describe("What the widget shows of the program.");

export const widgetSessionResponseSchema = z.object({
  sessionToken: z
    .string()
    .describe(
      "The session bearer (`ws_…`): `Authorization: Bearer <sessionToken>` on the account's own routes, from the same origin only.",
    ),
  expiresAt: isoDateTimeSchema,
  accountId: accountIdSchema,
  locale: z.string(),
  timeZone: z.string().describe("The operator's time zone: the widget shows dates in it (periods and windows are computed in it)."),
  program: widgetProgramSchema,
});

export type WidgetTokenRequest = z.infer<typeof widgetTokenRequestSchema>;
export type WidgetTokenResponse = z.infer<typeof widgetTokenResponseSchema>;
export type WidgetSessionResponse = z.infer<typeof widgetSessionResponseSchema>;
export type WidgetProgram = z.infer<typeof widgetProgramSchema>;
