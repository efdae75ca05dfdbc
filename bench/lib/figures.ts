/**
 * docs/benchmarks.json: every figure of the bench's last output, section by section, each with the run
 * that measured it. docs/benchmarks.md and docs/cost.md are rendered from it, so a run of some sections
 * (`npm run bench -- --only=billing-events`) keeps the others' figures and says when each was measured,
 * and a test can tell when docs/cost.md no longer follows from the figures.
 */
import { readFileSync } from "node:fs";
import type { BillingEventsFigures } from "../billing-events.ts";
import type { DepositsFigures } from "../deposits.ts";
import type { QuotesFigures } from "../quotes.ts";
import type { RedirectFigures } from "../redirect.ts";
import type { SettlementFigures } from "../settlement.ts";
import type { BundleFigures } from "./bundle.ts";
import { writeFormattedDocument } from "./formatted-document.ts";
import type { HttpWaitCalibration } from "./http-wait-calibration.ts";

const figuresFile = "docs/benchmarks.json";
export const figuresPath = new URL(`../../${figuresFile}`, import.meta.url);

/** The sections `--only` selects, in the order a full run measures them. */
export const benchSections = ["redirect", "billing-events", "settlement", "quotes", "deposits", "bundle"] as const;
export type BenchSection = (typeof benchSections)[number];

export interface MachineFacts {
  readonly date: string;
  readonly os: string;
  readonly cpuModel: string;
  readonly nproc: number;
  readonly memoryGigabytes: number;
  /** The 1-minute load average when the run started: above the CPU count, other work shared the machine. */
  readonly loadAverage?: number;
  readonly nodeVersion: string;
  readonly dynamoDbLocalVersion: string;
  readonly javaVersion: string;
  readonly revision: string;
  readonly command: string;
}

/** What DynamoDB Local reported for small items written plainly and in transactions, next to AWS's rule (this run). */
export interface CapacityCalibration {
  readonly putItemWriteUnits: number;
  readonly oneItemTransaction: { readonly reported: number; readonly byAwsRule: number };
  readonly threeItemTransaction: { readonly reported: number; readonly byAwsRule: number };
}

/** The run a section's figures come from. */
export interface Measurement<T> {
  readonly machine: MachineFacts;
  readonly runSeconds: number;
  readonly figures: T;
}

export interface BenchFigures {
  readonly calibration: Measurement<CapacityCalibration>;
  /** The redirect's figures and the HTTP-wait calibration sized by its median click. */
  readonly redirect: Measurement<{ readonly redirect: RedirectFigures; readonly httpWait: HttpWaitCalibration }>;
  readonly "billing-events": Measurement<BillingEventsFigures>;
  readonly settlement: Measurement<SettlementFigures>;
  readonly quotes: Measurement<QuotesFigures>;
  readonly deposits: Measurement<DepositsFigures>;
  readonly bundle: Measurement<BundleFigures>;
}

/** The figures of the bench's last output; sections a run has not measured yet are missing. */
export function readFigures(path: URL = figuresPath): Partial<BenchFigures> | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  return JSON.parse(text) as Partial<BenchFigures>;
}

/** The figures when every section has been measured, else the names of those that have not. */
export function completeFigures(figures: Partial<BenchFigures>): BenchFigures | { readonly missing: readonly string[] } {
  const missing = [...benchSections, "calibration" as const].filter((section) => figures[section] === undefined);
  return missing.length > 0 ? { missing } : (figures as BenchFigures);
}

export function writeFigures(figures: Partial<BenchFigures>): void {
  writeFormattedDocument(figuresFile, JSON.stringify(figures, null, 2));
}

/** `--only=a,b` (or `--only a,b`) from the command line; every section when absent. */
export function selectedSections(argv: readonly string[]): readonly BenchSection[] {
  const index = argv.findIndex((argument) => argument === "--only" || argument.startsWith("--only="));
  if (index < 0) return benchSections;
  const argument = argv[index]!;
  const value = argument === "--only" ? argv[index + 1] : argument.slice("--only=".length);
  const names = (value ?? "").split(",").filter((name) => name.length > 0);
  const unknown = names.filter((name) => !(benchSections as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0)
    throw new Error(
      `--only takes a comma-separated list of ${benchSections.join(", ")}${unknown.length ? `; not ${unknown.join(", ")}` : ""}`,
    );
  return benchSections.filter((section) => names.includes(section));
}
