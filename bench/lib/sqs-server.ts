/**
 * Starts bench/lib/local-sqs-process.ts as a child process and returns its endpoint and queue URLs.
 * The child is killed by stop() and, failing that, when this process exits.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LocalQueueUrls } from "../../scripts/lib/local-sqs.ts";

export interface SqsServerProcess {
  readonly endpoint: string;
  readonly queueUrls: LocalQueueUrls;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const childScript = fileURLToPath(new URL("./local-sqs-process.ts", import.meta.url));

export async function startSqsServerProcess(environment: NodeJS.ProcessEnv): Promise<SqsServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", childScript], { env: environment, stdio: ["pipe", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let errorOutput = "";
  child.stderr.on("data", (chunk: Buffer) => (errorOutput += chunk.toString()));
  const started = await new Promise<{ endpoint: string; queueUrls: LocalQueueUrls }>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`local SQS did not start within 20 s: ${errorOutput.slice(-2000)}`)), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const newline = output.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(output.slice(0, newline)) as { endpoint: string; queueUrls: LocalQueueUrls });
      } catch (error) {
        reject(new Error(`local SQS printed ${output.slice(0, 200)}: ${String(error)}`));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`local SQS exited with ${code}: ${errorOutput.slice(-2000)}`));
    });
  });
  return {
    ...started,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      process.off("exit", killOnExit);
    },
  };
}
