/**
 * The fingerprint of a billing event's meaning, stored on its idempotency record: a redelivery with
 * the same id must have the same fingerprint (a duplicate), otherwise it is a payload mismatch.
 * Canonical JSON (keys sorted at every level) so that key order never matters.
 */
import { createHash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the canonical { type, version, data }: `eventId` is the key and `occurredAt` is delivery metadata. */
export function payloadHashOf(event: { readonly type: string; readonly version: number; readonly data: unknown }): string {
  return createHash("sha256")
    .update(canonicalJson({ type: event.type, version: event.version, data: event.data }))
    .digest("hex");
}
