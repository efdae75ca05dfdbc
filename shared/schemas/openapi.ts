/**
 * The OpenAPI 3.1 document, generated from the route registry (shared/schemas/api-routes.ts) with zod's
 * own JSON Schema output (`z.toJSONSchema`, draft 2020-12, which OpenAPI 3.1 uses as is). The same zod
 * schemas parse the requests, so the document cannot drift from what the handlers accept.
 *
 * `npm run openapi` writes it to docs/openapi.json; a test fails when that file is stale; GET
 * /openapi.json serves it.
 */
import * as z from "zod";
import { authorizationScopesOf, operatorScope, type RouteAuth } from "../http-routes.ts";
import { attributionRequestSchema, attributionResponseSchema, errorBodySchema, referralOverviewSchema } from "./api.ts";
import { type ApiRouteSpec, apiRoutes } from "./api-routes.ts";
import { quoteRequestSchema, quoteSchema } from "./quote-api.ts";
import { contractResponseSchema, withdrawalOutcomeResponseSchema, withdrawalResponseSchema } from "./withdrawals-api.ts";

type JsonObject = Record<string, unknown>;

export const apiVersion = "0.1.0";

/** Schemas published once under components/schemas and referenced where they appear as a whole body. */
const namedSchemas = new Map<z.ZodType, string>([
  [errorBodySchema, "Error"],
  [attributionRequestSchema, "AttributionRequest"],
  [attributionResponseSchema, "AttributionResponse"],
  [referralOverviewSchema, "ReferralOverview"],
  [withdrawalResponseSchema, "WithdrawalResponse"],
  [withdrawalOutcomeResponseSchema, "WithdrawalOutcome"],
  [contractResponseSchema, "ContractResponse"],
  [quoteRequestSchema, "QuoteRequest"],
  [quoteSchema, "Quote"],
]);

const authDescriptions: Record<RouteAuth, string> = {
  public: "Public: no token.",
  "account-or-operator": `Caller: the account in the path (token \`sub\`) or the operator (scope \`${operatorScope}\`).`,
  account: "Caller: the account in the path (token `sub`) only; not the operator, not a manager acting for it.",
  operator: `Caller: the operator only. The API requires the scope \`${operatorScope}\` on this route (a valid token without it: 403 before the function runs), and the function checks it again.`,
};

const managedAccessDescriptions = {
  read: "A manager (agency) account linked to the path's client account may call it too, as itself (docs/agencies.md): `x-managed-access: read`.",
  act: "A manager (agency) account linked to the path's client account may call it too, as itself, acting for the client (docs/agencies.md): `x-managed-access: act`.",
} as const;

/** The security requirement of a route: none on public routes; the bearer token, with the scopes the route requires. */
function securityOf(auth: RouteAuth): JsonObject[] {
  return auth === "public" ? [] : [{ bearerAuth: [...authorizationScopesOf(auth)] }];
}

type Io = "input" | "output";

function jsonSchemaOf(schema: z.core.$ZodType, io: Io): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonObject;
  return rest;
}

function bodySchemaOf(schema: z.ZodType, io: Io): JsonObject {
  const name = namedSchemas.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : jsonSchemaOf(schema, io);
}

/** API Gateway's greedy `{path+}` is an ordinary `{path}` (that may contain slashes) in OpenAPI. */
export function openApiPath(catalogPath: string): string {
  return catalogPath.replace(/\{([A-Za-z0-9_]+)\+\}/g, "{$1}");
}

function parametersOf(schema: z.core.$ZodType | undefined, location: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  const converted = jsonSchemaOf(schema, "input");
  const properties = converted.properties as Record<string, JsonObject> | undefined;
  if (converted.type === "object" && properties) {
    const required = new Set((converted.required as string[] | undefined) ?? []);
    return Object.entries(properties).map(([name, property]) => {
      const { description, ...propertySchema } = property;
      return {
        name,
        in: location,
        required: location === "path" || required.has(name),
        ...(typeof description === "string" ? { description } : {}),
        schema: propertySchema,
      };
    });
  }
  // A free-form query (the redirect keeps any parameters): one exploded object parameter.
  const { description, ...freeForm } = converted;
  return [
    {
      name: "query",
      in: location,
      required: false,
      style: "form",
      explode: true,
      ...(typeof description === "string" ? { description } : {}),
      schema: freeForm,
    },
  ];
}

