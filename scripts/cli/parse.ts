/** Parsing a command's arguments with the route's own zod schemas, so the CLI refuses what the route refuses. */
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
