/**
 * Opaque page cursors of the ledger listings, base64url JSON: an account's (the last evaluated key) and
 * the operator's (a boundary sort key, below). Reading one back checks that it points into the listing
 * asked for (the account, its sort-key prefix, the period index when filtered by period; the operator's
 * currency), so a forged cursor reads nothing else; and, for a listing with filters, that it is a cursor of the
 * same listing (its `listing`: a hash of the filters), so a cursor of one listing is refused by another.
 */
import { createHash } from "node:crypto";
import * as z from "zod";
import { ValidationError } from "../errors.ts";

const cursorKeySchema = z.strictObject({
  pk: z.string().max(300),
  sk: z.string().max(300),
  gsi1pk: z.string().max(300).optional(),
  gsi1sk: z.string().max(300).optional(),
  listing: z.string().max(64).optional(),
});

/** The `listing` of a cursor: a short, stable hash of what the listing is (its name and filters). */
export function listingOf(...parts: readonly (string | undefined)[]): string {
  return createHash("sha256")
    .update(JSON.stringify(parts.map((part) => part ?? null)), "utf8")
    .digest("base64url")
    .slice(0, 16);
}

/** Where a listing's cursors may point: the account's partition and sort-key prefix, and the period partition when filtered by period. */
export interface CursorScope {
  readonly partition: string;
  readonly sortKeyPrefix: string;
  readonly periodPartition?: string | undefined;
  /** The listing the cursor must come from (`listingOf`); absent: a listing without filters, whose cursors carry none. */
  readonly listing?: string | undefined;
}

/** A cursor from a page's last evaluated key, bound to its listing when it has one. */
export function encodeCursor(key: Record<string, unknown>, listing?: string): string {
  return Buffer.from(JSON.stringify(listing === undefined ? key : { ...key, listing }), "utf8").toString("base64url");
}

const invalid = () =>
  new ValidationError("invalid query: query.cursor: not a cursor of this listing", [
    { path: "query.cursor", message: "not a cursor of this listing" },
  ]);

function decodedJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
}

export function decodeCursor(cursor: string, scope: CursorScope): Record<string, string> {
  const parsed = cursorKeySchema.safeParse(decodedJson(cursor));
  if (!parsed.success) throw invalid();
  const key = parsed.data;
  if (key.pk !== scope.partition || !key.sk.startsWith(scope.sortKeyPrefix) || key.listing !== scope.listing) throw invalid();
  const byPeriod = scope.periodPartition !== undefined;
  if (byPeriod !== (key.gsi1pk !== undefined) || byPeriod !== (key.gsi1sk !== undefined)) throw invalid();
  if (byPeriod && (key.gsi1pk !== scope.periodPartition || !key.gsi1sk!.startsWith(scope.sortKeyPrefix))) throw invalid();
  const { listing: _listing, ...startKey } = key;
  return Object.fromEntries(Object.entries(startKey).filter(([, value]) => value !== undefined)) as Record<string, string>;
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

/**
 * The cursor of a listing merged from several index partitions (the operator's ledger, its shards): the
 * sort key the next page starts below, bound to the listing it came from. Sort keys are unique across
 * the partitions (each transfer is in one), so one boundary stands for every partition's position.
 */
const boundaryCursorSchema = z.strictObject({
  listing: z.string().max(300),
  before: z.string().max(300),
});

export interface BoundaryCursorScope {
  readonly listing: string;
  readonly sortKeyPrefix: string;
}

export function encodeBoundaryCursor(scope: BoundaryCursorScope, before: string): string {
  return encodeCursor({ listing: scope.listing, before });
}

/** The sort key a page starts below; a cursor of another listing (another currency, an account's) is a ValidationError. */
export function decodeBoundaryCursor(cursor: string, scope: BoundaryCursorScope): string {
  const parsed = boundaryCursorSchema.safeParse(decodedJson(cursor));
  if (!parsed.success || parsed.data.listing !== scope.listing || !parsed.data.before.startsWith(scope.sortKeyPrefix)) throw invalid();
  return parsed.data.before;
}
