/**
 * `npm run job -- <schedule> [--date YYYY-MM-DD]`: runs a scheduled job now against the running local
 * stack, as if its schedule had fired at 00:00 of that date in the operator's time zone (default:
 * today). Same handler, same event shape as the scheduler, so a settlement of a past period or the
 * expiry of a given day can be replayed at will; the jobs are idempotent, so a repeat changes nothing.
 *
 *   npm run job -- settle-commissions --date 2026-11-15   # settles 2026-11-01 .. 2026-11-14
 *   npm run job -- expire-discounts --date 2026-11-21
 *   npm run job -- relay-outbox                          # sends the unsent outboxes older than a minute, now
 *
 * A job that works on what is there when it runs (the outbox relay) takes no --date.
 */
import { parseArgs } from "node:util";
import { type ScheduleSpec, schedules } from "../infra/catalog.ts";
import { createDocumentClient } from "../shared/data/client.ts";
import { createOperatorConfigStore } from "../shared/data/operator-config-store.ts";
import { fromLocal, localDay, parseLocalDate } from "../shared/domain/calendar.ts";
import { systemClock } from "../shared/domain/clock.ts";
import { createFunctionLoader } from "./lib/lambda-runtime.ts";
import { type ScheduledJobEvent, scheduledJobEvent } from "./lib/scheduler.ts";
import { defaultDataDirectory, readStackStateOrThrow, repositoryRoot } from "./lib/stack-state.ts";

const usage = `usage: npm run job -- <${schedules.map((schedule) => schedule.name).join("|")}> [--date YYYY-MM-DD]`;

// The SDK warns on every start that its 2027 releases need Node 22; the local tools run on Node 20 on
// purpose (the Lambda runtimes are 22/24), so the warning is known and only hides the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { date: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const schedule = schedules.find((candidate) => candidate.name === positionals[0]);
  if (!schedule || positionals.length !== 1) {
    console.error(positionals[0] ? `unknown job ${positionals[0]}\n${usage}` : usage);
    return 2;
  }

  if (schedule.usesScheduledTime === false && values.date !== undefined) {
    console.error(`${schedule.name} works on what is unsent when it runs: it takes no --date\n${usage}`);
    return 2;
  }

  const state = readStackStateOrThrow(defaultDataDirectory());
  // The handlers read these at first use: set them before anything loads a handler.
  Object.assign(process.env, state.environment);
  if (schedule.usesScheduledTime === false)
    return await runJob(schedule, scheduledJobEvent(schedule.name, systemClock.now()), "now", state.pid);

  const operatorConfig = await createOperatorConfigStore(
    { documentClient: createDocumentClient(), tableName: state.tableName },
    systemClock,
  ).loadOrThrow();
  const timeZone = operatorConfig.timeZone;
  const day = values.date ?? localDay(systemClock.now(), timeZone);
  let scheduledTime: Date;
  try {
    scheduledTime = fromLocal({ ...parseLocalDate(day), hour: 0, minute: 0, second: 0 }, timeZone);
  } catch {
    console.error(`--date must be a calendar date YYYY-MM-DD, got ${day}\n${usage}`);
    return 2;
  }

  return await runJob(schedule, scheduledJobEvent(schedule.name, scheduledTime), `for ${day} 00:00 ${timeZone}`, state.pid);
}

async function runJob(schedule: ScheduleSpec, event: ScheduledJobEvent, when: string, stackPid: number): Promise<number> {
  console.log(`running ${schedule.name} ${when} on the local stack (pid ${stackPid}): ${JSON.stringify(event)}`);
  const job = createFunctionLoader(repositoryRoot).functionNamed(schedule.functionName);
  const startedAt = performance.now();
  const result = await job.invoke(event);
  console.log(
    `${schedule.name} finished in ${Math.round(performance.now() - startedAt)} ms${result === undefined ? "" : `: ${JSON.stringify(result, null, 2)}`}`,
  );
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error("the job failed:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
