/**
 * `npm run openapi`: writes docs/openapi.json from the route registry. Run it after changing any API
 * schema; test/unit/openapi.test.ts fails while the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiJson } from "../shared/schemas/openapi.ts";

const target = fileURLToPath(new URL("../docs/openapi.json", import.meta.url));
writeFileSync(target, openApiJson());
console.log(`wrote ${target}`);
