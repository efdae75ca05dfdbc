/**
 * client/src/api.ts: the typed client's types, generated from docs/openapi.json by openapi-typescript
 * (`npm run openapi` writes both), so the client cannot drift from the API it describes.
 */
import { readFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import { formatDocument } from "../../bench/lib/formatted-document.ts";

export const clientTypesPath = "client/src/api.ts";
const openApiPath = new URL("../../docs/openapi.json", import.meta.url);

const banner = `/**
 * Generated from docs/openapi.json by openapi-typescript (scripts/lib/client-types.ts): run
 * \`npm run openapi\` after changing a route; test/unit/client-types.test.ts fails when this file is stale.
 */
`;

export async function renderClientTypes(document: string = readFileSync(openApiPath, "utf8")): Promise<string> {
  const ast = await openapiTS(JSON.parse(document), { alphabetize: false, exportType: false });
  return formatDocument(`${banner}${astToString(ast)}`, clientTypesPath);
}
