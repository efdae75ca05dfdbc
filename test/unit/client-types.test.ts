import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clientTypesPath, renderClientTypes } from "../../scripts/lib/client-types.ts";

const committed = readFileSync(new URL(`../../${clientTypesPath}`, import.meta.url), "utf8");
const openApi = readFileSync(new URL("../../docs/openapi.json", import.meta.url), "utf8");

describe("the typed client's types (client/src/api.ts)", () => {
  it("are generated from docs/openapi.json as committed (run `npm run openapi`)", async () => {
    expect(committed, "client/src/api.ts is stale: run `npm run openapi`").toBe(await renderClientTypes(openApi));
  });

  it("change when a route changes (the check can fail)", async () => {
    const document = JSON.parse(openApi) as { paths: Record<string, unknown> };
    document.paths["/accounts/{accountId}/renamed"] = document.paths["/accounts/{accountId}/balance"];
    delete document.paths["/accounts/{accountId}/balance"];
    expect(await renderClientTypes(JSON.stringify(document))).not.toBe(committed);
  });

  it("describe every path of the API", () => {
    const document = JSON.parse(openApi) as { paths: Record<string, unknown> };
    for (const path of Object.keys(document.paths)) expect(committed).toContain(`"${path}": {`);
  });
});
