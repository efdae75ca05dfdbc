/**
 * The operator's ledger merges the pages of 16 index shards (ledger-store mergeOperatorLedgerShards).
 * Shards here are simulated the way DynamoDB answers a Query on one: newest first below the cursor,
 * `Limit` items evaluated per query before the filter, a LastEvaluatedKey whenever the limit was
 * reached, a bounded number of queries per shard. Paging through with the cursors must give every
 * matching transfer once, newest first, whatever the spread over shards, the filter and the limit.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeOperatorLedgerShards, type OperatorLedgerShardPage } from "../../shared/data/ledger-store.ts";
import { decodeBoundaryCursor } from "../../shared/data/page-cursor.ts";
import type { Transfer } from "../../shared/schemas/transfer-items.ts";

const scope = { listing: "OPERATOR_LEDGER#EUR", sortKeyPrefix: "TRANSFER#" };

interface IndexedTransfer {
  readonly sortKey: string;
  readonly shard: number;
  readonly matches: boolean;
}

/** One shard's answer as ledger-store's shard reader collects it from DynamoDB's pages. */
function readShard(
  items: readonly IndexedTransfer[],
  before: string | undefined,
  limit: number,
  queriesMax: number,
): OperatorLedgerShardPage {
  const below = items.filter((item) => before === undefined || item.sortKey < before).sort((a, b) => (a.sortKey < b.sortKey ? 1 : -1));
  const transfers: { sortKey: string; transfer: Transfer }[] = [];
  let position = 0;
  let stoppedAt: string | undefined;
  for (let queries = 0; queries < queriesMax; queries += 1) {
    const queryLimit = limit - transfers.length;
    const evaluated = below.slice(position, position + queryLimit);
    position += evaluated.length;
    for (const item of evaluated)
      if (item.matches) transfers.push({ sortKey: item.sortKey, transfer: { transferId: item.sortKey } as unknown as Transfer });
    // DynamoDB returns a LastEvaluatedKey whenever it stopped at the limit, even if nothing follows.
    stoppedAt = evaluated.length === queryLimit ? evaluated.at(-1)!.sortKey : undefined;
    if (stoppedAt === undefined || transfers.length >= limit) break;
  }
  return stoppedAt === undefined ? { transfers } : { transfers, stoppedAt };
}

describe("the operator ledger's merge of its index shards", () => {
  it("pages through every matching transfer once, newest first, for any spread, filter and limit", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 9_999 }), { maxLength: 120 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.boolean()), { minLength: 120, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        (times, placements, limit, queriesMax) => {
          const items: IndexedTransfer[] = times.map((time, index) => ({
            sortKey: `TRANSFER#${String(time).padStart(4, "0")}#tr_${index}`,
            shard: placements[index]![0],
            matches: placements[index]![1],
          }));
          const shards = Array.from({ length: 16 }, (_, shard) => items.filter((item) => item.shard === shard));
          const listed: string[] = [];
          let before: string | undefined;
          for (let pages = 0; ; pages += 1) {
            expect(pages).toBeLessThanOrEqual(items.length + 1);
            const page = mergeOperatorLedgerShards(
              shards.map((shard) => readShard(shard, before, limit, queriesMax)),
              limit,
              scope,
            );
            expect(page.transfers.length).toBeLessThanOrEqual(limit);
            listed.push(...page.transfers.map((transfer) => transfer.transferId));
            if (page.nextCursor === undefined) break;
            const next = decodeBoundaryCursor(page.nextCursor, scope);
            expect(before === undefined || next < before).toBe(true); // every page moves on
            before = next;
          }
          const expected = items
            .filter((item) => item.matches)
            .map((item) => item.sortKey)
            .sort()
            .reverse();
          expect(listed).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
