/**
 * Logger and metrics, one instance per container (Powertools). No personal data goes to logs: account
 * ids are pseudonymous operator ids; emails, IPs and user agents are never logged.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";

export const serviceName = "referral-ledger";

export const logger = new Logger({ serviceName });

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
