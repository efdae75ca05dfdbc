/**
 * shared/observability.ts builds the Powertools logger on first use, not at import (the redirect's cold
 * start, and its usual path writes no line), and the invocation's ids still reach the first line: the
 * Lambda request id, API Gateway's request id as `correlation_id`, and `cold_start` true only on the
 * container's first invocation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const built = vi.hoisted(() => ({ count: 0 }));

vi.mock("@aws-lambda-powertools/logger", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@aws-lambda-powertools/logger")>();
  class CountedLogger extends actual.Logger {
    constructor(...options: ConstructorParameters<typeof actual.Logger>) {
      super(...options);
      built.count += 1;
    }
  }
  return { ...actual, Logger: CountedLogger };
});

const { lambdaContext } = await import("../support/http-events.ts");

let lines: Record<string, unknown>[] = [];

beforeEach(() => {
  vi.resetModules();
  built.count = 0;
  lines = [];
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "INFO");
  // As Lambda sets it for an on-demand container (Powertools reports no cold start otherwise).
  vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
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
  vi.unstubAllEnvs();
});

describe("the container's logger", () => {
  it("is not built by importing shared/observability.ts nor by starting an invocation, only by the first line", async () => {
    const { logger } = await import("../../shared/observability.ts");
    expect(built.count).toBe(0);

    const context = lambdaContext("redirect");
    logger.startInvocation(context, "api-request-1");
    expect(built.count).toBe(0);

    logger.warn("click not counted");
    expect(built.count).toBe(1);
    expect(lines.at(-1)).toMatchObject({
      message: "click not counted",
      function_request_id: context.awsRequestId,
      correlation_id: "api-request-1",
      cold_start: true,
    });

    const next = lambdaContext("redirect");
    logger.startInvocation(next, "api-request-2");
    logger.warn("click not counted");
    expect(built.count).toBe(1);
    expect(lines.at(-1)).toMatchObject({ function_request_id: next.awsRequestId, correlation_id: "api-request-2", cold_start: false });
  });

  it("built on a later invocation, gives that invocation's ids and no cold start", async () => {
    const { logger } = await import("../../shared/observability.ts");
    logger.startInvocation(lambdaContext("redirect"), "api-request-1");
    const later = lambdaContext("redirect");
    logger.startInvocation(later, undefined);
    expect(built.count).toBe(0);

    logger.info("first line of the container");
    expect(built.count).toBe(1);
    expect(lines.at(-1)).toMatchObject({ function_request_id: later.awsRequestId, cold_start: false });
    expect(lines.at(-1)).not.toHaveProperty("correlation_id");
  });

  it("is the instance that middleware taking a Powertools logger gets (containerLogger), built once", async () => {
    const { containerLogger, logger } = await import("../../shared/observability.ts");
    const instance = containerLogger();
    expect(containerLogger()).toBe(instance);
    logger.info("through the facade");
    expect(built.count).toBe(1);
  });
});
