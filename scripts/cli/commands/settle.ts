/**
 * `cli -- settle --program <id> --date YYYY-MM-DD [--dry-run]`: a settlement run on demand, as if the
 * semi-monthly schedule had fired at 00:00 of that date in the operator's time zone (docs/ledger.md,
 * "Settlement"): the period the program settles (less its hold), then the run is started on the
 * settlement queue and followed to its end with a progress bar (accounts settled of those enqueued).
 * The worker does the settling (the local stack polls the queue, AWS its event source mapping), so a
 * run that was stopped half way is simply started again: no account is settled twice.
 *
 * Exit codes: 0 every account settled, 1 some failed (listed) or the run did not finish in --timeout.
 */
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { createSettlementDependencies } from "../../../functions/wiring/settlement.ts";
import { findProgram } from "../../../shared/data/operator-config-reader.ts";
import { fromLocal, parseLocalDate } from "../../../shared/domain/calendar.ts";
import { startSettlementRequestSchema } from "../../../shared/schemas/settlement-api.ts";
import { commissionPrograms, readSettlementProgress, startSettlement } from "../../../shared/use-cases/run-settlement.ts";
import { type CliCommand, type CliContext, CommandFailedError, UsageError } from "../context.ts";

interface SettleOptions {
  readonly program: string;
  readonly date: string;
  readonly dryRun: boolean;
  readonly wait: boolean;
  readonly timeout: string;
}

async function settle(context: CliContext, options: SettleOptions): Promise<void> {
  const parsed = startSettlementRequestSchema.safeParse({ date: options.date, programId: options.program, dryRun: options.dryRun });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const timeoutSeconds = Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError("--timeout: a number of seconds above 0");
  const target = await context.target();
  const deps = createSettlementDependencies({
    table: target.table,
    clock: context.clock,
    queueClient: target.queueClient,
    outboundQueueUrl: target.queueUrls.outbound,
    settlementQueueUrl: target.queueUrls.settlement,
  });
  const config = await deps.operatorConfigStore.loadOrThrow();
  const program = findProgram(config, options.program);
  if (!program || commissionPrograms([program]).length === 0)
    throw new UsageError(`--program: no program ${options.program} with a commission rule in the configuration`);
  const runAt = fromLocal({ ...parseLocalDate(parsed.data.date), hour: 0, minute: 0, second: 0 }, config.timeZone);
  const plan = await startSettlement(deps, { runAt, trigger: "on_demand", programId: options.program, dryRun: options.dryRun });
  // On demand the date's own period comes last; before it, any period that fell due between two runs and was never started.
  const planned = plan.programs.at(-1)!;
  const caughtUp = plan.programs.slice(0, -1);

  if (options.dryRun) {
    // Count what the run would visit: the period's index, shard by shard (nothing is written).
    let accounts = 0;
    for await (const _ of deps.settlementStore.allAccountsToSettle(planned.programId, planned.periodId)) accounts += 1;
    context.print({ dryRun: true, ...plan, accountsToSettle: accounts }, (result) => [
      ...caughtUp.map(
        (period) => `dry run on ${target.description}: ${period.programId} would also settle ${period.periodId}, never started`,
      ),
      `dry run on ${target.description}: ${planned.programId} would settle ${planned.periodId} (${planned.firstDay} to ${planned.lastDay}, hold ${planned.holdDays} days)`,
      `  ${result.accountsToSettle} accounts and currencies listed to settle (some may be settled already)`,
    ]);
    return;
  }

  for (const period of plan.programs)
    context.progress(
      `started on ${target.description}: ${period.programId} settles ${period.periodId} (${period.firstDay} to ${period.lastDay}), run ${period.runs} of this period`,
    );
  const progresses = [];
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (const period of plan.programs) progresses.push(await followRun(context, deps, period.periodId, options, deadline));
  const progress = progresses.at(-1)!;
  context.print({ ...plan, progress, caughtUp: progresses.slice(0, -1) }, (result) =>
    [...result.caughtUp, result.progress].flatMap((each) => [
      `${planned.programId} ${each.periodId}: ${each.settled} settled, ${each.failed} failed, ${each.enqueued} enqueued${each.complete ? ", complete" : options.wait ? ", NOT complete" : " so far (not waited for)"}`,
      ...each.failures.map((failure) => `  failed ${failure.accountId} ${failure.currency}: ${failure.code}: ${failure.message}`),
    ]),
  );
  if (options.wait && progresses.some((each) => !each.complete))
    throw new CommandFailedError(
      "run_incomplete",
      `the run did not finish within ${timeoutSeconds} s: is the worker running (npm start polls the settlement queue)?`,
    );
  const failed = progresses.reduce((sum, each) => sum + each.failed, 0);
  if (failed > 0) throw new CommandFailedError("accounts_failed", `${failed} accounts could not be settled`);
}

/** Follows one period's run with a progress bar until it is complete or the timeout passes (with --wait). */
async function followRun(
  context: CliContext,
  deps: ReturnType<typeof createSettlementDependencies>,
  periodId: string,
  options: SettleOptions,
  deadline: number,
) {
  let progress = await readSettlementProgress(deps, options.program, periodId);
  if (!options.wait) return progress;
  const showBar = !context.globals().json;
  const bar = new SingleBar({
    format: `  settling ${periodId} [{bar}] {value}/{total} accounts | {failed} failed | {shards}/16 shards listed`,
    stream: process.stderr,
    hideCursor: true,
  });
  if (showBar) bar.start(Math.max(progress.enqueued, 1), progress.settled, { failed: progress.failed, shards: progress.shardsListed });
  while (!progress.complete && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    progress = await readSettlementProgress(deps, options.program, periodId);
    if (showBar) {
      bar.setTotal(Math.max(progress.enqueued, 1));
      bar.update(progress.settled + progress.failed, { failed: progress.failed, shards: progress.shardsListed });
    }
  }
  if (showBar) bar.stop();
  return progress;
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    program
      .command("settle")
      .description("Settle a commission program's period on demand, as if the schedule fired at 00:00 of --date, and follow the run")
      .requiredOption("--program <programId>", "a program with a commission rule, e.g. zadarma-partner")
      .requiredOption("--date <YYYY-MM-DD>", "the run's date: 2026-11-15 settles 1-14 November (less the program's hold)")
      .option("--dry-run", "only say which period would be settled and how many accounts it lists; nothing is written", false)
      .option("--no-wait", "start the run and return without following it")
      .option("--timeout <seconds>", "how long to follow the run before giving up (exit code 1)", "600")
      .action(async (options: SettleOptions) => {
        await settle(context, options);
      });
  },
};
