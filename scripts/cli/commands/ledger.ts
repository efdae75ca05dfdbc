/**
 * `cli -- ledger export <account> [--currency C] [--kind K] [--code C] [--period P] [--output file]`: every
 * entry of an account's ledger, newest first, as GET /accounts/{id}/ledger gives them page by page (the
 * same use case, the operator's view; `operator` is the operator's own accounts, one currency at a time).
 * CSV by default (shared/domain/ledger-csv.ts; docs/ledger.md, "Exporting a ledger"), one JSON document
 * with --json. Pages are written as they are read, so a long ledger never sits in memory as text; with
 * --output the progress (entries so far) goes to stderr.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import type { Command } from "commander";
import { createLedgerStore } from "../../../shared/data/ledger-store.ts";
import { ledgerCsvHeader, ledgerCsvLines } from "../../../shared/domain/ledger-csv.ts";
import { accountIdSchema } from "../../../shared/schemas/common.ts";
import { type LedgerEntry, ledgerQuerySchema } from "../../../shared/schemas/ledger-api.ts";
import { readLedgerPage } from "../../../shared/use-cases/read-ledger.ts";
import type { CliCommand, CliContext } from "../context.ts";
import { parsedOrThrow } from "../parse.ts";

interface ExportOptions {
  readonly currency?: string;
  readonly kind?: string;
  readonly code?: string;
  readonly period?: string;
  readonly output?: string;
  readonly pageSize: string;
}

async function closed(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    program
      .command("ledger")
      .description("An account's ledger")
      .command("export")
      .description("Every entry of an account's ledger, newest first: CSV (default) or one JSON document with --json")
      .argument("<account>", "the account id (operator: the operator's own accounts, with --currency)")
      .option("--currency <code>", "only this currency (required for operator)")
      .option("--kind <kind>", "only entries of this kind (credit, commission_accrued, clawback, settlement, payout, deposit, adjustment)")
      .option("--code <code>", "only entries of transfers with this code")
      .option("--period <periodId>", "only this half-month period, e.g. 2026-11-1")
      .option("--output <file>", "write to this file instead of stdout")
      .option("--page-size <n>", "transfers read per request (as the route's limit)", "100")
      .action(async (account: string, options: ExportOptions) => {
        const accountId = account === "operator" ? account : parsedOrThrow(accountIdSchema, account);
        const query = parsedOrThrow(ledgerQuerySchema, {
          limit: options.pageSize,
          ...(options.currency === undefined ? {} : { currency: options.currency }),
          ...(options.kind === undefined ? {} : { kind: options.kind }),
          ...(options.code === undefined ? {} : { code: options.code }),
          ...(options.period === undefined ? {} : { periodId: options.period }),
        });
        const target = await context.target();
        const ledgerStore = createLedgerStore(target.table, context.clock);
        const json = context.globals().json;
        const file = options.output === undefined ? undefined : createWriteStream(options.output);
        const write = (text: string) => (file ? file.write(text) : context.io.stdout(text));
        const collected: LedgerEntry[] = [];
        let count = 0;
        if (!json) write(ledgerCsvHeader);
        let cursor: string | undefined;
        do {
          const page = await readLedgerPage(ledgerStore, { kind: "operator" }, accountId, { ...query, cursor });
          count += page.entries.length;
          if (json) collected.push(...page.entries);
          else write(ledgerCsvLines(page.entries));
          if (file) context.progress(`  ${count} entries`);
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        if (json) write(`${JSON.stringify({ accountId, entries: collected }, null, 2)}\n`);
        if (file) {
          await closed(file);
          context.progress(`${count} entries of ${accountId} written to ${options.output}`);
        }
      });
  },
};
