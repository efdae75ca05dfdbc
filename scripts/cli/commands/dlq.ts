/**
 * `cli -- dlq list|replay [--queue billing-events|settlement]`: the stack's dead-letter queues
 * (docs/deploy.md, "Dead-letter queues"). `list` shows each message with its `reason` attribute and
 * body without consuming it; `replay` moves every message back to the queue it came from with SQS's own
 * move task and follows it with a progress bar. Replaying is always safe: an event already applied
 * changes nothing (every effect is idempotent by its source event's id), and one still broken comes back.
 *
 * Exit codes: 0 done (also for an empty queue), 1 the move task failed.
 */
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { listMessages, messageLines, moveMessagesBack } from "../../lib/dead-letter.ts";
import { type CliCommand, type CliContext, CommandFailedError, UsageError } from "../context.ts";
import type { CliTarget } from "../target.ts";

const queueNames = ["billing-events", "settlement"] as const;
type QueueName = (typeof queueNames)[number];

function queuesOf(target: CliTarget, name: string): { readonly deadLetter: string; readonly source: string } {
  if (!queueNames.includes(name as QueueName)) throw new UsageError(`--queue ${name}: one of ${queueNames.join(", ")}`);
  return name === "settlement"
    ? { deadLetter: target.queueUrls.settlementDeadLetter, source: target.queueUrls.settlement }
    : { deadLetter: target.queueUrls.billingEventsDeadLetter, source: target.queueUrls.billingEvents };
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    const dlq = program.command("dlq").description("The dead-letter queues: list their messages with the reason, replay them");
    const queueOption = (command: Command) =>
      command.option("--queue <name>", `the dead-letter queue of: ${queueNames.join(", ")}`, "billing-events");

    queueOption(dlq.command("list").description("Show the messages (reason attributes and body), without consuming them"))
      .option("--max <n>", "at most this many messages", "100")
      .option("--full", "show whole bodies", false)
      .action(async (options: { readonly queue: string; readonly max: string; readonly full: boolean }) => {
        const max = Number(options.max);
        if (!Number.isInteger(max) || max < 1) throw new UsageError("--max: a positive integer");
        const target = await context.target();
        const queues = queuesOf(target, options.queue);
        const messages = await listMessages({ client: target.queueClient, queueUrl: queues.deadLetter }, max);
        context.print(
          {
            queueUrl: queues.deadLetter,
            messages: messages.map((message) => ({
              messageId: message.MessageId,
              sentAt: message.Attributes?.SentTimestamp ? new Date(Number(message.Attributes.SentTimestamp)).toISOString() : undefined,
              attributes: Object.fromEntries(
                Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue]),
              ),
              body: message.Body,
            })),
          },
          () => [
            `${options.queue} dead-letter queue: ${messages.length} message(s)${messages.length === max ? " (limit reached, --max for more)" : ""}`,
            ...messages.flatMap((message) => messageLines(message, options.full)),
          ],
        );
      });

    queueOption(dlq.command("replay").description("Move every message back to its queue (SQS move task) and follow it"))
      .option("--poll <ms>", "how often to read the move task's progress", "1000")
      .action(async (options: { readonly queue: string; readonly poll: string }) => {
        const target = await context.target();
        const queues = queuesOf(target, options.queue);
        const deadLetter = { client: target.queueClient, queueUrl: queues.deadLetter };
        if ((await listMessages(deadLetter, 1)).length === 0) {
          context.print({ queueUrl: queues.deadLetter, moved: 0 }, () => [
            `${options.queue} dead-letter queue is empty: nothing to replay`,
          ]);
          return;
        }
        const showBar = !context.globals().json;
        const bar = new SingleBar({ format: "  replaying [{bar}] {value}/{total} messages", stream: process.stderr, hideCursor: true });
        let started = false;
        let moved: number;
        try {
          moved = await moveMessagesBack(
            deadLetter,
            queues.source,
            (progress) => {
              if (!showBar) return;
              if (!started) bar.start(Math.max(progress.toMove ?? 1, 1), progress.moved);
              started = true;
              bar.update(progress.moved);
            },
            Number(options.poll),
          );
        } catch (error) {
          throw new CommandFailedError("replay_failed", (error as Error).message);
        } finally {
          if (started) bar.stop();
        }
        context.print({ queueUrl: queues.deadLetter, destinationUrl: queues.source, moved }, (result) => [
          `done: ${result.moved} message(s) back on ${options.queue}; they are consumed like new ones`,
        ]);
      });
  },
};
