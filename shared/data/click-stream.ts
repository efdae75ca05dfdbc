/**
 * The counted click as the table's stream carries it, in one place for the three that must agree: the
 * click store that writes it, the event source mapping's filter (infra/, and the local stream poller that
 * applies the same filter), and the aggregator that reads it. No SDK import: the redirect bundles this.
 */

/** `entityType` of a counted click (AP6, shared/data/keys.ts countedClick). */
export const countedClickEntityType = "CountedClick";

/**
 * The event source mapping's filter: only the writes of counted clicks reach the aggregator. INSERT is a
 * first click, MODIFY a click after an expired one (TTL had not deleted it yet); REMOVE is the TTL
 * deletion, not a click. Lambda FilterCriteria syntax, on the record as the stream delivers it.
 */
export const clickStreamFilterPattern = {
  eventName: ["INSERT", "MODIFY"],
  dynamodb: { NewImage: { entityType: { S: [countedClickEntityType] } } },
} as const;

/** The local stand-in for the mapping's filter: true when a stream record matches clickStreamFilterPattern. */
export function matchesClickStreamFilter(record: {
  readonly eventName?: string;
  readonly dynamodb?: { readonly NewImage?: Record<string, { readonly S?: string } | undefined> };
}): boolean {
  return (
    (clickStreamFilterPattern.eventName as readonly string[]).includes(record.eventName ?? "") &&
    record.dynamodb?.NewImage?.entityType?.S === countedClickEntityType
  );
}
