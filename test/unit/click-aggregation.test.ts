/** The click aggregator's plan (shared/domain/click-aggregation.ts): pure, no engine. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clickPairsPerTransactionMax,
  compareSequenceNumbers,
  planClickAggregation,
  type StreamedClick,
} from "../../shared/domain/click-aggregation.ts";

const click = (sequenceNumber: number | string, code = "CODE1", day = "2026-03-14"): StreamedClick => ({
  sequenceNumber: String(sequenceNumber),
  code,
  day,
});

describe("planClickAggregation", () => {
  it("adds a batch on one code and day as one increment in one chunk, however many clicks", () => {
    const plan = planClickAggregation(
      Array.from({ length: 1000 }, (_, index) => click(index + 1)),
      undefined,
    );
    expect(plan).toEqual({
      redelivered: 0,
      chunks: [{ firstSequenceNumber: "1", lastSequenceNumber: "1000", increments: [{ code: "CODE1", day: "2026-03-14", clicks: 1000 }] }],
    });
  });

  it("keeps codes and days apart", () => {
    const plan = planClickAggregation([click(1), click(2, "CODE2"), click(3, "CODE1", "2026-03-15"), click(4)], undefined);
    expect(plan.chunks[0]!.increments).toEqual([
      { code: "CODE1", day: "2026-03-14", clicks: 2 },
      { code: "CODE2", day: "2026-03-14", clicks: 1 },
      { code: "CODE1", day: "2026-03-15", clicks: 1 },
    ]);
  });

  it("skips records at or below the checkpoint, comparing sequence numbers as numbers, not text", () => {
    const plan = planClickAggregation([click("9"), click("10"), click("11")], "10");
    expect(plan.redelivered).toBe(2);
    expect(plan.chunks).toEqual([
      { firstSequenceNumber: "11", lastSequenceNumber: "11", increments: [{ code: "CODE1", day: "2026-03-14", clicks: 1 }] },
    ]);
    expect(compareSequenceNumbers("000000000000000000009", "10")).toBe(-1);
    expect(compareSequenceNumbers("4421584500000000017450439091", "4421584500000000017450439090")).toBe(1);
  });

  it("orders a batch delivered out of order and counts a record delivered twice in it once", () => {
    const plan = planClickAggregation([click(3), click(1), click(2), click(1)], undefined);
    expect(plan.chunks).toEqual([
      { firstSequenceNumber: "1", lastSequenceNumber: "3", increments: [{ code: "CODE1", day: "2026-03-14", clicks: 3 }] },
    ]);
  });

  it("cuts a batch on many codes into chunks of at most 49 pairs, in stream order, so each fits one transaction", () => {
    const clicks = Array.from({ length: 120 }, (_, index) => click(index + 1, `C${index}`));
    const plan = planClickAggregation(clicks, undefined);
    expect(plan.chunks.map((chunk) => chunk.increments.length)).toEqual([49, 49, 22]);
    expect(plan.chunks.map((chunk) => [chunk.firstSequenceNumber, chunk.lastSequenceNumber])).toEqual([
      ["1", "49"],
      ["50", "98"],
      ["99", "120"],
    ]);
    expect(2 * clickPairsPerTransactionMax + 1).toBeLessThanOrEqual(100);
  });

  it("counts every click exactly once under any redelivery, bisect and crash between chunks", () => {
    // One shard of `total` clicks on a few codes; Lambda delivers ranges from its own position, which
    // may be behind ours (a retry, a bisected half, a duplicate); the function may crash after any chunk.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 60 }), fc.nat()), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        (total, deliveries, pairsPerChunk) => {
          const shard = Array.from({ length: total }, (_, index) => click(index + 1, `C${index % 5}`));
          const counters = new Map<string, number>();
          let checkpoint: string | undefined;
          let lambdaPosition = 0; // records before it were acknowledged by a successful invocation
          const deliver = (from: number, size: number, crashAfterChunks: number | undefined) => {
            const plan = planClickAggregation(shard.slice(from, from + size), checkpoint, pairsPerChunk);
            let applied = 0;
            for (const chunk of plan.chunks) {
              if (crashAfterChunks !== undefined && applied === crashAfterChunks) return false;
              for (const increment of chunk.increments)
                counters.set(increment.code, (counters.get(increment.code) ?? 0) + increment.clicks);
              checkpoint = chunk.lastSequenceNumber;
              applied += 1;
            }
            return true;
          };
          for (const [back, size, crash] of deliveries) {
            const from = Math.max(0, lambdaPosition - (back % 10)); // a redelivery starts at or before Lambda's position
            const succeeded = deliver(from, size, crash % 3 === 0 ? crash % 4 : undefined);
            if (succeeded) lambdaPosition = Math.max(lambdaPosition, Math.min(total, from + size));
          }
          deliver(0, total, undefined); // eventually everything is delivered once more, successfully
          expect([...counters.values()].reduce((sum, count) => sum + count, 0)).toBe(total);
          for (let code = 0; code < 5; code += 1)
            expect(counters.get(`C${code}`) ?? 0).toBe(shard.filter((candidate) => candidate.code === `C${code}`).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
