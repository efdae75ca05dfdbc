/**
 * SQS events as Lambda's event source mapping delivers them, for calling the billing-events handler
 * in tests: `sqsEvent([sqsRecord({ body })])`.
 */

import { randomUUID } from "node:crypto";
import type { SQSEvent, SQSRecord } from "aws-lambda";

export interface SqsRecordInput {
  /** A string is sent as is (to test malformed bodies); anything else as JSON. */
  readonly body: unknown;
  readonly messageId?: string;
  readonly receiveCount?: number;
}

export function sqsRecord(input: SqsRecordInput): SQSRecord {
  const body = typeof input.body === "string" ? input.body : JSON.stringify(input.body);
  const now = Date.now();
  return {
    messageId: input.messageId ?? randomUUID(),
    receiptHandle: `receipt-${randomUUID()}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(input.receiveCount ?? 1),
      SentTimestamp: String(now),
      SenderId: "AIDAEXAMPLE",
      ApproximateFirstReceiveTimestamp: String(now),
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:eu-central-1:123456789012:billing-events",
    awsRegion: "eu-central-1",
  };
}

export function sqsEvent(records: readonly SQSRecord[]): SQSEvent {
  return { Records: [...records] };
}

/** One record per body, in order. */
export function sqsEventOf(bodies: readonly unknown[]): SQSEvent {
  return sqsEvent(bodies.map((body) => sqsRecord({ body })));
}
