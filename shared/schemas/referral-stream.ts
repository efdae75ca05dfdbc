/**
 * The event the discounts' trigger accepts: DynamoDB Streams records of code referrals as Lambda
 * delivers them (the mapping's filter, shared/data/referral-stream.ts). Only the attributes the
 * decision reads are checked; a record that is not a readable code referral is set aside by name.
 */
import * as z from "zod";
import { isoDateTimeSchema } from "./common.ts";

const text = z.object({ S: z.string().min(1).max(256) });
const instant = z.object({ S: isoDateTimeSchema });

export const streamedCodeReferralRecordSchema = z.object({
  eventName: z.enum(["INSERT", "MODIFY"]),
  dynamodb: z.object({
    NewImage: z.object({
      refereeAccountId: text,
      referrerAccountId: text,
      programId: text,
      source: z.object({ S: z.literal("code") }),
      attributedAt: instant,
      codeActivatedAt: instant.optional(),
      promoEndsAt: instant.optional(),
    }),
  }),
});

export const referralStreamEventSchema = z.object({ Records: z.array(z.unknown()).default([]) });
