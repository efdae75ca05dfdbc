import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { costPath, renderCost } from "../../bench/lib/cost.ts";
import { type BenchFigures, completeFigures, readFigures } from "../../bench/lib/figures.ts";
import { formatDocument } from "../../bench/lib/formatted-document.ts";
import { awsPrices, priceListDate, priceRegion } from "../../bench/lib/prices.ts";
import { benchmarksPath, renderReport } from "../../bench/lib/report.ts";

const stored = readFigures();
const figures = stored ? completeFigures(stored) : { missing: ["every section"] };

describe("docs/cost.md", () => {
  it("has figures for every section in docs/benchmarks.json (the bench's last output)", () => {
    expect("missing" in figures ? figures.missing : []).toEqual([]);
  });

  const complete = figures as BenchFigures;
  const document = readFileSync(new URL(`../../${costPath}`, import.meta.url), "utf8");

  it("is what the bench's last figures and the price list give (run `npm run docs` or `npm run bench`)", () => {
    expect(document, "docs/cost.md is stale: run `npm run docs` (prices changed) or `npm run bench` (code changed)").toBe(
      formatDocument(renderCost(complete), costPath),
    );
  });

  it("docs/benchmarks.md is the report of the same figures", () => {
    const report = readFileSync(new URL(`../../${benchmarksPath}`, import.meta.url), "utf8");
    expect(report, "docs/benchmarks.md is stale: run `npm run docs`").toBe(formatDocument(renderReport(complete), benchmarksPath));
  });

  it("changes when a measured figure changes (the check can fail)", () => {
    const counted = complete.redirect.figures.redirect.scenarios.map((scenario) =>
      scenario.scenario.startsWith("new visitor, counted click")
        ? { ...scenario, counts: { ...scenario.counts, writeCapacityUnits: scenario.counts.writeCapacityUnits * 2 } }
        : scenario,
    );
    const edited: BenchFigures = {
      ...complete,
      redirect: {
        ...complete.redirect,
        figures: { ...complete.redirect.figures, redirect: { ...complete.redirect.figures.redirect, scenarios: counted } },
      },
    };
    expect(renderCost(edited)).not.toBe(renderCost(complete));
  });

  it("prices the three workloads the issue names, each with a total", () => {
    for (const heading of ["## 1,000,000 counted clicks", "## 1,000,000 billing events", "## One settlement of 100,000 partners"])
      expect(document).toContain(heading);
    expect(document.match(/\| \*\*total\*\* /g)?.length).toBeGreaterThanOrEqual(4);
  });

  it("writes each unit price with its region, the date of the price list and a source", () => {
    expect(document).toContain(priceRegion);
    expect(document).toContain(priceListDate);
    for (const price of Object.values(awsPrices)) {
      expect(price.source).toMatch(/^https:\/\//);
      expect(document).toContain(price.source.split(" ")[0]);
    }
  });
});
