/**
 * Plays the part of the Lambda runtime for the local stack: loads each catalog function's `handler`
 * by dynamic import of its entry file (TypeScript, run under tsx or vitest) and invokes it with a
 * minimal Lambda Context, so the local stack runs exactly the code the CDK stack deploys.
 */

import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Context } from "aws-lambda";
import { type FunctionSpec, functionSpecs } from "../../infra/catalog.ts";

/** Account and region that every local ARN and queue URL uses. */
export const localAccountId = "000000000000";
export const localRegion = "eu-central-1";

/**
 * The CDK stack's defaults for functions whose catalog entry sets none (infra/constructs/ledger-function.ts,
 * not imported here because it loads aws-cdk-lib; test/unit/lambda-runtime.test.ts keeps them equal).
 */
const defaultTimeoutSeconds = 10;
const defaultMemoryMegabytes = 256;

/** The timeout a function runs with, locally and in AWS. */
export function timeoutSecondsOf(spec: FunctionSpec): number {
  return spec.timeoutSeconds ?? defaultTimeoutSeconds;
}

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export function functionSpecOrThrow(functionName: string): FunctionSpec {
  const spec = functionSpecs.find((candidate) => candidate.name === functionName);
  if (!spec) throw new Error(`no function named ${functionName} in infra/catalog.ts`);
  return spec;
}

/** A Context with the fields handlers and Powertools read; `getRemainingTimeInMillis` counts down from the function's timeout. */
export function createLambdaContext(spec: FunctionSpec, startedAtMilliseconds = Date.now()): Context {
  const timeoutMilliseconds = timeoutSecondsOf(spec) * 1000;
  const functionName = `referral-ledger-${spec.name}`;
  const unsupported = () => {
    throw new Error("callback-style completion is not supported: return a promise");
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${localRegion}:${localAccountId}:function:${functionName}`,
    memoryLimitInMB: String(spec.memoryMegabytes ?? defaultMemoryMegabytes),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, startedAtMilliseconds + timeoutMilliseconds - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

export interface LocalFunction {
  readonly spec: FunctionSpec;
  /** Invokes the handler once; rejects when it throws or runs past the function's timeout. */
  invoke(event: unknown): Promise<unknown>;
}

export class FunctionTimeoutError extends Error {
  constructor(functionName: string, timeoutSeconds: number) {
    super(`${functionName}: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = "FunctionTimeoutError";
  }
}

/**
 * Loads catalog functions on first use and keeps them, like a warm container. The environment the
 * handlers read (TABLE_NAME, endpoints...) must be in process.env before the first invoke: handlers
 * read it once at module load or first use.
 */
export function createFunctionLoader(repositoryRoot: string) {
  const loaded = new Map<string, Promise<LambdaHandler>>();

  async function importHandler(spec: FunctionSpec): Promise<LambdaHandler> {
    const module = (await import(pathToFileURL(resolve(repositoryRoot, spec.entry)).href)) as { handler?: unknown };
    if (typeof module.handler !== "function") throw new Error(`${spec.entry} does not export a handler function`);
    return module.handler as LambdaHandler;
  }

  function handlerOf(spec: FunctionSpec): Promise<LambdaHandler> {
    let handler = loaded.get(spec.name);
    if (!handler) {
      handler = importHandler(spec);
      // A failed import (syntax error while someone edits) is retried on the next call.
      handler.catch(() => loaded.delete(spec.name));
      loaded.set(spec.name, handler);
    }
    return handler;
  }

  return {
    /**
     * Imports every catalog handler now, so the first request does not pay for it. Returns the ones
     * that failed to load (they are retried on their first invoke) instead of refusing to start.
     */
    async warmUp(): Promise<{ functionName: string; error: unknown }[]> {
      const results = await Promise.allSettled(functionSpecs.map((spec) => handlerOf(spec)));
      return results.flatMap((result, index) =>
        result.status === "rejected" ? [{ functionName: functionSpecs[index]!.name, error: result.reason as unknown }] : [],
      );
    },
    functionNamed(functionName: string): LocalFunction {
      const spec = functionSpecOrThrow(functionName);
      return {
        spec,
        async invoke(event) {
          const handler = await handlerOf(spec);
          const timeoutSeconds = timeoutSecondsOf(spec);
          const context = createLambdaContext(spec);
          let timer: NodeJS.Timeout | undefined;
          const timedOut = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new FunctionTimeoutError(context.functionName, timeoutSeconds)), timeoutSeconds * 1000);
          });
          try {
            return await Promise.race([Promise.resolve().then(() => handler(event, context)), timedOut]);
          } finally {
            clearTimeout(timer);
          }
        },
      };
    },
  };
}

export type FunctionLoader = ReturnType<typeof createFunctionLoader>;
