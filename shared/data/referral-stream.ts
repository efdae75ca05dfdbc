/**
 * Code referrals as the table's stream carries them, in one place for the three that must agree: the
 * event source mapping's filter (infra/constructs/stream-consumer.ts), the local stream poller that
 * applies the same filter, and the discounts' trigger that reads them (functions/streams/decide-discounts.ts).
 */

/** `entityType` of a referral item (AP7, shared/data/referral-store.ts). */
export const referralEntityType = "Referral";

/**
 * The mapping's filter: writes of referral items whose source is an invite code. INSERT is a new code
 * referral (POST /attributions with a code, or a code entered after sign-up); MODIFY a link referral a
 * code took over, and also every later write of a code referral (the billing consumer's first-payment
 * marks), which the trigger finds already decided for one read (docs/data-model.md, "Discounts").
 */
export const codeReferralStreamFilterPattern = {
  eventName: ["INSERT", "MODIFY"],
  dynamodb: { NewImage: { entityType: { S: [referralEntityType] }, source: { S: ["code"] } } },
} as const;

/** The local stand-in for the mapping's filter: true when a stream record matches codeReferralStreamFilterPattern. */
export function matchesCodeReferralStreamFilter(record: {
  readonly eventName?: string;
  readonly dynamodb?: { readonly NewImage?: Record<string, { readonly S?: string } | undefined> };
}): boolean {
  return (
    (codeReferralStreamFilterPattern.eventName as readonly string[]).includes(record.eventName ?? "") &&
    record.dynamodb?.NewImage?.entityType?.S === referralEntityType &&
    record.dynamodb?.NewImage?.source?.S === "code"
  );
}
