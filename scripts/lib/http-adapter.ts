/**
 * The local stand-in for the API Gateway HTTP API: a node:http server that turns each request into
 * the payload 2.0 event API Gateway would send, calls the catalog's handler for the matched route,
 * and turns the result back into a response the way API Gateway does. Route matching, the JWT
 * authorizer's 401, the route-level authorization scopes' 403, the 404 for unknown routes and the response inference rules follow API Gateway,
 * so a handler that works here works behind the real API.
 *
 * Only loopback is served. Authorization uses dev tokens instead of signed JWTs:
 *   `Authorization: Bearer dev:<accountId>`  → claims { sub: accountId }
 *   `Authorization: Bearer dev:operator`     → claims { sub: "operator", scope: "referral-ledger/operator" }
 * On the account routes, which API Gateway guards with the request authorizer (shared/http-routes.ts
 * `authorizerOf`), a dev token plays the authorizer's JWT branch and any other bearer (a widget session) is
 * given to the authorizer function itself, as API Gateway would. CORS is answered as API Gateway's CORS
 * configuration answers it, for the origins `corsAllowedOrigins` returns (the stored widget.allowedOrigins).
 */

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import type { HttpRouteSpec as CatalogRoute } from "../../infra/catalog.ts";
import { operatorScope } from "../../shared/domain/principal.ts";
import { authorizationScopesOf, authorizerOf, widgetCorsPolicy } from "../../shared/http-routes.ts";

/** What the adapter needs of a catalog route. */
export type HttpRouteSpec = Pick<CatalogRoute, "method" | "path" | "functionName" | "auth">;

import { localAccountId } from "./lambda-runtime.ts";

/** API Gateway's payload limit for HTTP APIs. */
export const requestBodyBytesMax = 10 * 1024 * 1024;
/** API Gateway HTTP APIs give up on an integration after 30 s and answer 503. */
export const integrationTimeoutMilliseconds = 30_000;

export type HttpApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

type Segment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "parameter"; readonly name: string }
  | { readonly kind: "greedy"; readonly name: string };

export interface CompiledRoute {
  readonly spec: HttpRouteSpec;
  readonly routeKey: string;
  readonly segments: readonly Segment[];
}

export interface RouteMatch {
  readonly route: CompiledRoute;
  /** Decoded values; undefined when the route has no parameters (as API Gateway sends it). */
  readonly pathParameters: Record<string, string> | undefined;
}

/** Parses `/accounts/{accountId}/referral` or `/r/{link+}` into segments; throws on a path API Gateway would refuse. */
export function compileRoute(spec: HttpRouteSpec): CompiledRoute {
  if (!spec.path.startsWith("/")) throw new Error(`route path must start with /: ${spec.path}`);
  const parts = spec.path === "/" ? [] : spec.path.slice(1).split("/");
  const segments = parts.map((part, index): Segment => {
    const parameter = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(part);
    if (!parameter) {
      if (part.includes("{") || part.includes("}")) throw new Error(`unsupported path segment ${part} in ${spec.path}`);
      return { kind: "literal", text: part };
    }
    if (parameter[2] === "+") {
      if (index !== parts.length - 1) throw new Error(`a greedy parameter must be the last segment: ${spec.path}`);
      return { kind: "greedy", name: parameter[1]! };
    }
    return { kind: "parameter", name: parameter[1]! };
  });
  return { spec, routeKey: `${spec.method} ${spec.path}`, segments };
}

function decodeSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function matchSegments(route: CompiledRoute, pathSegments: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    if (segment.kind === "greedy") {
      const rest = pathSegments.slice(index).join("/");
      if (rest === "") return undefined;
      parameters[segment.name] = decodeSegment(rest);
      return parameters;
    }
    const part = pathSegments[index];
    if (part === undefined) return undefined;
    if (segment.kind === "literal" && segment.text !== part) return undefined;
    if (segment.kind === "parameter") {
      if (part === "") return undefined;
      parameters[segment.name] = decodeSegment(part);
    }
  }
  return pathSegments.length === route.segments.length ? parameters : undefined;
}

const specificityRank = { literal: 0, parameter: 1, greedy: 2 } as const;

/**
 * API Gateway's precedence: a full literal match wins, then routes with {param} segments, then greedy
 * {param+} routes; between two candidates the one with a literal where the other has a variable, at
 * the first segment where they differ, is more specific. Methods must match exactly (HEAD only
 * matches HEAD routes).
 */
