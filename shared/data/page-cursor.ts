/**
 * Opaque page cursors of the account listings (ledger entries, transfers): the last evaluated key,
 * base64url JSON. Reading one back checks that it points into the listing asked for (the account, its
 * sort-key prefix, the period index when filtered by period), so a forged cursor reads nothing else.
 */
import * as z from "zod";
import { ValidationError } from "../errors.ts";

const cursorKeySchema = z.strictObject({
  pk: z.string().max(300),
  sk: z.string().max(300),
  gsi1pk: z.string().max(300).optional(),
  gsi1sk: z.string().max(300).optional(),
});

/** Where a listing's cursors may point: the account's partition and sort-key prefix, and the period partition when filtered by period. */
export interface CursorScope {
  readonly partition: string;
  readonly sortKeyPrefix: string;
  readonly periodPartition?: string | undefined;
}

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, scope: CursorScope): Record<string, string> {
  const invalid = () =>
    new ValidationError("invalid query: query.cursor: not a cursor of this listing", [
      { path: "query.cursor", message: "not a cursor of this listing" },
    ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = cursorKeySchema.safeParse(decoded);
  if (!parsed.success) throw invalid();
  const key = parsed.data;
  if (key.pk !== scope.partition || !key.sk.startsWith(scope.sortKeyPrefix)) throw invalid();
  const byPeriod = scope.periodPartition !== undefined;
  if (byPeriod !== (key.gsi1pk !== undefined) || byPeriod !== (key.gsi1sk !== undefined)) throw invalid();
  if (byPeriod && (key.gsi1pk !== scope.periodPartition || !key.gsi1sk!.startsWith(scope.sortKeyPrefix))) throw invalid();
  return Object.fromEntries(Object.entries(key).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

const indexCursorKeySchema = z.strictObject({
  pk: z.string().max(300),
  sk: z.string().max(300),
  gsi1pk: z.string().max(300),
  gsi1sk: z.string().max(300),
});

/** Where a gsi1 listing's cursors may point: its index partition, and items of one entity (table partition prefix and sort key). */
export interface IndexCursorScope {
  readonly indexPartition: string;
  readonly tablePartitionPrefix: string;
  readonly sortKey: string;
}

/** A cursor of a gsi1 listing (the withdrawals by status), checked against the listing asked for. */
export function decodeIndexCursor(cursor: string, scope: IndexCursorScope): Record<string, string> {
  const invalid = () =>
    new ValidationError("invalid query: query.cursor: not a cursor of this listing", [
      { path: "query.cursor", message: "not a cursor of this listing" },
    ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = indexCursorKeySchema.safeParse(decoded);
  if (!parsed.success) throw invalid();
  const key = parsed.data;
  if (key.gsi1pk !== scope.indexPartition || !key.pk.startsWith(scope.tablePartitionPrefix) || key.sk !== scope.sortKey) throw invalid();
  return key;
}
