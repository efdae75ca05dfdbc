/**
 * The event the click aggregator accepts: DynamoDB Streams records as Lambda delivers them, with the
 * shard id that the mapping's tumbling window adds to every event (the aggregator's checkpoint is per
 * shard). Only the attributes the aggregator reads are checked; a record that is not a readable counted
 * click is set aside by name (shared/use-cases/aggregate-clicks.ts), never guessed at.
 */
import * as z from "zod";
import { localDateSchema } from "./common.ts";

const stringAttribute = z.object({ S: z.string().min(1) });

export const streamedClickRecordSchema = z.object({
  eventName: z.enum(["INSERT", "MODIFY"]),
  dynamodb: z.object({
    SequenceNumber: z.string().regex(/^\d{1,40}$/),
    NewImage: z.object({ code: stringAttribute, day: z.object({ S: localDateSchema }) }),
  }),
});

export const clickStreamEventSchema = z.object({
  /** Present when the mapping has a tumbling window (the click aggregator's mapping sets one: infra/catalog.ts clickAggregator). */
  shardId: z.string().min(1).max(200),
  Records: z.array(z.unknown()).default([]),
});

export type ClickStreamEvent = z.infer<typeof clickStreamEventSchema>;