function moreSpecificFirst(left: CompiledRoute, right: CompiledRoute): number {
  const length = Math.max(left.segments.length, right.segments.length);
  const leftGreedy = left.segments.some((segment) => segment.kind === "greedy");
  const rightGreedy = right.segments.some((segment) => segment.kind === "greedy");
  if (leftGreedy !== rightGreedy) return leftGreedy ? 1 : -1;
  for (let index = 0; index < length; index += 1) {
    const leftRank = left.segments[index] ? specificityRank[left.segments[index]!.kind] : 3;
    const rightRank = right.segments[index] ? specificityRank[right.segments[index]!.kind] : 3;
    if (leftRank !== rightRank) return leftRank - rightRank;
  }
  // Longer literal prefixes before a greedy tail are more specific.
  return right.segments.length - left.segments.length;
}

export function createRouter(specs: readonly HttpRouteSpec[]) {
  const routes = specs.map(compileRoute).sort(moreSpecificFirst);
  return {
    routes,
    /** The route API Gateway would pick for `method rawPath`, or undefined (API Gateway: 404 Not Found). */
    match(method: string, rawPath: string): RouteMatch | undefined {
      if (!rawPath.startsWith("/")) return undefined;
      const pathSegments = rawPath === "/" ? [] : rawPath.slice(1).split("/");
      for (const route of routes) {
        if (route.spec.method !== method) continue;
        const parameters = matchSegments(route, pathSegments);
        if (parameters) return { route, pathParameters: Object.keys(parameters).length > 0 ? parameters : undefined };
      }
      return undefined;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;

export interface JwtAuthorizerContext {
  readonly claims: Record<string, string>;
  readonly scopes: string[] | null;
}

/** What a Lambda request authorizer with simple responses passes on: its context, as `requestContext.authorizer.lambda`. */
export interface LambdaAuthorizerContext {
  readonly lambda: Record<string, unknown>;
}

/** A simple response of a Lambda request authorizer (payload 2.0). */
export interface SimpleAuthorizerResult {
  readonly isAuthorized: boolean;
  readonly context?: Record<string, unknown>;
}

const devTokenPattern = /^Bearer\s+dev:([A-Za-z0-9._@:-]{1,128})$/i;

/**
 * What the HTTP API's JWT authorizer would pass on for a dev token, or undefined when API Gateway
 * would answer 401 (missing header, not a bearer token, not a dev token).
 */
export function authorizeDevToken(authorizationHeader: string | undefined): JwtAuthorizerContext | undefined {
  const match = devTokenPattern.exec(authorizationHeader?.trim() ?? "");
  if (!match) return undefined;
  const subject = match[1]!;
  if (subject === "operator") return { claims: { sub: "operator", scope: operatorScope }, scopes: [operatorScope] };
  return { claims: { sub: subject }, scopes: null };
}

/** The parts of an HTTP request the event is built from (node:http independent, for tests). */
export interface RequestParts {
  readonly method: string;
  /** Path and query as received, e.g. `/r/abc/pricing?utm_source=x`. */
  readonly url: string;
  /** [name, value] pairs as received (node's rawHeaders, paired). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly receivedAt: Date;
  readonly requestId: string;
}

const textContentTypes = [/^text\//, /^application\/(.+\+)?json\b/, /^application\/(.+\+)?xml\b/, /^application\/javascript\b/];

/** HTTP APIs pass text bodies as they are and base64-encode the rest (form posts included). */
function isTextContentType(contentType: string | undefined): boolean {
  const normalized = contentType?.trim().toLowerCase() ?? "";
  return textContentTypes.some((pattern) => pattern.test(normalized));
}

const monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `21/Nov/2026:22:51:03 +0000`, the format of requestContext.time. */
function formatRequestTime(instant: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(instant.getUTCDate())}/${monthAbbreviations[instant.getUTCMonth()]}/${instant.getUTCFullYear()}:${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())} +0000`;
}

/** Builds the payload 2.0 event API Gateway sends for `request` on `match`. */
export function toHttpApiEvent(
  request: RequestParts,
  match: RouteMatch,
  authorizer: JwtAuthorizerContext | LambdaAuthorizerContext | undefined,
): HttpApiEvent {
  const queryStart = request.url.indexOf("?");
  const rawPath = queryStart >= 0 ? request.url.slice(0, queryStart) : request.url;
  const rawQueryString = queryStart >= 0 ? request.url.slice(queryStart + 1) : "";

  // Repeated headers are joined with commas; cookies move to their own array.
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [rawName, value] of request.headers) {
    const name = rawName.toLowerCase();
    if (name === "cookie") {
      cookies.push(
        ...value
          .split(";")
          .map((cookie) => cookie.trim())
          .filter((cookie) => cookie !== ""),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const host = headers.host ?? "localhost";
  headers["x-forwarded-for"] ??= request.sourceIp;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-forwarded-port"] ??= /:(\d+)$/.exec(host)?.[1] ?? "80";

  let queryStringParameters: Record<string, string> | undefined;
  if (rawQueryString !== "") {
    queryStringParameters = {};
    for (const [name, value] of new URLSearchParams(rawQueryString)) {
      queryStringParameters[name] = queryStringParameters[name] === undefined ? value : `${queryStringParameters[name]},${value}`;
    }
  }

  const hasBody = request.body.length > 0;
  const bodyIsText = isTextContentType(headers["content-type"]);
  const domainName = host;
  return {
    version: "2.0",
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: localAccountId,
      apiId: "local",
      ...(authorizer
        ? {
            authorizer:
              "lambda" in authorizer ? { lambda: authorizer.lambda } : { principalId: "", integrationLatency: 0, jwt: authorizer },
          }
        : {}),
      domainName,
      domainPrefix: domainName.split(".")[0]!.split(":")[0]!,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: request.requestId,
      routeKey: match.route.routeKey,
      stage: "$default",
      time: formatRequestTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(hasBody ? { body: bodyIsText ? request.body.toString("utf8") : request.body.toString("base64") } : {}),
    isBase64Encoded: hasBody && !bodyIsText,
  } as HttpApiEvent;
}

export interface HttpResult {
  readonly statusCode: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

export class MalformedLambdaResponseError extends Error {
  override name = "MalformedLambdaResponseError";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Maps a handler's result back to HTTP the way API Gateway reads payload 2.0 responses: an object
 * with `statusCode` is a structured response (headers, cookies → Set-Cookie, body, isBase64Encoded;
 * multiValueHeaders is a v1 field and is ignored); anything else is JSON, sent as a 200.
 */
export function fromLambdaResult(result: unknown): HttpResult {
  if (!isRecord(result) || !("statusCode" in result)) {
    const body = typeof result === "string" ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: [["content-type", "application/json"]], body: Buffer.from(body, "utf8") };
  }
  const { statusCode, headers, cookies, body, isBase64Encoded } = result;
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedLambdaResponseError(`statusCode must be an integer in 100-599, got ${JSON.stringify(statusCode)}`);
  }
  const responseHeaders: [string, string][] = [];
  if (headers !== undefined) {
    if (!isRecord(headers)) throw new MalformedLambdaResponseError("headers must be an object");
    for (const [name, value] of Object.entries(headers)) {
      if (!["string", "number", "boolean"].includes(typeof value))
        throw new MalformedLambdaResponseError(`header ${name} must be a string, number or boolean`);
      responseHeaders.push([name.toLowerCase(), String(value)]);
    }
  }
  if (cookies !== undefined) {
    if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === "string"))
      throw new MalformedLambdaResponseError("cookies must be an array of strings");
    for (const cookie of cookies) responseHeaders.push(["set-cookie", cookie]);
  }
  if (body !== undefined && body !== null && typeof body !== "string") throw new MalformedLambdaResponseError("body must be a string");
  const bodyBuffer = typeof body === "string" ? Buffer.from(body, isBase64Encoded === true ? "base64" : "utf8") : Buffer.alloc(0);
  if (bodyBuffer.length > 0 && !responseHeaders.some(([name]) => name === "content-type"))
    responseHeaders.push(["content-type", "text/plain; charset=utf-8"]);
  return { statusCode, headers: responseHeaders, body: bodyBuffer };
}

function gatewayError(statusCode: number, message: string): HttpResult {
  return { statusCode, headers: [["content-type", "application/json"]], body: Buffer.from(JSON.stringify({ message })) };
}

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
function newRequestId(): string {
  return randomBytes(10).toString("base64");
}

export interface HttpAdapterOptions {
  readonly routes: readonly HttpRouteSpec[];
  /** Runs the catalog function `functionName` with `event` (see lambda-runtime.ts). */
  readonly invoke: (functionName: string, event: HttpApiEvent) => Promise<unknown>;
  /**
   * The account routes' request authorizer (the catalog's authorize-request function), given the authorizer event for
   * a bearer that is not a dev token; without it such a bearer gets 401.
   */
  readonly authorizeRequest?: (event: HttpApiEvent & { type: "REQUEST"; routeArn: string; identitySource: string[] }) => Promise<unknown>;
  /** The origins CORS is answered for (API Gateway: the stack's CORS configuration); without it, no CORS. */
  readonly corsAllowedOrigins?: () => Promise<readonly string[]>;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** One line per request (method, route, status, duration; never the query string or body). */
  readonly log?: (line: string) => void;
  /** Where handler failures go (API Gateway would show them in the function's logs only). */
  readonly logError?: (message: string, error: unknown) => void;
}

export interface RunningHttpAdapter {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  stop(): Promise<void>;
}

const bodyTooLarge = Symbol("body too large");

/** Reads the whole body, or reports it too large; an oversized body is drained, not cut off, so the 413 still reaches the client. */
async function readBody(request: IncomingMessage): Promise<Buffer | typeof bodyTooLarge> {
  const declaredLength = Number(request.headers["content-length"] ?? 0);
  if (declaredLength > requestBodyBytesMax) {
    request.resume();
    return bodyTooLarge;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    received += buffer.length;
    if (received <= requestBodyBytesMax) chunks.push(buffer);
  }
  return received > requestBodyBytesMax ? bodyTooLarge : Buffer.concat(chunks);
}

function pairHeaders(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) pairs.push([rawHeaders[index]!, rawHeaders[index + 1]!]);
  return pairs;
}

function send(response: ServerResponse, result: HttpResult, requestId: string): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of result.headers) {
    if (name === "set-cookie") headers[name] = [...((headers[name] as string[] | undefined) ?? []), value];
    else headers[name] = value;
  }
  headers["apigw-requestid"] = requestId;
  headers["content-length"] = String(result.body.length);
  response.writeHead(result.statusCode, headers);
  response.end(result.body);
}

/** Starts the adapter on loopback; `stop()` closes it and every open connection. */
export async function startHttpAdapter(options: HttpAdapterOptions): Promise<RunningHttpAdapter> {
  const router = createRouter(options.routes);
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const logError = options.logError ?? ((message, error) => console.error(message, error));

  async function handle(request: IncomingMessage): Promise<{ result: HttpResult; requestId: string; routeKey: string }> {
    const requestId = newRequestId();
    const receivedAt = new Date();
    const url = request.url ?? "/";
    const method = request.method ?? "GET";
    const match = router.match(method, url.split("?")[0]!);
    if (!match) {
      request.resume();
      return { result: gatewayError(404, "Not Found"), requestId, routeKey: "-" };
    }
    const routeKey = match.route.routeKey;
    const requestParts = (body: Buffer): RequestParts => ({
      method,
      url,
      headers: pairHeaders(request.rawHeaders),
      body,
      sourceIp: (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
      protocol: `HTTP/${request.httpVersion}`,
      receivedAt,
      requestId,
    });
    let authorizer: JwtAuthorizerContext | LambdaAuthorizerContext | undefined;
    const routeAuthorizer = authorizerOf(match.route.spec.auth);
    if (routeAuthorizer === "jwt") {
      const jwt = authorizeDevToken(request.headers.authorization);
      if (!jwt) {
        request.resume();
        return { result: gatewayError(401, "Unauthorized"), requestId, routeKey };
      }
      // The route's authorizationScopes, as API Gateway checks them: a valid token without any of them gets 403.
      const required = authorizationScopesOf(match.route.spec.auth);
      if (required.length > 0 && !required.some((scope) => jwt.scopes?.includes(scope))) {
        request.resume();
        return { result: gatewayError(403, "Forbidden"), requestId, routeKey };
      }
      authorizer = jwt;
    } else if (routeAuthorizer === "request") {
      // The identity source: without an Authorization header API Gateway answers 401 and never runs the authorizer.
      if (!request.headers.authorization) {
        request.resume();
        return { result: gatewayError(401, "Unauthorized"), requestId, routeKey };
      }
      const jwt = authorizeDevToken(request.headers.authorization);
      if (jwt) authorizer = { lambda: { ...jwt.claims, via: "jwt" } };
      else {
        const decided = options.authorizeRequest
          ? await options.authorizeRequest({
              ...toHttpApiEvent(requestParts(Buffer.alloc(0)), match, undefined),
              type: "REQUEST",
              routeArn: `arn:aws:execute-api:local:${localAccountId}:local/$default/${match.route.spec.method}${match.route.spec.path}`,
              identitySource: [request.headers.authorization],
            })
          : undefined;
        const result = decided as SimpleAuthorizerResult | undefined;
        if (result === undefined) {
          request.resume();
          return { result: gatewayError(401, "Unauthorized"), requestId, routeKey };
        }
        // A simple response that is not `isAuthorized: true` is API Gateway's 403.
        if (result.isAuthorized !== true) {
          request.resume();
          return { result: gatewayError(403, "Forbidden"), requestId, routeKey };
        }
        authorizer = { lambda: result.context ?? {} };
      }
    }
    const body = await readBody(request);
    if (body === bodyTooLarge) return { result: gatewayError(413, "Request Entity Too Large"), requestId, routeKey };
    const event = toHttpApiEvent(requestParts(body), match, authorizer);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), integrationTimeoutMilliseconds);
    });
    try {
      const outcome = await Promise.race([options.invoke(match.route.spec.functionName, event), timedOut]);
      if (outcome === "timeout") return { result: gatewayError(503, "Service Unavailable"), requestId, routeKey };
      return { result: fromLambdaResult(outcome), requestId, routeKey };
    } catch (error) {
      logError(`[http] ${routeKey} ${match.route.spec.functionName} failed (API Gateway answers 500)`, error);
      return { result: gatewayError(500, "Internal Server Error"), requestId, routeKey };
    } finally {
      clearTimeout(timer);
    }
  }

  const corsOrigins = options.corsAllowedOrigins;
  /** The request's origin when CORS is answered for it, else undefined. */
  async function allowedOriginOf(request: IncomingMessage): Promise<string | undefined> {
    const origin = request.headers.origin;
    if (!corsOrigins || origin === undefined) return undefined;
    return (await corsOrigins()).includes(origin) ? origin : undefined;
  }

  /**
   * As API Gateway with a CORS configuration: a preflight (OPTIONS with Origin and Access-Control-Request-Method) is
   * answered 204 on any path without running a route, with the allow headers only for an allowed origin; every other
   * answer to an allowed origin carries Access-Control-Allow-Origin (gateway errors included).
   */
  async function handleWithCors(request: IncomingMessage): Promise<{ result: HttpResult; requestId: string; routeKey: string }> {
    const allowedOrigin = await allowedOriginOf(request);
    if (corsOrigins && request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined) {
      request.resume();
      const headers: [string, string][] = allowedOrigin
        ? [
            ["access-control-allow-origin", allowedOrigin],
            ["access-control-allow-methods", widgetCorsPolicy.allowMethods.join(",")],
            ["access-control-allow-headers", widgetCorsPolicy.allowHeaders.join(",")],
            ["access-control-max-age", String(widgetCorsPolicy.maxAgeSeconds)],
            ["vary", "origin"],
          ]
        : [];
      return {
        result: { statusCode: 204, headers, body: Buffer.alloc(0) },
        requestId: newRequestId(),
        routeKey: "OPTIONS (CORS preflight)",
      };
    }
    const answered = await handle(request);
    if (!allowedOrigin) return answered;
    const vary = answered.result.headers.find(([name]) => name === "vary")?.[1];
    const headers = answered.result.headers.filter(([name]) => !name.startsWith("access-control-") && name !== "vary");
    headers.push(
      ["access-control-allow-origin", allowedOrigin],
      ["access-control-expose-headers", widgetCorsPolicy.exposeHeaders.join(",")],
      ["vary", vary ? `${vary}, origin` : "origin"],
    );
    return { ...answered, result: { ...answered.result, headers } };
  }

  const server = createServer((request, response) => {
    const startedAt = performance.now();
    handleWithCors(request)
      .then(({ result, requestId, routeKey }) => {
        send(response, result, requestId);
        log(
          `[http] ${request.method} ${(request.url ?? "/").split("?")[0]} → ${result.statusCode} (${routeKey}, ${Math.round(performance.now() - startedAt)} ms)`,
        );
      })
      .catch((error: unknown) => {
        logError("[http] adapter failure", error);
        if (!response.headersSent) send(response, gatewayError(500, "Internal Server Error"), "-");
        else response.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
