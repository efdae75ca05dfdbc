/**
 * The local SQS endpoint: local-aws-sqs (npm, pure JavaScript) speaking the JSON protocol of
 * @aws-sdk/client-sqs v3, on loopback, with the catalog's queues: billing-events with its dead-letter
 * queue and maxReceiveCount, and the FIFO outbound queue. Billing systems, the demo and the handlers
 * talk to it with the real SDK through AWS_ENDPOINT_URL_SQS.
 *
 * Redrive: local-aws-sqs moves a message to the dead-letter queue when its visibility timeout ends
 * and it has been received maxReceiveCount times, which is AWS's observable behaviour (AWS moves it on
 * the next receive attempt instead; either way it is delivered exactly maxReceiveCount times).
 * Messages live in memory (local-aws-sqs has no persistence): stopping or a crash loses unconsumed messages.
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createSqsServer } from "local-aws-sqs";
import { billingEventsConsumer, queueNames, settlementWorker } from "../../infra/catalog.ts";
import { localAccountId, localRegion } from "./lambda-runtime.ts";

export interface LocalQueueUrls {
  readonly billingEvents: string;
  readonly billingEventsDeadLetter: string;
  readonly outbound: string;
  readonly settlement: string;
  readonly settlementDeadLetter: string;
}

export interface RunningLocalSqs {
  readonly endpoint: string;
  readonly port: number;
  readonly queueUrls: LocalQueueUrls;
  stop(): Promise<void>;
}

export interface LocalSqsOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /**
   * Visibility timeout of billing-events and settlement. AWS uses the catalog's (minutes); locally a few seconds, so a
   * failed message is retried, and reaches the dead-letter queue, while you watch.
   */
  readonly visibilityTimeoutSeconds: number;
}

export function queueArn(queueName: string): string {
  return `arn:aws:sqs:${localRegion}:${localAccountId}:${queueName}`;
}

/** Starts the server with the catalog's queues already created. */
export async function startLocalSqs(options: LocalSqsOptions): Promise<RunningLocalSqs> {
  const host = "127.0.0.1";
  const server: Server = await createSqsServer({
    port: options.port,
    hostname: host,
    region: localRegion,
    accountId: localAccountId,
    emulateQueueCreationLifecycle: false,
    queues: [
      // The dead-letter queue first: the source queue's RedrivePolicy must name an existing queue.
      { QueueName: queueNames.billingEventsDeadLetter, Attributes: { MessageRetentionPeriod: 14 * 24 * 60 * 60 } },
      {
        QueueName: queueNames.billingEvents,
        Attributes: {
          VisibilityTimeout: options.visibilityTimeoutSeconds,
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: queueArn(queueNames.billingEventsDeadLetter),
            maxReceiveCount: billingEventsConsumer.maxReceiveCount,
          }),
        },
      },
      { QueueName: queueNames.outbound, Attributes: { FifoQueue: true, ContentBasedDeduplication: false, VisibilityTimeout: 30 } },
      { QueueName: queueNames.settlementDeadLetter, Attributes: { MessageRetentionPeriod: 14 * 24 * 60 * 60 } },
      {
        QueueName: queueNames.settlement,
        Attributes: {
          VisibilityTimeout: options.visibilityTimeoutSeconds,
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: queueArn(queueNames.settlementDeadLetter),
            maxReceiveCount: settlementWorker.maxReceiveCount,
          }),
        },
      },
    ],
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://${host}:${port}`;
  const queueUrl = (queueName: string) => `${endpoint}/${localAccountId}/${queueName}`;
  return {
    endpoint,
    port,
    queueUrls: {
      billingEvents: queueUrl(queueNames.billingEvents),
      billingEventsDeadLetter: queueUrl(queueNames.billingEventsDeadLetter),
      outbound: queueUrl(queueNames.outbound),
      settlement: queueUrl(queueNames.settlement),
      settlementDeadLetter: queueUrl(queueNames.settlementDeadLetter),
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
