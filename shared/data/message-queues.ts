/**
 * The queues the functions send to: the outbound FIFO queue (credits and statements for the
 * operator's systems), the billing-events dead-letter queue (messages that can never succeed, with
 * their reason) and the settlement queue (work items of a settlement run).
 */
import { createHash } from "node:crypto";
import {
  type MessageAttributeValue,
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { assert } from "../domain/assert.ts";
import { TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { messageIdOf, type OutboundMessage } from "../schemas/outbound-messages.ts";
import type { SettlementWork } from "../schemas/settlement-work.ts";

export interface SettlementWorkSender {
  /** Sends work items, ten to a request; throws TransientError when any is not accepted (the caller's message is retried: items are idempotent). */
  send(items: readonly SettlementWork[]): Promise<void>;
}

/** SQS takes at most ten messages per SendMessageBatch. */
const sendBatchSizeMax = 10;

export function createSettlementWorkSender(sqs: SQSClient, queueUrl: string | undefined): SettlementWorkSender {
  return {
    async send(items) {
      if (items.length === 0) return;
      if (!queueUrl) throw new Error("SETTLEMENT_QUEUE_URL is not set but there is settlement work to enqueue");
      const batches: SettlementWork[][] = [];
      for (let at = 0; at < items.length; at += sendBatchSizeMax) batches.push(items.slice(at, at + sendBatchSizeMax));
      await Promise.all(
        batches.map(async (batch) => {
          let result: SendMessageBatchCommandOutput;
          try {
            result = await sqs.send(
              new SendMessageBatchCommand({
                QueueUrl: queueUrl,
                Entries: batch.map((item, index) => ({ Id: String(index), MessageBody: JSON.stringify(item) })),
              }),
            );
          } catch (error) {
            throw new TransientError("sending settlement work failed", { cause: error });
          }
          if ((result.Failed ?? []).length > 0)
            throw new TransientError(
              `the settlement queue refused ${result.Failed?.length} work items: ${result.Failed?.[0]?.Message ?? ""}`,
            );
        }),
      );
    },
  };
}

export interface OutboundSender {
  /** Sends in order; throws TransientError when a send fails (the billing event is then retried and sends again). */
  send(messages: readonly OutboundMessage[]): Promise<void>;
  /**
   * Sends up to `outboundBatchSizeMax` messages in one SendMessageBatch and answers, per message, whether the queue
   * accepted it; throws TransientError when the request as a whole failed. The caller keeps the order: a FIFO batch
   * keeps its entries' order per message group, and the billing-events batch never puts two messages of one group in
   * one request (shared/use-cases/billing-event-batch.ts). Absent on senders built for tests, which `send` instead.
   */
  sendBatch?(messages: readonly OutboundMessage[]): Promise<readonly boolean[]>;
}

/** SQS takes at most ten messages, and 1 MiB, per SendMessageBatch. */
export const outboundBatchSizeMax = sendBatchSizeMax;
export const outboundBatchBytesMax = limits.queueMessageBytesMax;

/** The FIFO message group of an outbound message: its account, so one account's messages arrive in order. */
export function outboundMessageGroupOf(message: OutboundMessage): string {
  return message.accountId;
}

function outboundEntryOf(message: OutboundMessage) {
  return {
    MessageBody: JSON.stringify(message),
    // FIFO: in order per account, and the queue drops a repeat of the same message (transfer, settlement) for five minutes.
    MessageGroupId: outboundMessageGroupOf(message),
    MessageDeduplicationId: messageIdOf(message),
    MessageAttributes: { type: stringAttribute(message.type) },
  };
}

export interface DeadLetter {
  readonly body: string;
  readonly originalMessageId: string;
  /** The dead-letter reason: an error code such as validation_failed, unsupported_event_version, payload_mismatch. */
  readonly reason: string;
  readonly detail: string;
  readonly eventId?: string | undefined;
  readonly receiveCount?: string | undefined;
}

export interface DeadLetterSender {
  send(deadLetter: DeadLetter): Promise<void>;
}

/** SQS string attributes may not be empty; keep the detail readable and bounded. */
function stringAttribute(value: string, lengthMax = 1024): MessageAttributeValue {
  return { DataType: "String", StringValue: value.length > lengthMax ? `${value.slice(0, lengthMax - 1)}…` : value };
}

export function createOutboundSender(sqs: SQSClient, queueUrl: string | undefined): OutboundSender {
  return {
    async send(messages) {
      if (messages.length === 0) return;
      if (!queueUrl) throw new Error("OUTBOUND_QUEUE_URL is not set but there are outbound messages to send");
      for (const message of messages) {
        try {
          await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, ...outboundEntryOf(message) }));
        } catch (error) {
          throw new TransientError(`sending ${message.type} ${messageIdOf(message)} to the outbound queue failed`, { cause: error });
        }
      }
    },

    async sendBatch(messages) {
      if (messages.length === 0) return [];
      if (!queueUrl) throw new Error("OUTBOUND_QUEUE_URL is not set but there are outbound messages to send");
      assert(messages.length <= outboundBatchSizeMax, `${messages.length} messages in one SendMessageBatch`);
      let result: SendMessageBatchCommandOutput | undefined;
      try {
        result = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.map((message, index) => ({ Id: String(index), ...outboundEntryOf(message) })),
          }),
        );
      } catch (error) {
        throw new TransientError(`sending ${messages.length} messages to the outbound queue failed`, { cause: error });
      }
      const accepted = new Set((result?.Successful ?? []).map((entry) => entry.Id));
      return messages.map((_, index) => accepted.has(String(index)));
    },
  };
}

