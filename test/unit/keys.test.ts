/**
 * Every partition key starts with a declared entity prefix (or is the configuration item's): the
 * functions' IAM grants (dynamodb:LeadingKeys in infra/catalog.ts) are written with these prefixes, so
 * a key outside them would be refused in AWS.
 */
import { describe, expect, it } from "vitest";
import { keys, operatorConfigPartitionKey, partitionKeyPrefixes } from "../../shared/data/keys.ts";

describe("partition keys", () => {
  it("each start with one of partitionKeyPrefixes, or are the configuration item's", () => {
    const prefixes = Object.values(partitionKeyPrefixes);
    const builders = Object.entries(keys).filter(([, value]) => typeof value === "function") as [string, (...args: string[]) => unknown][];
    const partitionKeys = builders.flatMap(([name, build]) => {
      const built = build("a", "b", "c", "d") as { pk?: string; gsi1pk?: string; gsi2pk?: string } | string;
      if (typeof built === "string" || built.pk === undefined) return []; // index keys and partitions of a query
      return [{ name, pk: built.pk }];
    });
    expect(partitionKeys.length).toBeGreaterThan(15);
    for (const { name, pk } of partitionKeys) {
      expect(pk === operatorConfigPartitionKey || prefixes.some((prefix) => pk.startsWith(prefix)), `${name}: ${pk}`).toBe(true);
    }
    expect(keys.reversal("chargeback", "x").pk.startsWith(partitionKeyPrefixes.chargeback)).toBe(true);
  });
});
