/**
 * A settlement run, fanned out on the settlement queue (docs/ledger.md, "Settlement"):
 *
 * 1. `startSettlement` (the schedule at 00:00 on the 1st and the 15th, or the operator on demand)
 *    decides the periods each commission program settles (`periodsSettledAt`: those whose scheduled run it is,
 *    closed at least the program's hold before it, and the latest due one on demand or when its run was
 *    missed), records each run, and enqueues the first page of each of the index's `settlementLimits.shards`
 *    shards.
 * 2. `settleAccountsPage` (a `settlement.page` work item) lists up to `settlementLimits.pageSize`
 *    accounts of its shard, enqueues one `settlement.account` item each and the shard's next page,
 *    and records how many the shard has enqueued so far.
 * 3. Each `settlement.account` item settles one account exactly once (settle-account.ts).
 *
 * The event source mapping's maximum concurrency bounds the workers. Every step is idempotent, so a
 * run that fires twice, late, or again after a crash half way settles each account once: a redelivered
 * page enqueues its accounts again, and they find themselves settled.
 */
import { findProgram } from "../data/operator-config-reader.ts";
import { formatLocalDate } from "../domain/calendar.ts";
import { periodsSettledAt } from "../domain/settlement.ts";
import { DomainError } from "../errors.ts";
import { settlementLimits } from "../limits.ts";
import type { Program } from "../schemas/operator-config.ts";
import type { SettlementRunItem } from "../schemas/settlement-items.ts";
import type { SettlementPageWork, SettlementWork } from "../schemas/settlement-work.ts";
import type { SettlementDependencies } from "./settlement-dependencies.ts";

export interface SettlementRunPlan {
  readonly runAt: string;
  readonly timeZone: string;
  readonly trigger: SettlementRunItem["lastTrigger"];
  /** Each commission program and period this run settles, oldest first: none, one, or (a hold that is not a whole number of half months) two. */
  readonly programs: readonly {
    readonly programId: string;
    readonly periodId: string;
    readonly firstDay: string;
    readonly lastDay: string;
    readonly holdDays: number;
    /** How often this period was started (a repeated or late run counts; it settles nothing twice). */
    readonly runs: number;
  }[];
}

/** The programs settlement runs for: those with a commission rule, paused or not (what accrued is owed either way). */
export function commissionPrograms(programs: readonly Program[]): Program[] {
  return programs.filter((program) => program.commission !== undefined);
}

/** Plans the run at `runAt` and, unless `dryRun`, records it and enqueues the first page of every shard. */
export async function startSettlement(
  deps: SettlementDependencies,
  input: {
    readonly runAt: Date;
    readonly trigger: SettlementRunItem["lastTrigger"];
    /** Only this program (on demand); absent: every commission program. */
    readonly programId?: string | undefined;
    readonly dryRun?: boolean;
  },
): Promise<SettlementRunPlan> {
  // A run ahead of its time would settle a half month still open, or one whose hold has not passed, and close it to
  // payments; a few seconds' difference between the scheduler's clock and this one is not (`runEarlySeconds`).
  if (!input.dryRun && input.runAt.getTime() > deps.clock.now().getTime() + settlementLimits.runEarlySeconds * 1000)
    throw new DomainError(
      "settlement_date_in_future",
      `a settlement runs at ${input.runAt.toISOString()} at the earliest (it is ${deps.clock.now().toISOString()}); a dry run may look ahead`,
    );
  const config = await deps.operatorConfigStore.loadOrThrow();
  const selected = input.programId === undefined ? config.programs : [findProgram(config, input.programId)].filter((p) => p !== undefined);
  const programs: SettlementRunPlan["programs"][number][] = [];
  for (const program of commissionPrograms(selected)) {
    const holdDays = program.commission?.holdDays ?? 0;
    const { own, latest } = periodsSettledAt(input.runAt, config.timeZone, holdDays);
    const toSettle = [...own];
    // The latest due period, when this is not its scheduled run: always on demand (the operator starts it again); by
    // the schedule only if no run ever started it (its own run was missed).
    if (
      !own.includes(latest) &&
      (input.trigger === "on_demand" || !(await deps.settlementStore.wasRunStarted(program.programId, latest.periodId)))
    )
      toSettle.push(latest);
    for (const period of toSettle) {
      let runs = 0;
      if (!input.dryRun) {
        const run = await deps.settlementStore.startRun({
          programId: program.programId,
          periodId: period.periodId,
          runAt: input.runAt.toISOString(),
          trigger: input.trigger,
        });
        runs = run.runs;
        const firstPages: SettlementWork[] = Array.from({ length: settlementLimits.shards }, (_, shard) => ({
          kind: "settlement.page",
          programId: program.programId,
          periodId: period.periodId,
          shard,
          enqueuedBefore: 0,
        }));
        await deps.settlementWork.send(firstPages);
      }
      programs.push({
        programId: program.programId,
        periodId: period.periodId,
        firstDay: formatLocalDate(period.firstDay),
        lastDay: formatLocalDate(period.lastDay),
        holdDays,
        runs,
      });
    }
  }
  return { runAt: input.runAt.toISOString(), timeZone: config.timeZone, trigger: input.trigger, programs };
}

/** One page of a shard: its accounts and the next page go on the queue, then the shard's count is recorded. */
export async function settleAccountsPage(deps: SettlementDependencies, page: SettlementPageWork): Promise<{ enqueued: number }> {
  const listed = await deps.settlementStore.listAccountsToSettle(page.programId, page.periodId, page.shard, page.after);
  const work: SettlementWork[] = listed.steps.map((step) => ({ kind: "settlement.account", ...step }));
  if (listed.next) work.push({ ...page, after: listed.next, enqueuedBefore: page.enqueuedBefore + listed.steps.length });
  await deps.settlementWork.send(work);
  const enqueued = page.enqueuedBefore + listed.steps.length;
  await deps.settlementStore.recordListed(page.programId, page.periodId, page.shard, enqueued, listed.next === undefined);
  return { enqueued: listed.steps.length };
}

/** The run's progress for the operator and the CLI: the sums of its shards, and up to `failuresMax` failed accounts. */
export async function readSettlementProgress(
  deps: Pick<SettlementDependencies, "settlementStore">,
  programId: string,
  periodId: string,
  failuresMax = 50,
) {
  const progress = await deps.settlementStore.readProgress(programId, periodId);
  const failures = progress.failed > 0 ? await deps.settlementStore.listFailures(programId, periodId, failuresMax) : [];
  return {
    programId,
    periodId,
    ...progress,
    complete:
      progress.run !== undefined && progress.shardsListed === progress.shards && progress.settled + progress.failed >= progress.enqueued,
    failures,
  };
}
