/**
 * The running local stack describes itself in `<data directory>/stack.json` (default `.local/`), so
 * other commands (`npm run job`, `npm run dlq`, `npm run demo`, the benchmarks) find its endpoints
 * without flags. Written when the stack is ready, removed when it stops.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LocalQueueUrls } from "./local-sqs.ts";

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** `.local/` in the repository (git-ignored), or LOCAL_DATA_DIR. */
export function defaultDataDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  return resolve(environment.LOCAL_DATA_DIR ?? join(repositoryRoot, ".local"));
}

/** Where the parts of a running stack are: what its in-process handle and its state file both say. */
export interface StackDescription {
  readonly apiUrl: string;
  readonly dynamoDbEndpoint: string;
  /** The Java process of DynamoDB Local when the stack started it. */
  readonly dynamoDbLocalPid: number | undefined;
  readonly sqsEndpoint: string;
  readonly queueUrls: LocalQueueUrls;
  readonly tableName: string;
  /** The environment the handlers run with (also set on the stack's process.env); `npm run job` runs them with the same. */
  readonly environment: Record<string, string>;
}

export interface StackState extends StackDescription {
  /** The Node process serving the stack. */
  readonly pid: number;
  readonly startedAt: string;
  readonly region: string;
}

export function stackStatePath(dataDirectory: string): string {
  return join(dataDirectory, "stack.json");
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The state of a stack that is running now, or undefined (no file, or its process is gone). */
export function readStackState(dataDirectory = defaultDataDirectory()): StackState | undefined {
  const path = stackStatePath(dataDirectory);
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, "utf8")) as StackState;
  return isProcessAlive(state.pid) ? state : undefined;
}

export function readStackStateOrThrow(dataDirectory = defaultDataDirectory()): StackState {
  const state = readStackState(dataDirectory);
  if (!state)
    throw new Error(`no local stack is running for ${dataDirectory}: start it with \`npm start\` (in another terminal) and try again`);
  return state;
}

export function writeStackState(dataDirectory: string, state: StackState): void {
  mkdirSync(dataDirectory, { recursive: true });
  const path = stackStatePath(dataDirectory);
  // Write then rename: a reader never sees half a file.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** Removes the state file if it still belongs to `pid`. */
export function removeStackState(dataDirectory: string, pid: number): void {
  const path = stackStatePath(dataDirectory);
  if (!existsSync(path)) return;
  try {
    const state = JSON.parse(readFileSync(path, "utf8")) as StackState;
    if (state.pid !== pid) return;
  } catch {
    // Unreadable: ours to clean up.
  }
  rmSync(path, { force: true });
}
