/** What applying one billing event did, for the log line and the tests. */
export interface AppliedOutcome {
  /** rewarded, not_rewarded:<reasons>, clawed_back, nothing_to_claw_back, parked, duplicate, not_referred, registered, payer_recorded, no_effect:<why>, payment_already_recorded */
  readonly outcome: string;
  /** The transfers the effect posted (on a duplicate: the ones the first delivery posted). */
  readonly transferIds: readonly string[];
  /** What the event did to a partner's paid revenue (record-partner-revenue.ts), when a program's levels ask for it. */
  readonly partnerRevenue?: string;
}
