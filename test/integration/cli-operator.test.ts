/**
 * The operator CLI's configuration, import, export and dead-letter commands against the real local
 * pieces (DynamoDB Local, the local SQS server), in process through `runCli` as test/integration/cli.test.ts
 * does: `config check|show|apply`, `program create|edit`, `referrals import`, `ledger export`, `dlq list|replay`.
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { type OperatorConfig, operatorConfigSchema } from "../../shared/schemas/operator-config.ts";
import { useCliStack } from "../support/cli-setup.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { fundAvailable } from "../support/withdrawal-setup.ts";

const setup = useLedgerTestSetup("2026-03-16T09:00:00.000Z");
const { cli } = useCliStack(setup, "cli-operator");
const files = mkdtempSync(join(tmpdir(), "cli-operator-files-"));
afterAll(() => rmSync(files, { recursive: true, force: true }));

const fileWith = (name: string, text: string) => {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
};
const storedConfig = async () => (await createOperatorConfigStore(setup.tableContext, setup.clock).readStored())!;
const programOf = (config: unknown, programId: string) =>
  (config as OperatorConfig).programs.find((program) => program.programId === programId);

describe("config check, show and apply", () => {
  it("says the stored configuration and a good file are valid, and lists a bad file's issues with exit code 1", async () => {
    expect(await cli("config", "check")).toMatchObject({ code: 0, stdout: "the stored configuration: valid\n" });
    const good = fileWith("good.json", JSON.stringify(demoOperatorConfig));
    expect((await cli("config", "check", "--file", good)).code).toBe(0);

    const bad = fileWith("bad.json", JSON.stringify({ ...demoOperatorConfig, timeZone: "Mars/Olympus", defaultProgramId: "nope" }));
    const checked = await cli("--json", "config", "check", "--file", bad);
    expect(checked.code).toBe(1);
    const error = JSON.parse(checked.stdout).error as { code: string; details: { issues: { path: string; message: string }[] } };
    expect(error.code).toBe("configuration_invalid");
    expect(error.details.issues.map((issue) => issue.path)).toContain("timeZone");
    expect((await cli("config", "check", "--file", fileWith("not.json", "{ nope"))).code).toBe(1);
    expect((await cli("config", "check", "--file", join(files, "missing.json"))).code).toBe(2);
  });

  it("shows the stored configuration as JSON", async () => {
    const shown = await cli("--json", "config", "show");
    expect(shown.code).toBe(0);
    expect(operatorConfigSchema.parse(JSON.parse(shown.stdout).config).operatorId).toBe(demoOperatorConfig.operatorId);
  });

  it("applies a file after a diff; a dry run and an invalid file write nothing", async () => {
    const before = await storedConfig();
    const renamed = fileWith("renamed.json", JSON.stringify({ ...demoOperatorConfig, name: "Renamed Hosting" }));
    const dry = await cli("config", "apply", "--file", renamed, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`~ name: "${demoOperatorConfig.name}" -> "Renamed Hosting"`);
    expect(dry.stdout).toContain("dry run: nothing written");
    expect((await storedConfig()).updatedAt).toBe(before.updatedAt);

    const invalid = fileWith("invalid.json", JSON.stringify({ ...demoOperatorConfig, programs: [] }));
    expect((await cli("config", "apply", "--file", invalid)).code).toBe(1);
    expect(await storedConfig()).toEqual(before);

    setup.clock.advance(1_000);
    const applied = await cli("--json", "config", "apply", "--file", renamed);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({
      written: true,
      changes: [{ path: "name", change: "changed", after: "Renamed Hosting" }],
    });
    expect(((await storedConfig()).config as OperatorConfig).name).toBe("Renamed Hosting");
    setup.clock.advance(1_000);
    expect((await cli("config", "apply", "--file", fileWith("demo.json", JSON.stringify(demoOperatorConfig)))).code).toBe(0);
  });
});

describe("program create and edit", () => {
  it("creates a program from a preset with edits, shows the diff, and refuses the same id twice", async () => {
    const dry = await cli(
      "program",
      "create",
      "--preset",
      "zadarma-partner",
      "--id",
      "zadarma-resellers",
      "--name",
      "Resellers",
      "--dry-run",
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/\+ programs\.5: \{"programId":"zadarma-resellers","name":"Resellers"/);
    expect(programOf((await storedConfig()).config, "zadarma-resellers")).toBeUndefined();

    setup.clock.advance(1_000);
    const created = await cli(
      "--json",
      "program",
      "create",
      "--preset",
      "t2-invite",
      "--id",
      "t2-business",
      "--set",
      "attribution.codeEntryWindowMonths=2",
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ written: true, changes: [{ path: "programs.5", change: "added" }] });
    expect(programOf((await storedConfig()).config, "t2-business")).toMatchObject({
      attribution: { links: false, codeEntryWindowMonths: 2 },
    });

    const again = await cli("--json", "program", "create", "--preset", "t2-invite", "--id", "t2-business");
    expect([again.code, JSON.parse(again.stdout).error.code]).toEqual([1, "program_exists"]);
  });

  it("edits a program with --set and --unset; an invalid result or a missing program writes nothing", async () => {
    setup.clock.advance(1_000);
    const edited = await cli("program", "edit", "t2-business", "--set", 'name="t2 Business"', "--unset", "discounts.referrer.bonuses.1");
    expect(edited.code).toBe(0);
    expect(edited.stdout).toContain('~ programs.5.name: "t2 Corporate PBX invite codes" -> "t2 Business"');
    expect(edited.stdout).toMatch(/- programs\.5\.discounts\.referrer\.bonuses\.1: \{"sku":"sms-package-3200",.*"atCount":5\}/);
    const program = programOf((await storedConfig()).config, "t2-business")!;
    expect([program.name, program.discounts?.referrer?.bonuses?.length]).toEqual(["t2 Business", 1]);

    const before = await storedConfig();
    const invalid = await cli("--json", "program", "edit", "t2-business", "--set", "discounts.referee.rateBps=20000");
    expect([invalid.code, JSON.parse(invalid.stdout).error.code]).toEqual([1, "configuration_invalid"]);
    expect(JSON.parse(invalid.stdout).error.details.issues[0].path).toBe("programs.5.discounts.referee.rateBps");
    expect((await cli("--json", "program", "edit", "no-such", "--set", 'status="paused"')).code).toBe(1);
    expect((await cli("program", "edit", "t2-business", "--set", "nonsense")).code).toBe(2);
    expect((await cli("program", "edit", "t2-business", "--set", 'programId="x"')).code).toBe(2);
    expect((await cli("program", "edit", "t2-business")).code).toBe(2);
    expect(await storedConfig()).toEqual(before);
  });

  it("never loses a concurrent write: a replace from a stale read is refused", async () => {
    const store = createOperatorConfigStore(setup.tableContext, setup.clock);
    const read = (await store.readStored())!;
    setup.clock.advance(1_000);
    await store.save(read.config as OperatorConfig); // someone else writes meanwhile
    setup.clock.advance(1_000);
    expect(await store.replaceIfUnchanged({ ...(read.config as OperatorConfig), name: "stale" }, read.updatedAt)).toBe(false);
    expect(((await storedConfig()).config as OperatorConfig).name).not.toBe("stale");
  });

  it("lists the programs and the presets", async () => {
    const listed = JSON.parse((await cli("--json", "program", "list")).stdout) as { programs: { programId: string }[] };
    expect(listed.programs.map((program) => program.programId)).toContain("t2-business");
    expect((await cli("program", "presets")).stdout).toMatch(/^ex2-credit\s+/);
  });
});

describe("referrals import", () => {
  const header = "refereeAccountId,referrerAccountId,programId,attributedAt\n";

  it("imports rows as backdated code attributions, reports each refusal with its line, and changes nothing when run again", async () => {
    const file = fileWith(
      "referrals.csv",
      header +
        [
          "imp-referee-1,imp-referrer-1,ex2-credit,2026-01-10T10:00:00Z",
          "imp-referee-2,imp-referrer-1,ex2-credit,2026-02-01T08:30:00+01:00",
          "imp-referee-3,imp-referrer-2,zadarma-partner,2026-03-01T00:00:00Z",
          "imp-referrer-2,imp-referrer-2,zadarma-partner,2026-03-01T00:00:00Z",
          "imp-referee-4,imp-referrer-1,ex2-credit,yesterday",
          "imp-referee-1,imp-referrer-2,ex2-credit,2026-01-11T10:00:00Z",
          "imp-referee-5,imp-referrer-1,ex2-credit,2027-01-01T00:00:00Z",
        ].join("\n"),
    );
    const first = await cli("--json", "referrals", "import", file);
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout).error as {
      code: string;
      details: { summary: Record<string, number>; outcomes: { line: number; outcome: string; code?: string }[] };
    };
    expect(report.code).toBe("rows_not_imported");
    expect(report.details.summary).toEqual({ created: 3, unchanged: 0, conflict: 0, refused: 2, invalid: 2 });
    expect(report.details.outcomes.map((outcome) => [outcome.line, outcome.outcome, outcome.code])).toEqual([
      [2, "created", undefined],
      [3, "created", undefined],
      [4, "created", undefined],
      [5, "refused", "self_referral"],
      [6, "invalid", "validation_failed"],
      [7, "invalid", "duplicate_referee"],
      [8, "refused", "attributed_at_in_future"],
    ]);
    expect(await setup.readReferral("imp-referee-2")).toMatchObject({
      referrerAccountId: "imp-referrer-1",
      programId: "ex2-credit",
      attributedAt: "2026-02-01T07:30:00.000Z",
      status: "active",
    });
    expect(await setup.readReferral("imp-referrer-2")).toBeUndefined();

    const fixed = fileWith(
      "fixed.csv",
      header +
        [
          "imp-referee-1,imp-referrer-1,ex2-credit,2026-01-10T10:00:00Z",
          "imp-referee-3,imp-referrer-1,ex2-credit,2026-03-01T00:00:00Z",
          "imp-referee-6,imp-referrer-2,zadarma-partner,2026-03-02T00:00:00Z",
        ].join("\n"),
    );
    const second = await cli("--json", "referrals", "import", fixed);
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout).error.details.summary).toEqual({ created: 1, unchanged: 1, conflict: 1, refused: 0, invalid: 0 });
    expect(await setup.readReferral("imp-referee-3")).toMatchObject({ referrerAccountId: "imp-referrer-2" }); // first wins

    const clean = fileWith("clean.csv", header + "imp-referee-1,imp-referrer-1,ex2-credit,2026-01-10T10:00:00Z\n");
    expect(await cli("referrals", "import", clean)).toMatchObject({
      code: 0,
      stdout: `${clean}: 0 created, 1 unchanged (imported before)\n`,
    });
  });

  it("validates only with --dry-run, and refuses a file without the header", async () => {
    const file = fileWith("dry.csv", `${header}imp-referee-9,imp-referrer-1,ex2-credit,2026-01-10T10:00:00Z\n`);
    expect((await cli("referrals", "import", file, "--dry-run")).stdout).toContain("1 valid rows, nothing written (dry run)");
    expect(await setup.readReferral("imp-referee-9")).toBeUndefined();
    const headless = await cli("--json", "referrals", "import", fileWith("headless.csv", "a,b\nc,d\n"));
    expect([headless.code, JSON.parse(headless.stdout).error.code]).toEqual([1, "import_unreadable"]);
    expect((await cli("referrals", "import", join(files, "none.csv"))).code).toBe(2);
  });
});

describe("ledger export", () => {
  it("writes every entry of an account's ledger as CSV, across pages, the same as the route's entries", async () => {
    for (let index = 0; index < 3; index += 1) {
      await fundAvailable(setup, "cli-export-1", 1_000 + index);
      setup.clock.advance(1_000);
    }
    const entries = await setup.entriesOf("cli-export-1");
    const output = join(files, "ledger.csv");
    const exported = await cli("ledger", "export", "cli-export-1", "--output", output, "--page-size", "2");
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`${entries.length} entries of cli-export-1 written to ${output}`);
    expect(exported.stderr.match(/^ {2}\d+ entries$/gm)!.length).toBeGreaterThan(1); // more than one page
    const rows = parse(readFileSync(output, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(entries.length);
    expect(rows.map((row) => row.transfer_id).sort()).toEqual(entries.map((entry) => entry.transferId).sort());
    expect(rows.find((row) => row.amount_minor === "1002" && row.ledger_account === "commission_available")).toMatchObject({
      amount: "10.02",
      currency: "EUR",
      account_id: "cli-export-1",
    });
    const json = JSON.parse((await cli("--json", "ledger", "export", "cli-export-1", "--kind", "settlement")).stdout) as {
      entries: unknown[];
    };
    expect(json.entries.length).toBeGreaterThan(0);
    expect((await cli("ledger", "export", "cli-export-1", "--kind", "bogus")).code).toBe(2);
  });
});

describe("dlq list and replay", () => {
  it("lists a dead-lettered event with its reason, and replays it onto billing-events", async () => {
    const body = JSON.stringify({ eventId: "dlq-cli-1", type: "invoice.paid" });
    await setup.queueClient.send(
      new SendMessageCommand({
        QueueUrl: setup.sqs.queueUrls.billingEventsDeadLetter,
        MessageBody: body,
        MessageAttributes: { reason: { DataType: "String", StringValue: "validation_failed" } },
      }),
    );
    const listed = await cli("--json", "dlq", "list");
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).messages).toEqual([expect.objectContaining({ body, attributes: { reason: "validation_failed" } })]);
    const human = await cli("dlq", "list");
    expect(human.stdout).toContain("billing-events dead-letter queue: 1 message(s)");
    expect(human.stdout).toContain("reason: validation_failed");

    const replayed = await cli("--json", "dlq", "replay", "--poll", "100");
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.stdout)).toMatchObject({ moved: 1 });
    const back = await setup.queueClient.send(
      new ReceiveMessageCommand({ QueueUrl: setup.sqs.queueUrls.billingEvents, WaitTimeSeconds: 1 }),
    );
    expect(back.Messages?.map((message) => message.Body)).toEqual([body]);
    expect(JSON.parse((await cli("--json", "dlq", "replay")).stdout)).toMatchObject({ moved: 0 });
    expect((await cli("dlq", "list", "--queue", "outbound")).code).toBe(2);
  });
});
