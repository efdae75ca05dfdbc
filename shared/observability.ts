/**
 * Logger and metrics, one instance per container (Powertools). No personal data goes to logs: account
 * ids are pseudonymous operator ids; emails, IPs and user agents are never logged.
 *
 * The Powertools logger is built on first use, not at import: building it costs a few milliseconds of
 * cold start, and the redirect, whose cold start a visitor waits on, writes no line on its usual path.
 * `logger.startInvocation` keeps the invocation's ids until a line is written (or applies them at once
 * when the logger exists), so every line still carries them.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { LogItemExtraInput, LogItemMessage, LogLevel } from "@aws-lambda-powertools/logger/types";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";

export const serviceName = "referral-ledger";

interface PendingInvocation {
  readonly context: Context | undefined;
  readonly correlationId: string | undefined;
  /** Whether it is the container's first invocation: the logger reports `cold_start` on the first context it is given. */
  readonly first: boolean;
}

/** Powertools' logger, told when it is built after the container's first invocation that the cold start is behind it. */
class ContainerLogger extends Logger {
  constructor(builtAfterColdStart: boolean) {
    super({ serviceName });
    if (builtAfterColdStart) this.coldStart = false;
  }
}

let powertoolsLogger: Logger | undefined;
let pendingInvocation: PendingInvocation | undefined;
let invocationsStarted = 0;

function applyInvocation(instance: Logger, invocation: PendingInvocation): void {
  instance.resetKeys();
  if (invocation.context) instance.addContext(invocation.context);
  if (invocation.correlationId) instance.setCorrelationId(invocation.correlationId);
}

/**
 * The container's Powertools logger, built on the first call. For middleware that takes the instance
 * (`injectLambdaContext(containerLogger())`); code that writes lines uses `logger`.
 */
export function containerLogger(): Logger {
  if (!powertoolsLogger) {
    const pending = pendingInvocation;
    pendingInvocation = undefined;
    const instance = new ContainerLogger(pending !== undefined && !pending.first);
    powertoolsLogger = instance;
    if (pending) applyInvocation(instance, pending);
  }
  return powertoolsLogger;
}

/** The log lines of every function, through the container's Powertools logger (built on the first line). */
export const logger = {
  debug: (input: LogItemMessage, ...extra: LogItemExtraInput): void => containerLogger().debug(input, ...extra),
  info: (input: LogItemMessage, ...extra: LogItemExtraInput): void => containerLogger().info(input, ...extra),
  warn: (input: LogItemMessage, ...extra: LogItemExtraInput): void => containerLogger().warn(input, ...extra),
  error: (input: LogItemMessage, ...extra: LogItemExtraInput): void => containerLogger().error(input, ...extra),
  setLogLevel: (level: LogLevel): void => containerLogger().setLogLevel(level),
  /**
   * What Powertools' injectLambdaContext does at the start of an invocation (reset the invocation's keys,
   * add the Lambda context) plus API Gateway's request id as `correlation_id`, without building the
   * logger: the ids are kept until the first line of the invocation.
   */
  startInvocation(context: Context | undefined, correlationId: string | undefined): void {
    const invocation = { context, correlationId, first: invocationsStarted === 0 };
    invocationsStarted += 1;
    if (powertoolsLogger) applyInvocation(powertoolsLogger, invocation);
    else pendingInvocation = invocation;
  },
};

/** The CloudWatch namespace of the custom metrics (EMF); alarms read them there with the dimension `service`. */
export const metricsNamespace = "ReferralLedger";

export const metrics = /* @__PURE__ */ new Metrics({ serviceName, namespace: metricsNamespace });

/** Custom metrics an alarm reads (infra/constructs/alarms.ts): one name for the emitter and the alarm. */
export const alarmedMetricNames = {
  /** Records of a billing-events batch reported as failed (batchItemFailures), emitted once per batch, 0 included. */
  billingEventsBatchItemFailures: "BillingEventsBatchItemFailures",
  /** Unsent outboxes older than the grace period found by an outbox-relay run, emitted every run (every minute), 0 included. */
  outboxBacklog: "OutboxBacklog",
} as const;
