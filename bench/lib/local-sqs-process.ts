/**
 * The local SQS server (scripts/lib/local-sqs.ts) in its own process, so the consumer benchmark's CPU
 * figures hold the handler's work only. Prints one JSON line with the endpoint and queue URLs, then
 * serves until its parent closes stdin or sends SIGTERM.
 *
 *   node --import tsx bench/lib/local-sqs-process.ts
 */
import { startLocalSqs } from "../../scripts/lib/local-sqs.ts";

const sqs = await startLocalSqs({ port: 0, visibilityTimeoutSeconds: 30 });
process.stdout.write(`${JSON.stringify({ endpoint: sqs.endpoint, queueUrls: sqs.queueUrls })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sqs.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.on("close", () => void stop());
process.stdin.resume();
