import { describe, expect, it } from "vitest";
import { functionSpecs } from "../../infra/catalog.ts";
import { timeoutSecondsOf as deployedTimeoutSecondsOf } from "../../infra/constructs/ledger-function.ts";
import { createLambdaContext, functionSpecOrThrow, timeoutSecondsOf } from "../../scripts/lib/lambda-runtime.ts";

describe("the local Lambda runtime", () => {
  it("gives every function the timeout the CDK stack gives it", () => {
    for (const spec of functionSpecs) expect([spec.name, timeoutSecondsOf(spec)]).toEqual([spec.name, deployedTimeoutSecondsOf(spec)]);
  });

  it("builds a context with the function's names, memory and a remaining time counting down from its timeout", () => {
    const spec = functionSpecOrThrow("billing-events");
    const startedAtMilliseconds = Date.now();
    const context = createLambdaContext(spec, startedAtMilliseconds);
    expect(context).toMatchObject({
      functionName: "referral-ledger-billing-events",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:eu-central-1:000000000000:function:referral-ledger-billing-events",
      logGroupName: "/aws/lambda/referral-ledger-billing-events",
      callbackWaitsForEmptyEventLoop: false,
    });
    expect(context.memoryLimitInMB).toMatch(/^\d+$/);
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(timeoutSecondsOf(spec) * 1000);
    expect(createLambdaContext(spec, startedAtMilliseconds - 10 * 60 * 1000).getRemainingTimeInMillis()).toBe(0);
  });

  it("refuses a function the catalog does not list", () => {
    expect(() => functionSpecOrThrow("no-such-function")).toThrow(/no function named no-such-function/);
  });
});
