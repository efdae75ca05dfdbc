/**
 * Editing the operator configuration from the CLI: `--set path=value` and `--unset path` on a program
 * (paths with dots and array indices, `rewards.0.rateBps`), the whole result validated by the same zod
 * schema every function reads it with, and a diff for the operator to read before it is written.
 */
import diff from "microdiff";
import { operatorConfigSchema } from "../../shared/schemas/operator-config.ts";
import { redirectConfigSchema } from "../../shared/schemas/redirect-config.ts";
import { UsageError } from "./context.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ConfigChange {
  readonly path: string;
  readonly change: "added" | "removed" | "changed";
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** A deep copy through JSON: what is stored is JSON, so nothing is lost. */
export function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `a.b.0.c` as keys; an empty segment is wrong usage. */
function segmentsOf(path: string): string[] {
  const segments = path.split(".");
  if (segments.some((segment) => segment === ""))
    throw new UsageError(`${path}: a path such as attribution.clickWindowDays or rewards.0.rateBps`);
  return segments;
}

/** The value of `--set path=value`: JSON when it parses as JSON (numbers, true, arrays, objects), else the text itself. */
export function settingValueOf(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** Splits `path=value` (the first `=`). */
export function assignmentOf(text: string): { readonly path: string; readonly value: Json } {
  const at = text.indexOf("=");
  if (at <= 0) throw new UsageError(`--set ${text}: write path=value, e.g. --set attribution.clickWindowDays=60`);
  return { path: text.slice(0, at), value: settingValueOf(text.slice(at + 1)) };
}

function isContainer(value: unknown): value is JsonObject | Json[] {
  return typeof value === "object" && value !== null;
}

/** Sets `path` in a JSON object, making objects on the way (an index into an array must exist or be its length). */
export function setPath(target: JsonObject, path: string, value: Json): void {
  const segments = segmentsOf(path);
  let node: JsonObject | Json[] = target;
  for (const [position, segment] of segments.entries()) {
    const last = position === segments.length - 1;
    if (Array.isArray(node)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index > node.length)
        throw new UsageError(`${path}: ${segment} is not an index of ${segments.slice(0, position).join(".")} (0 to ${node.length})`);
      if (last) {
        node[index] = value;
        return;
      }
      if (!isContainer(node[index])) node[index] = {};
      node = node[index] as JsonObject | Json[];
    } else {
      if (last) {
        node[segment] = value;
        return;
      }
      if (!isContainer(node[segment])) node[segment] = {};
      node = node[segment] as JsonObject | Json[];
    }
  }
}

/** Removes `path` (an array element is spliced out); a path that is not there is wrong usage. */
export function unsetPath(target: JsonObject, path: string): void {
  const segments = segmentsOf(path);
  let node: unknown = target;
  for (const segment of segments.slice(0, -1)) {
    node = isContainer(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  const key = segments.at(-1)!;
  if (Array.isArray(node) && Number.isInteger(Number(key)) && Number(key) < node.length) node.splice(Number(key), 1);
  else if (isContainer(node) && !Array.isArray(node) && key in node) delete node[key];
  else throw new UsageError(`--unset ${path}: no such setting`);
}

/** What changed from `before` to `after`, path by path. */
export function changesOf(before: unknown, after: unknown): ConfigChange[] {
  if (!isContainer(before) || !isContainer(after)) return before === after ? [] : [{ path: "", change: "changed", before, after }];
  return diff(before as Record<string, unknown>, after as Record<string, unknown>).map((entry) => {
    const path = entry.path.join(".");
    if (entry.type === "CREATE") return { path, change: "added", after: entry.value };
    if (entry.type === "REMOVE") return { path, change: "removed", before: entry.oldValue };
    return { path, change: "changed", before: entry.oldValue, after: entry.value };
  });
}

/** The diff for people: `+ path: value`, `- path: value`, `~ path: before -> after`. */
export function diffLines(changes: readonly ConfigChange[], prefix = ""): string[] {
  if (changes.length === 0) return ["  (no change)"];
  const shown = (value: unknown) => JSON.stringify(value);
  return changes.map((change) => {
    const path = [prefix, change.path].filter(Boolean).join(".");
    if (change.change === "added") return `+ ${path}: ${shown(change.after)}`;
    if (change.change === "removed") return `- ${path}: ${shown(change.before)}`;
    return `~ ${path}: ${shown(change.before)} -> ${shown(change.after)}`;
  });
}

/**
 * Every problem of a configuration: the full schema's issues (what every function would refuse), then
 * the redirect's view of it (the redirect reads the same item with a smaller schema: both must accept it).
 */
export function configIssuesOf(config: unknown): ConfigIssue[] {
  const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, label = "") =>
    result.success
      ? []
      : (result.error?.issues ?? []).map((issue) => ({
          path: issue.path.map(String).join(".") || "(root)",
          message: `${label}${issue.message}`,
        }));
  const full = issuesOf(operatorConfigSchema.safeParse(config));
  if (full.length > 0) return full;
  return issuesOf(redirectConfigSchema.safeParse(config), "the redirect's view refuses it: ");
}
