/**
 * Logs of HTTP functions carry the Lambda request id (Powertools injectLambdaContext) and API Gateway's
 * request id (`correlation_id`, the `requestId` of the access log), and one invocation's ids never leak
 * into the next.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

const { httpRoute } = await import("../../functions/middleware/http-stack.ts");
const { routes } = await import("../../shared/http-routes.ts");
const { logger } = await import("../../shared/observability.ts");
const { httpEvent, lambdaContext } = await import("../support/http-events.ts");

let lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines = [];
  logger.setLogLevel("INFO");
  const capture = (chunk: string | Uint8Array) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    for (const line of text.split("\n").filter((part) => part.trim().startsWith("{"))) lines.push(JSON.parse(line));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel("SILENT");
});

describe("HTTP function logs", () => {
  const failing = httpRoute(routes.getOpenApiDocument, {}, async () => {
    throw new Error("boom");
  });

  it("carry the Lambda request id and API Gateway's request id on every line of the invocation", async () => {
    const event = httpEvent({ method: "GET", route: "/openapi.json", path: "/openapi.json" });
    const context = lambdaContext("get-openapi");
    const response = await failing(event, context);
    expect(response.statusCode).toBe(500);
    const line = lines.find((candidate) => candidate.message === "unhandled error");
    expect(line).toMatchObject({
      function_request_id: context.awsRequestId,
      function_name: "get-openapi",
      correlation_id: event.requestContext.requestId,
    });

    const first = httpEvent({ method: "GET", route: "/openapi.json", path: "/openapi.json" });
    await failing(first, lambdaContext("get-openapi"));
    const second = httpEvent({ method: "GET", route: "/openapi.json", path: "/openapi.json" });
    const secondContext = lambdaContext("get-openapi");
    await failing(second, secondContext);
    const last = lines.filter((candidate) => candidate.message === "unhandled error").at(-1);
    expect(last).toMatchObject({ function_request_id: secondContext.awsRequestId, correlation_id: second.requestContext.requestId });
  });
});
