/**
 * The operator CLI on the ledger test setup: a stack description (`stack.json`, as `npm start` writes
 * it) naming the setup's table on DynamoDB Local and its local SQS queues, in a data directory of its
 * own that LOCAL_DATA_DIR points to while the file's tests run, and `cli(...)` running commands in
 * process through `runCli` with their output captured.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { runCli } from "../../scripts/cli/program.ts";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { writeStackState } from "../../scripts/lib/stack-state.ts";
import type { Clock } from "../../shared/domain/clock.ts";
import type { LedgerTestSetup } from "./ledger-setup.ts";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliStack {
  /** The data directory holding stack.json (set as LOCAL_DATA_DIR from beforeAll to afterAll). */
  dataDirectory(): string;
  cli(...argv: string[]): Promise<CliRun>;
}

/** `options.clock`: the CLI's clock is the setup's (commands that read "now", such as the open half month); default the system's. */
export function useCliStack(setup: LedgerTestSetup, name: string, options: { readonly clock?: Clock } = {}): CliStack {
  let dataDirectory: string | undefined;
  const previousDataDirectory = process.env.LOCAL_DATA_DIR;
  beforeAll(() => {
    dataDirectory = mkdtempSync(join(tmpdir(), `${name}-`));
    writeStackState(dataDirectory, {
      apiUrl: "http://127.0.0.1:1",
      dynamoDbEndpoint: inject("dynamoDbEndpoint"),
      dynamoDbLocalPid: undefined,
      sqsEndpoint: setup.sqs.endpoint,
      queueUrls: setup.sqs.queueUrls,
      tableName: setup.table.tableName,
      environment: {},
      // A live process: this one.
      pid: process.pid,
      startedAt: setup.clock.now().toISOString(),
      region: localAwsEnvironment.AWS_REGION,
    });
    process.env.LOCAL_DATA_DIR = dataDirectory;
  });
  afterAll(() => {
    if (previousDataDirectory === undefined) delete process.env.LOCAL_DATA_DIR;
    else process.env.LOCAL_DATA_DIR = previousDataDirectory;
    if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
  });
  return {
    dataDirectory() {
      if (!dataDirectory) throw new Error("the CLI stack is made in beforeAll");
      return dataDirectory;
    },
    async cli(...argv) {
      let stdout = "";
      let stderr = "";
      const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, options.clock);
      return { code, stdout, stderr };
    },
  };
}
