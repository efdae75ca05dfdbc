/**
 * The walk of a sharded due index that both daily runs make (expire-discounts.ts over AP44,
 * verify-partner-levels.ts over AP77): every shard in parallel, each read page by page and its entries
 * handled in order; a run that nears its time limit starts no more. An entry whose handler throws is
 * left for the run's retry (the handler logs it); either makes the walk incomplete.
 */

export interface DuePage<Entry> {
  readonly due: readonly Entry[];
  readonly nextStartKey?: Record<string, unknown> | undefined;
}

export interface DueIndexWalk<Entry> {
  readonly shards: number;
  listPage(shard: number, startKey: Record<string, unknown> | undefined): Promise<DuePage<Entry>>;
  /** Handles one entry; a throw counts it as failed (after `onFailure`), never stops the walk. */
  handle(entry: Entry): Promise<void>;
  onFailure(entry: Entry, error: unknown): void;
  /** True once too little time is left to start another entry or page. */
  outOfTime(): boolean;
}

/** Walks the index; true when every shard was read to its end and every entry handled without a throw. */
export async function walkDueIndex<Entry>(walk: DueIndexWalk<Entry>): Promise<boolean> {
  let complete = true;
  async function runShard(shard: number): Promise<void> {
    let startKey: Record<string, unknown> | undefined;
    do {
      if (walk.outOfTime()) {
        complete = false;
        return;
      }
      const page = await walk.listPage(shard, startKey);
      for (const entry of page.due) {
        if (walk.outOfTime()) {
          complete = false;
          return;
        }
        try {
          await walk.handle(entry);
        } catch (error) {
          complete = false;
          walk.onFailure(entry, error);
        }
      }
      startKey = page.nextStartKey;
    } while (startKey);
  }
  await Promise.all(Array.from({ length: walk.shards }, (_, shard) => runShard(shard)));
  return complete;
}

/** A failure's fields for the log: the error's name and message, never its data. */
export function failureDetails(error: unknown): { error: string; reason: string | undefined } {
  return { error: error instanceof Error ? error.name : String(error), reason: error instanceof Error ? error.message : undefined };
}