/** SQS counts the body and every attribute's name, type and value towards the message size. */
function messageBytes(body: string, attributes: Record<string, MessageAttributeValue>): number {
  let bytes = Buffer.byteLength(body, "utf8");
  for (const [name, value] of Object.entries(attributes))
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? "") + Buffer.byteLength(value.StringValue ?? "");
  return bytes;
}

/** The first `bytesMax` bytes of a text, cut on a character boundary. */
function utf8Prefix(text: string, bytesMax: number): string {
  const prefix = Buffer.from(text, "utf8").subarray(0, bytesMax).toString("utf8");
  return prefix.endsWith("\uFFFD") ? prefix.slice(0, -1) : prefix;
}

/**
 * A body too large to travel with its reason (near the SQS size limit) is dead-lettered by reference:
 * a JSON body with its first bytes, its SHA-256 and its size, and the reason; attributes say so.
 */
function byReference(body: string, deadLetter: DeadLetter, attributes: Record<string, MessageAttributeValue>) {
  const bodySha256 = createHash("sha256").update(body, "utf8").digest("hex");
  const bodyBytes = Buffer.byteLength(body, "utf8");
  return {
    body: JSON.stringify({
      deadLetteredByReference: true,
      reason: deadLetter.reason,
      bodyBytes,
      bodySha256,
      truncatedBody: utf8Prefix(body, limits.deadLetterBodyExcerptBytes),
    }),
    attributes: {
      ...attributes,
      bodyTruncated: stringAttribute("true"),
      bodySha256: stringAttribute(bodySha256),
      bodyBytes: { DataType: "Number", StringValue: String(bodyBytes) },
    },
  };
}

export function createDeadLetterSender(sqs: SQSClient, queueUrl: string | undefined): DeadLetterSender {
  return {
    async send(deadLetter) {
      if (!queueUrl) throw new Error("BILLING_EVENTS_DLQ_URL is not set: cannot move a message to the dead-letter queue");
      const attributes: Record<string, MessageAttributeValue> = {
        reason: stringAttribute(deadLetter.reason),
        reasonDetail: stringAttribute(deadLetter.detail || deadLetter.reason),
        originalMessageId: stringAttribute(deadLetter.originalMessageId),
      };
      if (deadLetter.eventId) attributes.eventId = stringAttribute(deadLetter.eventId);
      if (deadLetter.receiveCount) attributes.receiveCount = stringAttribute(deadLetter.receiveCount);
      const message =
        messageBytes(deadLetter.body, attributes) > limits.queueMessageBytesMax
          ? byReference(deadLetter.body, deadLetter, attributes)
          : { body: deadLetter.body, attributes };
      try {
        await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message.body, MessageAttributes: message.attributes }));
      } catch (error) {
        throw new TransientError("moving a message to the dead-letter queue failed", { cause: error });
      }
    },
  };
}
