import type { SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { processPartialBatch } from "../../functions/middleware/sqs-partial-batch.ts";
import { sqsRecord } from "../support/sqs-events.ts";

const record = (group: string, name: string) => sqsRecord({ body: JSON.stringify({ group, name }), messageId: name });
const groupOf = (item: SQSRecord) => (JSON.parse(item.body) as { group: string }).group;

describe("partial batch processing", () => {
  it("runs one group's records one after another in arrival order, several groups at once up to the bound", async () => {
    const records = ["a1", "b1", "a2", "c1", "b2", "a3", "d1", "e1"].map((name) => record(name[0]!, name));
    const log: string[] = [];
    let running = 0;
    let runningMax = 0;
    const response = await processPartialBatch(records, {
      concurrency: 2,
      groupOf,
      processRecord: async (item) => {
        running += 1;
        runningMax = Math.max(runningMax, running);
        log.push(`start ${item.messageId}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`end ${item.messageId}`);
        running -= 1;
      },
    });
    expect(response.batchItemFailures).toEqual([]);
    expect(runningMax).toBe(2);
    for (const [earlier, later] of [
      ["a1", "a2"],
      ["a2", "a3"],
      ["b1", "b2"],
    ])
      expect(log.indexOf(`end ${earlier}`)).toBeLessThan(log.indexOf(`start ${later}`));
  });

  it("reports a failed record and its group's later records, and nothing of the other groups", async () => {
    const records = [record("a", "a1"), record("a", "a2"), record("b", "b1"), record("a", "a3")];
    const tried: string[] = [];
    const failures: string[] = [];
    const response = await processPartialBatch(records, {
      concurrency: 4,
      groupOf,
      processRecord: async (item) => {
        tried.push(item.messageId);
        if (item.messageId === "a2") throw new Error("throttled");
      },
      onFailure: (item) => failures.push(item.messageId),
    });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "a2" }, { itemIdentifier: "a3" }]);
    expect(tried.sort()).toEqual(["a1", "a2", "b1"]);
    expect(failures).toEqual(["a2"]);
  });

  it("never throws: a failing grouping or failure hook still yields a response", async () => {
    const response = await processPartialBatch([record("a", "a1"), record("b", "b1")], {
      concurrency: 1,
      groupOf: () => {
        throw new Error("unreadable");
      },
      processRecord: async (item) => {
        if (item.messageId === "b1") throw new Error("bad");
      },
      onFailure: () => {
        throw new Error("logger down");
      },
    });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "b1" }]);
  });

  it("answers an empty batch with no failures", async () => {
    expect(await processPartialBatch([], { concurrency: 4, groupOf, processRecord: async () => undefined })).toEqual({
      batchItemFailures: [],
    });
  });
});
