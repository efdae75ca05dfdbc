/**
 * The README's walk-through is a script: this test takes its bash block as written, runs it with bash
 * against `npm start` (free ports, a temporary LOCAL_DATA_DIR, so the endpoints can only come from
 * stack.json) and checks what the README promises: 302 with a ref_click, 201 then 200, and one click
 * and one sign-up in the stats. It then runs the banner's AWS CLI command (when the AWS CLI is
 * installed) and stops the stack with SIGINT to npm's pid: nothing of it may be left.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../../scripts/lib/stack-state.ts";
import { descendantPids, isPortClosed, type NpmStart, startNpmStart, survivors } from "../support/npm-start.ts";

const readme = readFileSync(join(repositoryRoot, "README.md"), "utf8");
const walkThroughSection = readme.slice(readme.indexOf("## Walk-through"));
const walkThrough = /```bash\n([\s\S]*?)```/.exec(walkThroughSection)?.[1];

let started: NpmStart;
/** Holds the default API port 3000 (unless something else already does), answering what the stack never answers. */
let decoy: Server | undefined;

beforeAll(async () => {
  decoy = await new Promise<Server | undefined>((resolve) => {
    const server = createServer((_request, response) => response.writeHead(418).end("not the local stack"));
    server.once("error", () => resolve(undefined));
    server.listen(3000, "127.0.0.1", () => resolve(server));
  });
  // PORT left to its default, which is taken: the stack must warn and move, and the walk-through must follow it.
  started = await startNpmStart({ PORT: "" });
});

afterAll(async () => {
  await started?.cleanUp();
  await new Promise((resolve) => (decoy ? decoy.close(resolve) : resolve(undefined)));
});

function runBash(script: string, cwd = repositoryRoot): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("bash", ["-c", script], {
    cwd,
    env: { ...process.env, LOCAL_DATA_DIR: started.dataDirectory },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the README walk-through, pasted into bash", () => {
  it("warns that the default port 3000 is in use, and names the port the API moved to", () => {
    expect(new URL(started.stack.apiUrl).port).not.toBe("3000");
    expect(started.output()).toContain("warning: port 3000 is in use by another process; PORT falls back to a free port");
    expect(started.output()).toContain(`warning: port 3000 is in use by another process, so PORT moved to ${started.stack.apiUrl}`);
  });

  it("runs against the local stack and shows what the README says", () => {
    expect(walkThrough).toBeDefined();
    // No placeholders: a literal code or an ellipsis in a command cannot be pasted.
    const commands = walkThrough!
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, ""))
      .filter((line) => !line.trimStart().startsWith("#"));
    expect(commands.join("\n")).not.toMatch(/…|<code>|<clickId>|127\.0\.0\.1:3000/);

    const run = runBash(`set -euo pipefail\n${walkThrough}`);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");

    const overview = JSON.parse(lines[0]!) as { code: string; stats: { clickCount: number } };
    expect(overview.stats.clickCount).toBe(0);
    const redirect = lines.find((line) => line.startsWith("302 "));
    expect(redirect).toBeDefined();
    const location = new URL(redirect!.slice(4));
    expect(location.pathname).toBe("/pricing");
    expect(location.searchParams.get("utm_source")).toBe("newsletter");
    expect(location.searchParams.get("ref_click")).toMatch(new RegExp(`^ck_${overview.code}_`));

    const attributions = lines.filter((line) => line.startsWith('{"created"'));
    expect(attributions.map((line) => line.slice(line.lastIndexOf(" ") + 1))).toEqual(["201", "200"]);
    expect(attributions.map((line) => (JSON.parse(line.slice(0, line.lastIndexOf(" "))) as { created: boolean }).created)).toEqual([
      true,
      false,
    ]);

    const stats = lines.map((line) => line).find((line) => line.startsWith('{"clickCount"'));
    expect(JSON.parse(stats!)).toMatchObject({ clickCount: 1, signupCount: 1 });
    expect(lines.at(-1)).toMatch(/^200 application\/json/);
  });

  it.skipIf(spawnSync("aws", ["--version"]).status !== 0)("the banner's AWS CLI command sends a billing event", () => {
    const output = started.output();
    const start = output.indexOf("Billing events");
    const command = output
      .slice(start)
      .split("\n")
      .slice(1, 3)
      .map((line) => line.trim())
      .join("\n");
    expect(command).toContain("aws ");
    writeFileSync(
      join(started.dataDirectory, "event.json"),
      JSON.stringify({
        eventId: "evt-readme-aws-cli",
        type: "account.registered",
        version: 1,
        occurredAt: new Date().toISOString(),
        data: { accountId: "acct-aws-cli", registeredAt: new Date().toISOString() },
      }),
    );
    // Whatever profile or region the machine has must not matter: the command carries its own.
    const run = spawnSync("bash", ["-c", command], {
      cwd: started.dataDirectory,
      env: { PATH: process.env.PATH, HOME: started.dataDirectory },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty("MessageId");
  });

  it("stops the whole stack on SIGINT to npm's pid", async () => {
    const processes = descendantPids(started.npm.pid!);
    expect(processes).toContain(started.stack.pid);
    process.kill(started.npm.pid!, "SIGINT");
    await started.exit;
    expect(await survivors(processes)).toEqual([]);
    for (const url of [started.stack.apiUrl, started.stack.sqsEndpoint, started.stack.dynamoDbEndpoint])
      expect(await isPortClosed(url)).toBe(true);
  });
});
