/**
 * What EventBridge Scheduler passes to a scheduled function (infra/constructs/schedules.ts sets the
 * input): the schedule's name and the time the run was scheduled for. The local stack and
 * `npm run job` send the same shape. A run without a scheduled time uses the clock.
 */
import * as z from "zod";
import { isoDateTimeSchema } from "./common.ts";

export const scheduledJobEventSchema = z.object({
  scheduleName: z.string().min(1).max(64).optional(),
  /** When the run was due: a late or repeated run still processes the period or day it was scheduled for. */
  scheduledTime: isoDateTimeSchema.optional(),
});

export type ScheduledJobEventInput = z.infer<typeof scheduledJobEventSchema>;
