/** GET /openapi.json: the OpenAPI 3.1 document, generated once per container from the route registry. */
import { routes } from "../../shared/http-routes.ts";
import { openApiJson } from "../../shared/schemas/openapi.ts";
import { httpRoute } from "../middleware/http-stack.ts";

export function createGetOpenApiHandler(documentText: string = openApiJson()) {
  return httpRoute(routes.getOpenApiDocument, {}, async () => ({
    statusCode: 200,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
    body: documentText,
  }));
}

export const handler = createGetOpenApiHandler();
