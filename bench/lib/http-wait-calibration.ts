/**
 * How much CPU this process spends on one keep-alive HTTP request to a server in another process,
 * answered at once and answered after a delay. Without the AWS SDK or DynamoDB in the way, it shows
 * what the machine charges for the exchange itself and for waiting, so the redirect's CPU per click
 * over loopback can be read correctly.
 */
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";

export interface HttpWaitCalibration {
  readonly delayMilliseconds: number;
  readonly requests: number;
  readonly cpuMicrosecondsImmediate: number;
  readonly cpuMicrosecondsDelayed: number;
}

const serverSource = `
const http = require("node:http");
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const delay = Number(req.headers["x-delay-ms"] ?? 0);
    const answer = () => { res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }); res.end("{}"); };
    if (delay > 0) setTimeout(answer, delay); else answer();
  });
}).listen(0, "127.0.0.1", function () { process.stdout.write(String(this.address().port) + "\\n"); });
`;

export async function calibrateHttpWait(delayMilliseconds: number, requests = 400): Promise<HttpWaitCalibration> {
  const server = spawn(process.execPath, ["-e", serverSource], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      server.once("exit", (code) => reject(new Error(`calibration server exited with ${code}`)));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const body = "x".repeat(900); // about the size of the click's transaction request
    const send = (delay: number) =>
      new Promise<void>((resolve, reject) => {
        const outgoing = request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: "/",
            agent,
            headers: { "content-type": "application/x-amz-json-1.0", "content-length": body.length, "x-delay-ms": String(delay) },
          },
          (response) => {
            response.resume();
            response.on("end", resolve);
          },
        );
        outgoing.on("error", reject);
        outgoing.end(body);
      });
    const cpuPerRequest = async (delay: number) => {
      for (let index = 0; index < 50; index += 1) await send(delay);
      const before = process.cpuUsage();
      for (let index = 0; index < requests; index += 1) await send(delay);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / requests;
    };
    const cpuMicrosecondsImmediate = await cpuPerRequest(0);
    const cpuMicrosecondsDelayed = await cpuPerRequest(delayMilliseconds);
    agent.destroy();
    return { delayMilliseconds, requests, cpuMicrosecondsImmediate, cpuMicrosecondsDelayed };
  } finally {
    server.kill("SIGKILL");
  }
}
