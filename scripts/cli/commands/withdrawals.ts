/**
 * `cli -- withdrawals list|show|pay|fail`: the operator's side of a payout (docs/ledger.md,
 * "Withdrawals"), through the same use cases as the routes: list the withdrawals to pay, mark one paid
 * with the payout's reference, or failed with the reason (its amount returns to the partner's available
 * commission). Paying or failing again with the same reference or reason changes nothing; the opposite
 * outcome is refused (exit code 1, `withdrawal_already_paid` / `withdrawal_already_failed`).
 */
import { type Command, Option } from "commander";
import { createWithdrawalDependencies } from "../../../functions/wiring/withdrawals.ts";
import { formatMoney } from "../../../shared/domain/money.ts";
import { limits } from "../../../shared/limits.ts";
import { type WithdrawalItem, type WithdrawalStatus, withdrawalStatuses } from "../../../shared/schemas/withdrawal-items.ts";
import {
  markWithdrawalFailedBodySchema,
  markWithdrawalPaidBodySchema,
  withdrawalPathSchema,
} from "../../../shared/schemas/withdrawals-api.ts";
import { listWithdrawals, readWithdrawalOrThrow } from "../../../shared/use-cases/read-withdrawals.ts";
import { resolveWithdrawal } from "../../../shared/use-cases/resolve-withdrawal.ts";
import type { CliCommand, CliContext } from "../context.ts";
import { pageSizeOf, parsedOrThrow } from "../parse.ts";

async function dependencies(context: CliContext) {
  const target = await context.target();
  return createWithdrawalDependencies({
    table: target.table,
    clock: context.clock,
    queueClient: target.queueClient,
    outboundQueueUrl: target.queueUrls.outbound,
  });
}

const amountOf = (withdrawal: WithdrawalItem) => formatMoney({ amountMinor: withdrawal.amountMinor, currency: withdrawal.currency });

function describe(withdrawal: WithdrawalItem): string[] {
  return [
    `${withdrawal.withdrawalId}  ${withdrawal.status}  ${amountOf(withdrawal)}`,
    `  account ${withdrawal.accountId}, program ${withdrawal.programId}, requested ${withdrawal.requestedAt} by ${withdrawal.requestedBy}`,
    ...(withdrawal.contractDocumentReference ? [`  contract ${withdrawal.contractDocumentReference}`] : []),
    ...(withdrawal.status === "paid" ? [`  paid ${withdrawal.paidAt}, reference ${withdrawal.payoutReference}`] : []),
    ...(withdrawal.status === "failed" ? [`  failed ${withdrawal.failedAt}: ${withdrawal.failureReason}`] : []),
  ];
}

function table(withdrawals: readonly WithdrawalItem[]): string[] {
  const rows = withdrawals.map((withdrawal) => [
    withdrawal.withdrawalId,
    withdrawal.accountId,
    withdrawal.programId,
    amountOf(withdrawal),
    withdrawal.status,
    withdrawal.requestedAt,
    withdrawal.payoutReference ?? withdrawal.failureReason ?? "",
  ]);
  const header = ["withdrawal", "account", "program", "amount", "status", "requested at", "reference / reason"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows].map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd(),
  );
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    const withdrawals = program.command("withdrawals").description("Partners' withdrawals of settled commission: list, show, pay, fail");

    withdrawals
      .command("list")
      .description("Withdrawals in one status, oldest request first (default: requested, the ones to pay)")
      .addOption(new Option("--status <status>", "requested, paid or failed").choices(withdrawalStatuses).default("requested"))
      .option("--limit <n>", `withdrawals per page, 1-${limits.pageSizeMax}`, pageSizeOf(limits.pageSizeMax), limits.pageSizeDefault)
      .option("--cursor <cursor>", "the nextCursor of the previous page")
      .option("--all", "follow the pages to the end", false)
      .action(async (options: { status: WithdrawalStatus; limit: number; cursor?: string; all: boolean }) => {
        const deps = await dependencies(context);
        const found: WithdrawalItem[] = [];
        let cursor = options.cursor;
        let nextCursor: string | undefined;
        do {
          const page = await listWithdrawals(deps, { status: options.status, limit: options.limit, cursor });
          found.push(...page.withdrawals);
          nextCursor = page.nextCursor;
          cursor = nextCursor;
          if (options.all && nextCursor) context.progress(`${found.length} withdrawals so far…`);
        } while (options.all && cursor);
        context.print({ status: options.status, withdrawals: found, ...(nextCursor === undefined ? {} : { nextCursor }) }, (result) => [
          ...(result.withdrawals.length === 0 ? [`no ${result.status} withdrawals`] : table(result.withdrawals)),
          ...(result.nextCursor ? [`more: --cursor ${result.nextCursor}`] : []),
        ]);
      });

    withdrawals
      .command("show")
      .description("One withdrawal, as stored now")
      .argument("<withdrawalId>")
      .action(async (withdrawalId: string) => {
        const { withdrawalId: id } = parsedOrThrow(withdrawalPathSchema, { withdrawalId });
        const withdrawal = await readWithdrawalOrThrow(await dependencies(context), id);
        context.print({ withdrawal }, (result) => describe(result.withdrawal));
      });

    withdrawals
      .command("pay")
      .description("Mark a requested withdrawal paid: its amount is posted to the operator's payout clearing")
      .argument("<withdrawalId>")
      .requiredOption("--reference <reference>", "the payout's reference (bank transfer or payment-provider id)")
      .action(async (withdrawalId: string, options: { reference: string }) => {
        const { withdrawalId: id } = parsedOrThrow(withdrawalPathSchema, { withdrawalId });
        const { payoutReference } = parsedOrThrow(markWithdrawalPaidBodySchema, { payoutReference: options.reference });
        const result = await resolveWithdrawal(await dependencies(context), id, { kind: "paid", payoutReference });
        context.print(result, (resolved) => [
          resolved.changed ? `paid ${amountOf(resolved.withdrawal)}:` : "already paid with this reference, nothing changed:",
          ...describe(resolved.withdrawal),
        ]);
      });

    withdrawals
      .command("fail")
      .description("Mark a requested withdrawal failed: its amount returns to the partner's available commission")
      .argument("<withdrawalId>")
      .requiredOption("--reason <reason>", "why the payout failed or was refused (sent to the partner's systems)")
      .action(async (withdrawalId: string, options: { reason: string }) => {
        const { withdrawalId: id } = parsedOrThrow(withdrawalPathSchema, { withdrawalId });
        const { reason } = parsedOrThrow(markWithdrawalFailedBodySchema, { reason: options.reason });
        const result = await resolveWithdrawal(await dependencies(context), id, { kind: "failed", reason });
        context.print(result, (resolved) => [
          resolved.changed
            ? `failed: ${amountOf(resolved.withdrawal)} is available again`
            : "already failed with this reason, nothing changed:",
          ...describe(resolved.withdrawal),
        ]);
      });
  },
};
