/**
 * `cli -- commission-rate <account> --program <id>`: where a partner's open half month stands in a commission program,
 * as the partner reads it through GET /accounts/{accountId}/commission-rates/{programId} (the same use case; docs/ledger.md,
 * "Before settlement"): the ladder, an individual rate, and per currency the active customers, the rate the period would
 * be paid at if settled now and why, and the next tier. The route's JSON with --json. A program without commission is
 * not found (exit code 1).
 */
import type { Command } from "commander";
import { createCommissionRateDependencies } from "../../../functions/wiring/settlement.ts";
import { formatRateBps } from "../../../shared/domain/money.ts";
import { decimalOf, minorDigitsOf } from "../../../shared/domain/statement-csv.ts";
import { type CommissionRateView, commissionRatePathSchema } from "../../../shared/schemas/settlement-api.ts";
import { readCommissionRate } from "../../../shared/use-cases/read-commission-rate.ts";
import type { CliCommand, CliContext } from "../context.ts";
import { parsedOrThrow } from "../parse.ts";

function lines(view: CommissionRateView): string[] {
  const { openPeriod } = view;
  const ladder = [
    `${formatRateBps(view.ruleRateBps)} (rule)`,
    ...view.tiers.map((tier) => `${formatRateBps(tier.rateBps)} from ${tier.minActiveCustomers}`),
  ];
  return [
    `${view.accountId} in ${view.programId}: half month ${openPeriod.periodId} (${openPeriod.firstDay} to ${openPeriod.lastDay}), settled on ${openPeriod.settlesOn}`,
    `  ladder: ${ladder.join(", ")}`,
    `  individual rate: ${view.individualRate ? `${formatRateBps(view.individualRate.rateBps)} (set ${view.individualRate.setAt})` : "none"}`,
    ...openPeriod.currencies.map(
      (standing) =>
        `  ${standing.currency}: accrued ${decimalOf(standing.accruedMinor, minorDigitsOf(standing.currency))}; ${standing.rateNow.explanation}; next: ${
          standing.nextTier ? `${formatRateBps(standing.nextTier.rateBps)} from ${standing.nextTier.minActiveCustomers}` : "none"
        }`,
    ),
  ];
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    program
      .command("commission-rate")
      .description("Where a partner's open half month stands: active customers, the rate if settled now, the next tier")
      .argument("<account>", "the partner's account id")
      .requiredOption("--program <programId>", "the commission program")
      .action(async (account: string, options: { readonly program: string }) => {
        const path = parsedOrThrow(commissionRatePathSchema, { accountId: account, programId: options.program });
        const target = await context.target();
        const view = await readCommissionRate(
          createCommissionRateDependencies({ table: target.table, clock: context.clock }),
          { kind: "operator" },
          path,
        );
        context.print(view, lines);
      });
  },
};
