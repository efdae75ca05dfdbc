/**
 * `npm run openapi`: writes docs/openapi.json from the route registry, and the typed client's types
 * (client/src/api.ts) from it. Run it after changing any API schema; test/unit/openapi.test.ts and
 * test/unit/client-types.test.ts fail while the committed files are stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiJson } from "../shared/schemas/openapi.ts";
import { clientTypesPath, renderClientTypes } from "./lib/client-types.ts";

const target = fileURLToPath(new URL("../docs/openapi.json", import.meta.url));
const document = openApiJson();
writeFileSync(target, document);
console.log(`wrote ${target}`);
writeFileSync(fileURLToPath(new URL(`../${clientTypesPath}`, import.meta.url)), await renderClientTypes(document));
console.log(`wrote ${clientTypesPath}`);
