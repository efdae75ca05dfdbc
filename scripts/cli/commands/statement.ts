/**
 * `cli -- statement <account> --from <day> --to <day> [--program <id>] [--currency <code>] [--csv]`: a
 * partner's commission statement per half-month period, as the operator reads it through
 * GET /accounts/{accountId}/statements (the same use case and the same figures; docs/ledger.md,
 * "Statements"). A table for people, the route's JSON with --json, the route's CSV with --csv (on
 * stdout, to redirect to a file). A range the route refuses is wrong usage (exit code 2); a program
 * without commission is not found (exit code 1).
 */
import type { Command } from "commander";
import { createStatementDependencies } from "../../../functions/wiring/statement.ts";
import { formatRateBps } from "../../../shared/domain/money.ts";
import { decimalOf, minorDigitsOf, statementCsv } from "../../../shared/domain/statement-csv.ts";
import { accountIdSchema } from "../../../shared/schemas/common.ts";
import { type StatementResponse, statementQuerySchema } from "../../../shared/schemas/statement-api.ts";
import { readStatement } from "../../../shared/use-cases/read-statement.ts";
import { type CliCommand, type CliContext, UsageError } from "../context.ts";
import { parsedOrThrow } from "../parse.ts";

interface StatementOptions {
  readonly from: string;
  readonly to: string;
  readonly program?: string;
  readonly currency?: string;
  readonly csv: boolean;
}

function table(statement: StatementResponse): string[] {
  const digits = minorDigitsOf(statement.currency);
  const money = (amountMinor: number) => decimalOf(amountMinor, digits);
  const header = [
    "period",
    "accrued",
    "rate",
    "released",
    "top-up",
    "clawed back",
    "withdrawn",
    "returned",
    "pending",
    "available",
    "reserved",
  ];
  const rows = statement.periods.map((period) => [
    period.periodId,
    money(period.accruedMinor),
    period.programs.map((program) => (program.rateBps === undefined ? program.settlement : formatRateBps(program.rateBps))).join(", ") ||
      "-",
    money(period.releasedMinor),
    money(period.topUpMinor),
    money(period.clawedBackAfterSettlementMinor + period.topUpReversedMinor),
    money(period.withdrawalPaidMinor),
    money(period.withdrawalReturnedMinor),
    money(period.closingBalances.commissionPendingMinor),
    money(period.closingBalances.commissionAvailableMinor),
    money(period.closingBalances.payoutReservedMinor),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const reasons = statement.periods.flatMap((period) =>
    period.programs.flatMap((program) =>
      program.rateExplanation ? [`  ${period.periodId} ${program.programId}: ${program.rateExplanation}`] : [],
    ),
  );
  return [
    `statement of ${statement.accountId} in ${statement.currency}${statement.programId ? `, program ${statement.programId}` : ""}, ${statement.from} to ${statement.to} (${statement.timeZone}); closing balances at the right`,
    ...[header, ...rows].map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join("  ")
        .trimEnd(),
    ),
    ...(reasons.length > 0 ? ["rates:", ...reasons] : []),
  ];
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    program
      .command("statement")
      .description("A partner's commission statement per half-month period: accrued, settled, clawed back, withdrawn, balances")
      .argument("<account>", "the partner's account id")
      .requiredOption("--from <day>", "the first day, YYYY-MM-DD (operator time zone)")
      .requiredOption("--to <day>", "the last day, YYYY-MM-DD (at most 24 half-month periods from --from)")
      .option("--program <programId>", "only this commission program's figures")
      .option("--currency <code>", "the currency (default: the one the account holds commission in)")
      .option("--csv", "print the CSV the route answers to Accept: text/csv", false)
      .action(async (account: string, options: StatementOptions) => {
        if (options.csv && context.globals().json) throw new UsageError("--csv and --json: choose one");
        const accountId = parsedOrThrow(accountIdSchema, account);
        const query = parsedOrThrow(statementQuerySchema, {
          from: options.from,
          to: options.to,
          ...(options.program === undefined ? {} : { programId: options.program }),
          ...(options.currency === undefined ? {} : { currency: options.currency }),
        });
        const target = await context.target();
        const statement = await readStatement(
          createStatementDependencies(target.table, context.clock),
          { kind: "operator" },
          accountId,
          query,
        );
        if (options.csv) context.io.stdout(statementCsv(statement.periods, statement.currency));
        else context.print(statement, table);
      });
  },
};
