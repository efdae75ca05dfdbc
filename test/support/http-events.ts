/**
 * API Gateway HTTP API (payload format 2.0) events for calling real handlers in tests, shaped like the
 * ones AWS sends: lower-case headers, `rawPath` and `pathParameters` decoded, `rawQueryString` as sent,
 * repeated query parameters joined with commas in `queryStringParameters`, cookies in `cookies`, JWT
 * claims under `requestContext.authorizer.jwt`.
 *
 *   const event = httpEvent({ method: "GET", route: "/r/{link+}", path: "/r/ABCD2345/pricing", query: "utm_source=x" });
 *   const response = await invoke(handler, event);
 */
import type { Context } from "aws-lambda";
import type { HttpEvent, HttpResponse } from "../../functions/middleware/http-stack.ts";
import { operatorScope } from "../../shared/domain/principal.ts";

/** A desktop Chrome user agent: a person, for the click counter. */
export const browserUserAgent =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

export type TestPrincipal =
  | { readonly kind: "operator" }
  | { readonly kind: "account"; readonly accountId: string }
  | { readonly kind: "anonymous" };

export interface HttpEventInput {
  readonly method?: string;
  /** The catalog route template (`/r/{link+}`); path parameters are taken from `path` with it. */
  readonly route?: string;
  /** The request path as the browser sent it (percent-encoded); `rawPath` is its decoded form, as in AWS. */
  readonly path: string;
  /** Overrides the parameters derived from `route`. */
  readonly pathParameters?: Record<string, string>;
  /** A raw query string (without "?") or parameters to encode. */
  readonly query?: string | Record<string, string | readonly string[]>;
  readonly headers?: Record<string, string>;
  readonly cookies?: readonly string[];
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly isBase64Encoded?: boolean;
  /** Who calls: JWT claims for the operator or an account; anonymous sends no authorizer at all. */
  readonly principal?: TestPrincipal;
  /** Raw claims, when a test needs odd ones. */
  readonly claims?: Record<string, unknown>;
  readonly domainName?: string;
  readonly sourceIp?: string;
  /** Sent as the user-agent header; pass null for none. Default: a desktop browser. */
  readonly userAgent?: string | null;
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The path parameters API Gateway would extract for `route`, or undefined when the path does not match. */
export function matchRoute(route: string, path: string): Record<string, string> | undefined {
  const templateSegments = route.split("/").slice(1);
  const pathSegments = path.split("?")[0]!.split("/").slice(1);
  const parameters: Record<string, string> = {};
  for (let index = 0; index < templateSegments.length; index += 1) {
    const template = templateSegments[index]!;
    const greedy = /^\{(.+)\+\}$/.exec(template);
    if (greedy) {
      const rest = pathSegments.slice(index);
      if (rest.length === 0 || rest.join("/") === "") return undefined;
      parameters[greedy[1]!] = decodeOrKeep(rest.join("/"));
      return parameters;
    }
    const segment = pathSegments[index];
    if (segment === undefined) return undefined;
    const named = /^\{(.+)\}$/.exec(template);
    if (named) {
      if (segment === "") return undefined;
      parameters[named[1]!] = decodeOrKeep(segment);
    } else if (segment !== template) return undefined;
  }
  return pathSegments.length === templateSegments.length ? parameters : undefined;
}

function rawQueryOf(query: HttpEventInput["query"]): string {
  if (query === undefined) return "";
  if (typeof query === "string") return query;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    for (const one of typeof value === "string" ? [value] : value) search.append(name, one);
  return search.toString();
}

/** queryStringParameters as API Gateway builds them: decoded, repeated names joined with commas. */
function queryParametersOf(rawQuery: string): Record<string, string> | undefined {
  if (rawQuery === "") return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  return parameters;
}

export function claimsOf(principal: TestPrincipal | undefined): Record<string, unknown> | undefined {
  if (!principal || principal.kind === "anonymous") return undefined;
  if (principal.kind === "operator") return { sub: "operator-client", scope: operatorScope };
  return { sub: principal.accountId, scope: "openid" };
}

export function httpEvent(input: HttpEventInput): HttpEvent {
  const method = (input.method ?? "GET").toUpperCase();
  const rawQueryString = rawQueryOf(input.query);
  const domainName = input.domainName ?? "go.example.com";
  const sourceIp = input.sourceIp ?? "203.0.113.7";
  const headers: Record<string, string> = { host: domainName, "x-forwarded-proto": "https", "x-forwarded-for": sourceIp };
  if (input.userAgent !== null) headers["user-agent"] = input.userAgent ?? browserUserAgent;
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  const pathParameters = input.pathParameters ?? (input.route ? matchRoute(input.route, input.path) : undefined);
  const claims = input.claims ?? claimsOf(input.principal);
  const body = input.body === undefined ? undefined : typeof input.body === "string" ? input.body : JSON.stringify(input.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const now = new Date();
  return {
    version: "2.0",
    routeKey: input.route ? `${method} ${input.route}` : "$default",
    rawPath: decodeOrKeep(input.path),
    rawQueryString,
    ...(input.cookies ? { cookies: [...input.cookies] } : {}),
    headers,
    ...(queryParametersOf(rawQueryString) ? { queryStringParameters: queryParametersOf(rawQueryString) } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "local",
      domainName,
      domainPrefix: domainName.split(".")[0]!,
      http: { method, path: decodeOrKeep(input.path), protocol: "HTTP/1.1", sourceIp, userAgent: headers["user-agent"] ?? "" },
      requestId: `request-${Math.random().toString(36).slice(2)}`,
      routeKey: input.route ? `${method} ${input.route}` : "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: input.isBase64Encoded ?? false,
  } as HttpEvent;
}

export function lambdaContext(functionName = "test-function"): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: `request-${Math.random().toString(36).slice(2)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "test",
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

/** Calls a handler as Lambda would. */
export async function invoke(handler: HttpHandler, event: HttpEvent): Promise<HttpResponse> {
  return await handler(event, lambdaContext());
}

/** The response body parsed as JSON. */
export function jsonBody<T = Record<string, unknown>>(response: HttpResponse): T {
  return JSON.parse(response.body ?? "null") as T;
}
