/**
 * The two queues the billing-events consumer sends to: the outbound FIFO queue (credits for the
 * billing system) and the billing-events dead-letter queue (messages that can never succeed, with
 * their reason).
 */
import { type MessageAttributeValue, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { TransientError } from "../errors.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";

export interface OutboundSender {
  /** Sends in order; throws TransientError when a send fails (the billing event is then retried and sends again). */
  send(messages: readonly OutboundMessage[]): Promise<void>;
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
          await sqs.send(
            new SendMessageCommand({
              QueueUrl: queueUrl,
              MessageBody: JSON.stringify(message),
              // FIFO: in order per account, and the queue drops a repeat of the same entry for five minutes.
              MessageGroupId: message.accountId,
              MessageDeduplicationId: message.entryId,
              MessageAttributes: { type: stringAttribute(message.type) },
            }),
          );
        } catch (error) {
          throw new TransientError(`sending ${message.type} ${message.entryId} to the outbound queue failed`, { cause: error });
        }
      }
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
      try {
        await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: deadLetter.body, MessageAttributes: attributes }));
      } catch (error) {
        throw new TransientError("moving a message to the dead-letter queue failed", { cause: error });
      }
    },
  };
}
