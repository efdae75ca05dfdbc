import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { httpRoutes } from "../../infra/catalog.ts";
import { apiRoutes } from "../../shared/schemas/api-routes.ts";
import { buildOpenApiDocument, openApiJson, openApiPath } from "../../shared/schemas/openapi.ts";

const committed = readFileSync(new URL("../../docs/openapi.json", import.meta.url), "utf8");

describe("the OpenAPI document", () => {
  it("docs/openapi.json is what the generator produces (run `npm run openapi` after changing a schema)", () => {
    expect(committed).toBe(openApiJson());
  });

  it("is OpenAPI 3.1", () => {
    expect(buildOpenApiDocument().openapi).toBe("3.1.0");
  });

  it("documents every route of infra/catalog.ts, with the same access", () => {
    const document = JSON.parse(committed) as { paths: Record<string, Record<string, { security: unknown[] }>> };
    for (const route of httpRoutes) {
      const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.security.length === 0, `${route.method} ${route.path} security`).toBe(route.auth === "public");
    }
  });

  it("lists in the registry exactly the routes of the catalog", () => {
    const catalog = httpRoutes.map((route) => `${route.method} ${route.path}`).sort();
    const registry = apiRoutes.map((route) => `${route.method} ${route.path}`).sort();
    expect(registry).toEqual(catalog);
    for (const route of apiRoutes) {
      const catalogRoute = httpRoutes.find((candidate) => candidate.method === route.method && candidate.path === route.path)!;
      expect(route.auth === "public", `${route.method} ${route.path}`).toBe(catalogRoute.auth === "public");
    }
  });

  it("gives every operation a unique id and every path parameter a schema", () => {
    const ids = apiRoutes.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    for (const [path, operations] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(operations)) {
        expect((operation.parameters ?? []).filter((parameter) => parameter.in === "path").map((parameter) => parameter.name)).toEqual(
          names,
        );
      }
    }
  });

  it("turns greedy parameters into plain ones", () => {
    expect(openApiPath("/r/{link+}")).toBe("/r/{link}");
  });
});
