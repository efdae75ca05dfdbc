/** The function environment (shared/config.ts): a hashing function without HASH_SALT fails its cold start; there is no built-in salt. */
import { describe, expect, it } from "vitest";
import { hashSaltOrThrow, runtimeConfig } from "../../shared/config.ts";

describe("HASH_SALT", () => {
  it("has no built-in default: a missing salt fails the cold start of a function that hashes", () => {
    const config = runtimeConfig({ TABLE_NAME: "ledger" });
    expect(config.HASH_SALT).toBeUndefined();
    expect(() => hashSaltOrThrow(config)).toThrow(/HASH_SALT is required/);
  });

  it("is refused when empty and taken as given otherwise", () => {
    expect(() => runtimeConfig({ TABLE_NAME: "ledger", HASH_SALT: "" })).toThrow(/HASH_SALT/);
    expect(hashSaltOrThrow(runtimeConfig({ TABLE_NAME: "ledger", HASH_SALT: "deployment-salt" }))).toBe("deployment-salt");
  });
});
