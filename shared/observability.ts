/**
 * Logger and metrics, one instance per container (Powertools). No personal data goes to logs: account
 * ids are pseudonymous operator ids; emails, IPs and user agents are never logged.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";

export const serviceName = "referral-ledger";

export const logger = new Logger({ serviceName });

export const metrics = /* @__PURE__ */ new Metrics({ serviceName, namespace: "ReferralLedger" });
