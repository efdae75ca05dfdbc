/**
 * Which AWS SDK failures may succeed on retry (throttling, capacity, timeouts, 5xx, dropped
 * connections), and how to read a cancelled transaction. Anything else is a bug or a configuration
 * error and is not dressed up as transient.
 */
const transientErrorNames = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "TransactionInProgressException",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "RequestThrottled",
  "KMSThrottlingException",
]);

const transientNetworkCodes = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "ECONNABORTED"]);

/** Cancellation reasons of a transaction that a retry may get past. */
export const transientCancellationCodes = new Set([
  "ThrottlingError",
  "ProvisionedThroughputExceeded",
  "TransactionConflict",
  "RequestLimitExceeded",
]);

interface AwsErrorShape {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function isTransientAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const shape = error as AwsErrorShape;
  if (shape.name && transientErrorNames.has(shape.name)) return true;
  if (shape.$retryable) return true;
  if ((shape.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return shape.code !== undefined && transientNetworkCodes.has(shape.code);
}

/** The per-item cancellation codes of a cancelled TransactWriteItems, or undefined for any other error. */
export function cancellationCodesOf(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== "TransactionCanceledException") return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? "None");
}

/** A single write refused by its condition (not a transaction: see cancellationCodesOf). */
export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
