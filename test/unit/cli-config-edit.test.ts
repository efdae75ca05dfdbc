import { describe, expect, it } from "vitest";
import {
  assignmentOf,
  changesOf,
  configIssuesOf,
  diffLines,
  type JsonObject,
  setPath,
  settingValueOf,
  unsetPath,
} from "../../scripts/cli/config-edit.ts";
import { UsageError } from "../../scripts/cli/context.ts";
import { parseImport } from "../../scripts/cli/referral-import.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";

describe("--set and --unset paths", () => {
  it("reads a value as JSON when it is JSON, else as text", () => {
    expect([
      settingValueOf("60"),
      settingValueOf("true"),
      settingValueOf('"60"'),
      settingValueOf("paused"),
      settingValueOf("[1,2]"),
    ]).toEqual([60, true, "60", "paused", [1, 2]]);
    expect(assignmentOf("a.b=x=y")).toEqual({ path: "a.b", value: "x=y" });
    expect(() => assignmentOf("=1")).toThrow(UsageError);
    expect(() => assignmentOf("novalue")).toThrow(UsageError);
  });

  it("sets through objects and array indices, appending at the array's length, and refuses an index beyond it", () => {
    const target = { rewards: [{ rateBps: 1000 }], attribution: { links: true } } as JsonObject;
    setPath(target, "rewards.0.rateBps", 1500);
    setPath(target, "rewards.1", { rateBps: 200 });
    setPath(target, "attribution.clickWindowDays", 60);
    setPath(target, "commission.holdDays", 30);
    expect(target).toEqual({
      rewards: [{ rateBps: 1500 }, { rateBps: 200 }],
      attribution: { links: true, clickWindowDays: 60 },
      commission: { holdDays: 30 },
    });
    expect(() => setPath(target, "rewards.5.rateBps", 1)).toThrow(/not an index/);
    expect(() => setPath(target, "rewards..rateBps", 1)).toThrow(UsageError);
  });

  it("unsets a key or splices an array element, and refuses what is not there", () => {
    const target = { bonuses: [{ atCount: 3 }, { atCount: 5 }], name: "x" } as JsonObject;
    unsetPath(target, "bonuses.0");
    unsetPath(target, "name");
    expect(target).toEqual({ bonuses: [{ atCount: 5 }] });
    expect(() => unsetPath(target, "bonuses.3")).toThrow(/no such setting/);
    expect(() => unsetPath(target, "missing.deep")).toThrow(/no such setting/);
  });
});

describe("the diff", () => {
  it("names each added, removed and changed path", () => {
    const changes = changesOf({ a: 1, b: { c: [1, 2] }, d: "x" }, { a: 2, b: { c: [1] }, e: true });
    expect(diffLines(changes)).toEqual(["~ a: 1 -> 2", "- b.c.1: 2", '- d: "x"', "+ e: true"]);
    expect(diffLines(changesOf({ a: 1 }, { a: 1 }))).toEqual(["  (no change)"]);
  });
});

describe("configuration issues", () => {
  it("accepts the demo configuration and names the path of each problem", () => {
    expect(configIssuesOf(demoOperatorConfig)).toEqual([]);
    const issues = configIssuesOf({ ...demoOperatorConfig, timeZone: "Nowhere/Else" });
    expect(issues.map((issue) => issue.path)).toEqual(["timeZone"]);
    expect(configIssuesOf(null)[0]!.path).toBe("(root)");
  });
});

describe("the import file", () => {
  const header = "refereeAccountId,referrerAccountId,programId,attributedAt\r\n";

  it("validates each row with its line number, refuses a referee twice, and reads quoted fields and a BOM", () => {
    const parsed = parseImport(
      `\uFEFF${header}a-1,r-1,ex2-credit,2026-01-01T00:00:00Z\r\n"a-2",r-1,ex2-credit,not-a-date\r\na-1,r-2,ex2-credit,2026-01-02T00:00:00Z\r\n\r\n`,
    );
    expect(parsed.rows).toEqual([
      {
        line: 2,
        row: { refereeAccountId: "a-1", referrerAccountId: "r-1", programId: "ex2-credit", attributedAt: "2026-01-01T00:00:00Z" },
      },
    ]);
    expect(parsed.invalid.map((outcome) => [outcome.line, outcome.outcome, "code" in outcome ? outcome.code : undefined])).toEqual([
      [3, "invalid", "validation_failed"],
      [4, "invalid", "duplicate_referee"],
    ]);
  });

  it("refuses a file without the columns, and one with a column it does not know", () => {
    expect(() => parseImport("a,b\n1,2\n")).toThrow(/lacks refereeAccountId/);
    const extra = parseImport(
      `refereeAccountId,referrerAccountId,programId,attributedAt,email\na-1,r-1,ex2-credit,2026-01-01T00:00:00Z,x@example.com\n`,
    );
    expect(extra.invalid.map((outcome) => outcome.outcome)).toEqual(["invalid"]);
    expect(parseImport(header)).toEqual({ rows: [], invalid: [] });
  });
});
