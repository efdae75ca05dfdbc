/** Which functions carry their own AWS SDK: the redirect (a visitor waits on its cold start), no other. */
import { describe, expect, it } from "vitest";
import { credentialChainFallbacks, externalModulesOf } from "../../infra/bundling.ts";
import { functionSpecs } from "../../infra/catalog.ts";

describe("bundling the AWS SDK", () => {
  it("bundles it into the redirect and leaves it to the runtime everywhere else", () => {
    const bundled = functionSpecs.filter((spec) => !externalModulesOf(spec).includes("@aws-sdk/*")).map((spec) => spec.name);
    expect(bundled).toEqual(["redirect"]);
    for (const spec of functionSpecs.filter((candidate) => candidate.name !== "redirect"))
      expect(externalModulesOf(spec), spec.name).toEqual(["@aws-sdk/*"]);
    // Bundled, but without the credential chain's fallbacks (Lambda's credentials are in the environment).
    expect(externalModulesOf(functionSpecs.find((spec) => spec.name === "redirect")!)).toEqual([...credentialChainFallbacks]);
  });
});
