/**
 * `npm start` as a developer runs it, for end-to-end tests: spawned through npm on free ports and a
 * temporary data directory, ready when its state file names a live stack and the banner is out. The
 * helpers read the process tree from /proc (Linux), so a test can check that a signal to npm's pid
 * leaves none of npm's descendants (tsx, Node, DynamoDB Local's Java) behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isProcessAlive, readStackState, repositoryRoot, type StackState } from "../../scripts/lib/stack-state.ts";

export interface NpmStart {
  readonly npm: ChildProcess;
  readonly dataDirectory: string;
  readonly stack: StackState;
  readonly output: () => string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills whatever is left (a failed test leaks nothing) and removes the data directory. */
  cleanUp(): Promise<void>;
}

/** Pids of every live descendant of `pid`, read from /proc. */
export function descendantPids(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command may hold spaces and parentheses: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // Gone while reading.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, childParent] of parents) {
      if (childParent === parent && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** True when nothing accepts connections on the URL's port. */
export async function isPortClosed(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return await new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

export async function startNpmStart(environment: Record<string, string> = {}): Promise<NpmStart> {
  const dataDirectory = mkdtempSync(join(tmpdir(), "referral-ledger-npm-start-"));
  const npm = spawn("npm", ["start", "--silent"], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: "0", SQS_PORT: "0", DYNAMODB_PORT: "0", DEMO_PORT: "0", LOCAL_DATA_DIR: dataDirectory, ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let stack: StackState | undefined;
  const leftovers = new Set<number>();
  const cleanUp = async () => {
    if (npm.exitCode === null && npm.signalCode === null) npm.kill("SIGKILL");
    for (const pid of [...leftovers, ...(npm.pid ? descendantPids(npm.pid) : [])]) if (isProcessAlive(pid)) process.kill(pid, "SIGKILL");
    rmSync(dataDirectory, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const state = readStackState(dataDirectory);
    if (state && output.includes("Stop with Ctrl-C.")) {
      stack = state;
      break;
    }
    if (npm.exitCode !== null || Date.now() > deadline) {
      await cleanUp();
      throw new Error(`npm start did not come up (exit ${npm.exitCode}):\n${output}`);
    }
    if (npm.pid) for (const pid of descendantPids(npm.pid)) leftovers.add(pid);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (npm.pid) for (const pid of descendantPids(npm.pid)) leftovers.add(pid);
  return { npm, dataDirectory, stack, output: () => output, exit, cleanUp };
}

/**
 * The processes of `pids` still alive after waiting up to `deadlineMilliseconds` for them to exit
 * (tsx's esbuild service, for one, exits only when it sees its parent's pipe close).
 */
export async function survivors(pids: readonly number[], deadlineMilliseconds = 10_000): Promise<number[]> {
  const deadline = Date.now() + deadlineMilliseconds;
  for (;;) {
    const alive = pids.filter(isProcessAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
