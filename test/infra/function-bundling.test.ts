/** Which functions carry their own AWS SDK: the redirect (a visitor waits on its cold start), no other. */
import { describe, expect, it } from "vitest";
import { functionSpecs } from "../../infra/catalog.ts";
import { externalModulesOf } from "../../infra/constructs/ledger-function.ts";

describe("bundling the AWS SDK", () => {
  it("bundles it into the redirect and leaves it to the runtime everywhere else", () => {
    const bundled = functionSpecs.filter((spec) => externalModulesOf(spec).length === 0).map((spec) => spec.name);
    expect(bundled).toEqual(["redirect"]);
    for (const spec of functionSpecs.filter((candidate) => candidate.name !== "redirect"))
      expect(externalModulesOf(spec), spec.name).toEqual(["@aws-sdk/*"]);
  });
});
