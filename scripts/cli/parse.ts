/** Parsing a command's arguments with the route's own zod schemas, so the CLI refuses what the route refuses. */
import { InvalidArgumentError } from "commander";
import { UsageError } from "./context.ts";

/** A value the route's schema would refuse is a usage error here (exit code 2), named like the route names it. */
export function parsedOrThrow<T>(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join("; "));
}

/** A `--limit <n>` parser: an integer 1..max, else commander's invalid-argument usage error. */
export function pageSizeOf(max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidArgumentError(`an integer 1-${max}`);
    return value;
  };
}
