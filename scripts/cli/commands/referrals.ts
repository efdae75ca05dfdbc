/**
 * `cli -- referrals import <file.csv> [--dry-run] [--concurrency N]`: referrals recorded by another
 * system, one per row (`refereeAccountId,referrerAccountId,programId,attributedAt`; the rules in
 * scripts/cli/referral-import.ts), applied with a progress bar and a report per row: created,
 * unchanged (applied before), conflict (the account has another referrer already: first wins), refused
 * (a rule's reason code, e.g. `self_referral`, `code_entry_window_closed`) or invalid (the row, with its
 * line). `--dry-run` only reads and validates the file.
 *
 * Exit codes: 0 every row created or unchanged; 1 some row was not (`rows_not_imported`, listed; the
 * others are imported: run it again after fixing the file, what was applied stays unchanged);
 * 2 a file that cannot be opened (a file that is not CSV with the header: 1, `import_unreadable`).
 */
import { readFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { createAttributionDependencies } from "../../../functions/wiring/referral.ts";
import { createReferralStore } from "../../../shared/data/referral-store.ts";
import { cryptoRandomBytes } from "../../../shared/domain/referral-code.ts";
import { type CliCommand, type CliContext, CommandFailedError, UsageError } from "../context.ts";
import { importRow, parseImport, type RowOutcome } from "../referral-import.ts";

interface ImportOptions {
  readonly dryRun: boolean;
  readonly concurrency: string;
}

function summaryOf(outcomes: readonly RowOutcome[]): Record<RowOutcome["outcome"], number> {
  const summary = { created: 0, unchanged: 0, conflict: 0, refused: 0, invalid: 0 };
  for (const outcome of outcomes) summary[outcome.outcome] += 1;
  return summary;
}

function describe(outcome: RowOutcome): string {
  const who = outcome.refereeAccountId ?? "?";
  if (outcome.outcome === "conflict")
    return `  line ${outcome.line} ${who}: conflict: already referred by ${outcome.existingReferrerAccountId} (kept)`;
  if (outcome.outcome === "refused" || outcome.outcome === "invalid")
    return `  line ${outcome.line} ${who}: ${outcome.outcome}: ${outcome.code}: ${outcome.message}`;
  return `  line ${outcome.line} ${who}: ${outcome.outcome}`;
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    program
      .command("referrals")
      .description("Referrals")
      .command("import")
      .description("Import referrals from another system: CSV refereeAccountId,referrerAccountId,programId,attributedAt")
      .argument("<file>", "the CSV file (header line required)")
      .option("--dry-run", "only read and validate the file; nothing is written", false)
      .option("--concurrency <n>", "rows applied at once", "8")
      .action(async (file: string, options: ImportOptions) => {
        const concurrency = Number(options.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError("--concurrency: 1 to 64");
        let text: string;
        try {
          text = readFileSync(file, "utf8");
        } catch (error) {
          throw new UsageError(`${file}: ${(error as Error).message}`);
        }
        const parsed = parseImport(text);
        const outcomes: RowOutcome[] = [...parsed.invalid];
        if (!options.dryRun && parsed.rows.length > 0) {
          const target = await context.target();
          const dependencies = {
            // The import passes no e-mail or payment fingerprint, so nothing is hashed: the salt is not needed.
            attribution: createAttributionDependencies({ table: target.table, clock: context.clock, hashSalt: "not-used-by-the-import" }),
            referralStore: createReferralStore(target.table),
            randomBytes: cryptoRandomBytes,
          };
          const showBar = !context.globals().json;
          const bar = new SingleBar({
            format: "  importing [{bar}] {value}/{total} rows | {created} created",
            stream: process.stderr,
            hideCursor: true,
          });
          if (showBar) bar.start(parsed.rows.length, 0, { created: 0 });
          let next = 0;
          let created = 0;
          // Oldest first, whatever the file's order: a t2 referrer's streak is decided as its referrals come (docs/discounts.md).
          const rows = [...parsed.rows].sort((left, right) => Date.parse(left.row.attributedAt) - Date.parse(right.row.attributedAt));
          const worker = async () => {
            while (next < rows.length) {
              const { line, row } = rows[next++]!;
              const outcome = await importRow(dependencies, line, row);
              outcomes.push(outcome);
              if (outcome.outcome === "created") created += 1;
              if (showBar) bar.increment(1, { created });
            }
          };
          try {
            await Promise.all(Array.from({ length: Math.min(concurrency, parsed.rows.length) }, worker));
          } finally {
            if (showBar) bar.stop();
          }
        }
        outcomes.sort((left, right) => left.line - right.line);
        const summary = summaryOf(outcomes);
        const notImported = outcomes.filter((outcome) => !["created", "unchanged"].includes(outcome.outcome));
        const result = {
          file,
          dryRun: options.dryRun,
          rows: parsed.rows.length + parsed.invalid.length,
          valid: parsed.rows.length,
          summary,
          outcomes,
        };
        if (notImported.length > 0) {
          if (!context.globals().json) for (const outcome of notImported) context.io.stdout(`${describe(outcome)}\n`);
          throw new CommandFailedError(
            "rows_not_imported",
            `${notImported.length} of ${result.rows} rows not imported (${JSON.stringify(summary)})`,
            result,
          );
        }
        context.print(result, (value) =>
          value.dryRun
            ? [`${file}: ${value.valid} valid rows, nothing written (dry run)`]
            : [`${file}: ${value.summary.created} created, ${value.summary.unchanged} unchanged (imported before)`],
        );
      });
  },
};
