/**
 * The operator CLI against the real local pieces: a stack description (`stack.json`, as `npm start`
 * writes it) naming a table on DynamoDB Local and the local SQS server's queues. Commands run in
 * process through `runCli` (output captured), and once each as `npm run cli` does, in a child process,
 * for the exit codes: 0 done, 1 failed (a refusal, not found, no stack), 2 wrong usage.
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { repositoryRoot } from "../../scripts/lib/stack-state.ts";
import { outboundMessageSchema } from "../../shared/schemas/outbound-messages.ts";
import type { WithdrawalItem } from "../../shared/schemas/withdrawal-items.ts";
import { useCliStack } from "../support/cli-setup.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { fundAvailable, withdrawalRoutes } from "../support/withdrawal-setup.ts";

const setup = useLedgerTestSetup("2026-03-16T09:00:00.000Z");
const { cli, dataDirectory } = useCliStack(setup, "cli-stack");

beforeAll(async () => {
  const api = withdrawalRoutes(setup);
  for (const [index, accountId] of ["cli-partner-1", "cli-partner-2", "cli-partner-3"].entries()) {
    expect(
      (await api.recordContract(accountId, "zadarma-partner", { documentReference: `RC-${index}`, signedOn: "2026-03-01" })).statusCode,
    ).toBe(201);
    await fundAvailable(setup, accountId, 20_000 + index);
    setup.clock.advance(1_000);
    expect(
      (await api.request(accountId, { withdrawalId: `wd-cli-${index}`, programId: "zadarma-partner", currency: "EUR" })).statusCode,
    ).toBe(201);
  }
  await setup.drain(setup.sqs.queueUrls.outbound);
});

afterEach(async () => {
  expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
});

const ours = (withdrawals: readonly WithdrawalItem[]) =>
  withdrawals.map((withdrawal) => withdrawal.withdrawalId).filter((id) => id.startsWith("wd-cli-"));

describe("withdrawals list", () => {
  it("prints the requested withdrawals as JSON, oldest first, or as a table for people", async () => {
    const json = await cli("--json", "withdrawals", "list");
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as { status: string; withdrawals: WithdrawalItem[] };
    expect(listed.status).toBe("requested");
    expect(ours(listed.withdrawals)).toEqual(["wd-cli-0", "wd-cli-1", "wd-cli-2"]);
    expect(listed.withdrawals[1]).toMatchObject({ accountId: "cli-partner-2", amountMinor: 20_001, status: "requested" });

    const human = await cli("withdrawals", "list", "--status", "requested");
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^withdrawal\s+account\s+program\s+amount\s+status/);
    expect(human.stdout).toMatch(/wd-cli-1\s+cli-partner-2\s+zadarma-partner\s+200\.01 EUR\s+requested/);
  });

  it("pages with --limit and --cursor, or follows every page with --all", async () => {
    const first = JSON.parse((await cli("--json", "withdrawals", "list", "--limit", "1")).stdout) as {
      withdrawals: WithdrawalItem[];
      nextCursor: string;
    };
    expect(first.withdrawals).toHaveLength(1);
    const second = JSON.parse((await cli("--json", "withdrawals", "list", "--limit", "1", "--cursor", first.nextCursor)).stdout) as {
      withdrawals: WithdrawalItem[];
    };
    expect(second.withdrawals[0]!.withdrawalId).not.toBe(first.withdrawals[0]!.withdrawalId);
    const all = await cli("--json", "withdrawals", "list", "--limit", "1", "--all");
    const everything = JSON.parse(all.stdout) as { withdrawals: WithdrawalItem[]; nextCursor?: string };
    expect(ours(everything.withdrawals)).toEqual(["wd-cli-0", "wd-cli-1", "wd-cli-2"]);
    expect(everything.nextCursor).toBeUndefined();
    expect(all.stderr).toBe(""); // no progress lines with --json
  });
});

describe("withdrawals pay and fail", () => {
  it("marks one paid once; again with the same reference changes nothing; failing it then is refused (exit 1)", async () => {
    const paid = await cli("--json", "withdrawals", "pay", "wd-cli-0", "--reference", "SEPA-CLI-1");
    expect(paid.code).toBe(0);
    expect(JSON.parse(paid.stdout)).toMatchObject({ changed: true, withdrawal: { status: "paid", payoutReference: "SEPA-CLI-1" } });
    const again = await cli("withdrawals", "pay", "wd-cli-0", "--reference", "SEPA-CLI-1");
    expect([again.code, again.stdout.split("\n")[0]]).toEqual([0, "already paid with this reference, nothing changed:"]);
    const failAfterPay = await cli("--json", "withdrawals", "fail", "wd-cli-0", "--reason", "bounced");
    expect(failAfterPay.code).toBe(1);
    expect(JSON.parse(failAfterPay.stdout)).toMatchObject({ error: { code: "withdrawal_already_paid" } });
    expect(failAfterPay.stderr).toContain("withdrawal_already_paid");
    expect(await setup.balanceOf("cli-partner-1")).toMatchObject({ commissionAvailableMinor: 0, payoutReservedMinor: 0 });
    const messages = (await setup.drain(setup.sqs.queueUrls.outbound)).map((message) =>
      outboundMessageSchema.parse(JSON.parse(message.Body!)),
    );
    expect(messages.map((message) => [message.type, "withdrawalId" in message ? message.withdrawalId : undefined])).toEqual([
      ["withdrawal.paid", "wd-cli-0"],
    ]);
  });

  it("marks one failed: exactly its amount is available again", async () => {
    const failed = await cli("withdrawals", "fail", "wd-cli-1", "--reason", "IBAN rejected");
    expect(failed.code).toBe(0);
    expect(failed.stdout).toContain("failed: 200.01 EUR is available again");
    expect(await setup.balanceOf("cli-partner-2")).toMatchObject({ commissionAvailableMinor: 20_001, payoutReservedMinor: 0 });
    const shown = JSON.parse((await cli("--json", "withdrawals", "show", "wd-cli-1")).stdout) as { withdrawal: WithdrawalItem };
    expect(shown.withdrawal).toMatchObject({ status: "failed", failureReason: "IBAN rejected" });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("exits 1 for a withdrawal that does not exist", async () => {
    const missing = await cli("--json", "withdrawals", "pay", "wd-cli-none", "--reference", "SEPA-X");
    expect([missing.code, JSON.parse(missing.stdout).error.code]).toEqual([1, "not_found"]);
  });
});

describe("usage and reach", () => {
  it.each([
    [["withdrawals", "bogus"]],
    [["withdrawals", "pay", "wd-cli-2"]],
    [["withdrawals", "list", "--status", "cancelled"]],
    [["withdrawals", "list", "--limit", "0"]],
    [["withdrawals", "list", "--cursor", "garbage"]],
    [["withdrawals", "pay", "wd cli 2", "--reference", "SEPA"]],
    [["withdrawals", "fail", "wd-cli-2", "--reason", "   "]],
    [["--no-such-option"]],
    [["withdrawals"]],
  ])("exits 2 for %j, and changes nothing", async (argv) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe("");
  });

  it.each([
    [["--json", "withdrawals", "pay", "wd-cli-2"]],
    [["--json", "bogus"]],
    [["--json", "withdrawals", "list", "--status", "weird"]],
  ])("with --json says a usage error commander caught on stdout too, as {error: {code: usage}}: %j", async (argv) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe("usage");
    expect(error.message).not.toBe("");
  });

  it("exits 1 when no local stack is running and no --stack is named", async () => {
    const empty = mkdtempSync(join(tmpdir(), "cli-no-stack-"));
    process.env.LOCAL_DATA_DIR = empty;
    try {
      const result = await cli("--json", "withdrawals", "list");
      expect([result.code, JSON.parse(result.stdout).error.code]).toEqual([1, "target_unavailable"]);
      expect(result.stderr).toContain("npm start");
    } finally {
      process.env.LOCAL_DATA_DIR = dataDirectory();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("runs as `npm run cli` does, in its own process, with its exit codes", () => {
    const run = (...argv: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...argv], {
        cwd: repositoryRoot,
        env: { ...process.env, LOCAL_DATA_DIR: dataDirectory() },
        encoding: "utf8",
      });
    const shown = run("--json", "withdrawals", "show", "wd-cli-2");
    expect([shown.status, JSON.parse(shown.stdout).withdrawal.withdrawalId]).toEqual([0, "wd-cli-2"]);
    expect(run("withdrawals", "show", "wd-cli-none").status).toBe(1);
    expect(run("withdrawals").status).toBe(2);
  });
});