function operationOf(route: ApiRouteSpec): JsonObject {
  const parameters = [...parametersOf(route.request.path, "path"), ...parametersOf(route.request.query, "query")];
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, header]) => [
                name,
                { description: header.description, schema: { type: "string" } },
              ]),
            ),
          }
        : {}),
      ...(response.body || response.alternatives
        ? {
            content: {
              ...(response.body ? { "application/json": { schema: bodySchemaOf(response.body, "output") } } : {}),
              ...Object.fromEntries(
                Object.entries(response.alternatives ?? {}).map(([mediaType, alternative]) => [
                  mediaType,
                  { schema: { type: "string", description: alternative.description } },
                ]),
              ),
            },
          }
        : {}),
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [
      route.description,
      authDescriptions[route.auth],
      route.managedAccess === undefined ? undefined : managedAccessDescriptions[route.managedAccess],
    ]
      .filter(Boolean)
      .join("\n\n"),
    ...(route.managedAccess === undefined ? {} : { "x-managed-access": route.managedAccess }),
    tags: [...route.tags],
    security: securityOf(route.auth),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.request.body
      ? { requestBody: { required: true, content: { "application/json": { schema: bodySchemaOf(route.request.body, "input") } } } }
      : {}),
    responses,
  };
}

/** The whole document, deterministic (same registry, same bytes). */
export function buildOpenApiDocument(routes: readonly ApiRouteSpec[] = apiRoutes): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(route);
  }
  const schemas: JsonObject = {};
  for (const [schema, name] of namedSchemas) schemas[name] = jsonSchemaOf(schema, name.endsWith("Request") ? "input" : "output");
  return {
    openapi: "3.1.0",
    info: {
      title: "Referral ledger API",
      version: apiVersion,
      description:
        "Referral links with click statistics, attribution of sign-ups, and the referral ledger. Money is integer minor units with an ISO 4217 currency; rates are basis points. Generated from the zod schemas that validate every request (shared/schemas/api-routes.ts).",
    },
    tags: [
      { name: "links", description: "Referral links, invite codes and click statistics." },
      { name: "attribution", description: "Server-to-server attribution of sign-ups." },
      { name: "ledger", description: "Credits, commissions and balances." },
      { name: "settlement", description: "Semi-monthly settlement runs, their progress and partners' individual rates." },
      { name: "payouts", description: "Withdrawals of settled commission and the referral contracts they require." },
      {
        name: "discounts",
        description:
          "Referee and stacked referrer discounts (t2): where they stand, their history, the program's table, and baskets priced with them.",
      },
      { name: "widget", description: "The embeddable referral dashboard: its one-time token, its session, its script (docs/widget.md)." },
      {
        name: "deposits",
        description: "Partners' prepaid deposits (ACTIVE 24): enabled by the operator, topped up by the billing system, debited per order.",
      },
      {
        name: "agencies",
        description:
          "Manager (agency) accounts linked to client accounts by a one-time consent: issuing and presenting consents, listing and revoking links, the audit.",
      },
      {
        name: "partners",
        description: "Applications to partner programs (ACTIVE 24): an account applies, the operator approves or rejects, once.",
      },
      { name: "meta", description: "This document." },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: `A JWT verified by the API's authorizer (issuer, audience, signature, expiry). Accounts: \`sub\` is the account id. The operator: scope \`${operatorScope}\` in \`scope\`/\`scp\`; an operation whose security requirement lists that scope needs it (OpenAPI 3.1 role names on a bearer scheme). On the local stack, a dev token (see README).`,
        },
      },
      schemas,
    },
  };
}

/** The document as committed in docs/openapi.json. */
export function openApiJson(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
