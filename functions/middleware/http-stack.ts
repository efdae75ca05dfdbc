/**
 * The one HTTP stack every route uses: resolve and check the caller as the route's definition says
 * (shared/http-routes.ts), parse the path, query and body with zod, run the use case, and map its result
 * or error to a response. Handlers stay a few lines long and no route repeats status codes, headers,
 * error mapping or authorization. Every log line of the invocation carries the Lambda request id
 * (Powertools injectLambdaContext) and API Gateway's request id as `correlation_id`, the `requestId`
 * of the API's access log.
 *
 * A plain async function, no middy: the HTTP routes use no middleware, and the redirect's cold start pays
 * for every module its bundle evaluates.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { z } from "zod";
import { authorizeManagedRequest, authorizeRequest, type ManagerLinkCheck, type PrincipalOf } from "../../shared/domain/principal.ts";
import { DomainError, type FieldIssue, httpStatusByCode, TooManyAttemptsError, ValidationError } from "../../shared/errors.ts";
import type { HttpRouteDefinition, RouteAuth } from "../../shared/http-routes.ts";
import { limits } from "../../shared/limits.ts";
import { logger } from "../../shared/observability.ts";

/**
 * The caller's claims arrive from the JWT authorizer (operator routes: `authorizer.jwt.claims`) or from the request
 * authorizer (account routes: `authorizer.lambda`, the same `sub` and `scope`, or a widget session's account).
 */
export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2["requestContext"] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> }; lambda?: Record<string, unknown> };
  };
};
export type HttpResponse = APIGatewayProxyStructuredResultV2;

export interface HttpRequest<Path, Query, Body, Caller> {
  readonly path: Path;
  readonly query: Query;
  readonly body: Body;
  readonly event: HttpEvent;
  /** The caller, of the kind the route's auth guarantees: undefined on public routes, the operator on operator routes. */
  readonly principal: Caller;
}

export interface RouteSchemas<Path extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType> {
  readonly path?: Path;
  readonly query?: Query;
  readonly body?: Body;
  /** The largest body the route parses (default limits.requestBodyBytesMax); a larger one is 400 before any parsing. */
  readonly bodyBytesMax?: number;
  /**
   * On a route with `managedAccess`: the check of a manager's active link to the path's client (AP71),
   * which lets a manager account in as itself (`principal.actingFor`). Only those handlers pass it, so the
   * link store stays out of every other function's bundle (the redirect's among them).
   */
  readonly managerLinks?: ManagerLinkCheck;
}

const jsonHeaders = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { ...jsonHeaders, ...headers }, body: JSON.stringify(body) };
}

export function issuesOf(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join("."), message: issue.message }));
}

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, part: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const issues = issuesOf(parsed.error, part);
    throw new ValidationError(`invalid ${part}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`, issues);
  }
  return parsed.data;
}

function readJsonBody(event: HttpEvent, bodyBytesMax: number): unknown {
  if (event.body === undefined || event.body === null || event.body === "") return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  if (Buffer.byteLength(text, "utf8") > bodyBytesMax) {
    throw new ValidationError(`body is larger than ${bodyBytesMax} bytes`, [{ path: "body", message: "too large" }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError("body is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
  }
}

/** Maps any thrown value to a response: domain errors by the one table, anything else to a bare 500. */
export function errorResponse(error: unknown): HttpResponse {
  if (error instanceof DomainError) {
    const statusCode = httpStatusByCode[error.code];
    if (statusCode < 500) {
      return jsonResponse(
        statusCode,
        { error: { code: error.code, message: error.message, ...(error.details?.issues ? { issues: error.details.issues } : {}) } },
        error instanceof TooManyAttemptsError ? { "retry-after": String(error.retryAfterSeconds) } : {},
      );
    }
    if (statusCode === 503)
      return jsonResponse(503, { error: { code: error.code, message: "temporarily unavailable, retry" } }, { "retry-after": "1" });
  }
  logger.error("unhandled error", {
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return jsonResponse(500, { error: { code: "internal", message: "internal error" } });
}

/**
 * The handler of a route: `route` is its definition in shared/http-routes.ts (a function serving several
 * routes passes any one of them: they share one auth, which a test checks). The caller is checked before
 * any input is parsed: 401 without a valid token, 403 when the route's auth does not admit it.
 */
export function httpRoute<Auth extends RouteAuth, Path extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType>(
  route: HttpRouteDefinition & { readonly auth: Auth },
  schemas: RouteSchemas<Path, Query, Body>,
  useCase: (request: HttpRequest<z.infer<Path>, z.infer<Query>, z.infer<Body>, PrincipalOf<Auth>>) => Promise<HttpResponse>,
) {
  return async (event: HttpEvent, context?: Context): Promise<HttpResponse> => {
    // What Powertools' injectLambdaContext middleware does, without building the logger before a line is written.
    logger.startInvocation(context, event.requestContext?.requestId);
    try {
      // The one place the route's auth becomes the caller's type: authorizeRequest returns exactly that kind.
      const claims = event.requestContext?.authorizer?.jwt?.claims ?? event.requestContext?.authorizer?.lambda;
      // Routes without managed access (the redirect's among them) stay synchronous: no link is read.
      const principal = (
        route.managedAccess === undefined
          ? authorizeRequest(route.auth, claims, event.pathParameters)
          : await authorizeManagedRequest(route, claims, event.pathParameters, schemas.managerLinks)
      ) as PrincipalOf<Auth>;
      // A manager's use of a client's route, named in the log with both ids (the manager never holds the client's token).
      if (principal?.kind === "account" && principal.actingFor !== undefined)
        logger.info("managed access", {
          managerAccountId: principal.accountId,
          clientAccountId: principal.actingFor,
          route: `${route.method} ${route.path}`,
        });
      const request: HttpRequest<z.infer<Path>, z.infer<Query>, z.infer<Body>, PrincipalOf<Auth>> = {
        path: parsePart(schemas.path, event.pathParameters, "path"),
        query: parsePart(schemas.query, event.queryStringParameters, "query"),
        body: schemas.body
          ? parsePart(schemas.body, readJsonBody(event, schemas.bodyBytesMax ?? limits.requestBodyBytesMax), "body")
          : (undefined as z.infer<Body>),
        event,
        principal,
      };
      return await useCase(request);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
