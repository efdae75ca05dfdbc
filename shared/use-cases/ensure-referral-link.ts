/**
 * An account's referral link in a program, created on first use (no registration step): concurrent
 * first requests end with one link and one code. A new link draws a random code; a code that is already
 * another account's is drawn again, at most `limits.referralCodeAttemptsMax` times (collisions are about
 * 1 in 10^12), and a link created meanwhile by a concurrent request is read and returned.
 */
import type { ReferralLink } from "../data/referral-store.ts";
import { generateReferralCode } from "../domain/referral-code.ts";
import { TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import type { ReferralOverviewDependencies } from "./referral-dependencies.ts";

export async function ensureReferralLink(
  dependencies: {
    readonly referralStore: Pick<ReferralOverviewDependencies["referralStore"], "readReferralLink" | "createReferralLink">;
    readonly clock: ReferralOverviewDependencies["clock"];
    readonly randomBytes: ReferralOverviewDependencies["randomBytes"];
  },
  accountId: string,
  programId: string,
): Promise<{ readonly link: ReferralLink; readonly created: boolean }> {
  const { referralStore } = dependencies;
  let codesTaken = 0;
  return await decideUntilCommitted(
    "referral link",
    async () => {
      const existing = await referralStore.readReferralLink(accountId, programId);
      if (existing) return { link: existing, created: false };
      const link: ReferralLink = {
        accountId,
        programId,
        code: generateReferralCode(dependencies.randomBytes),
        createdAt: dependencies.clock.now().toISOString(),
      };
      await referralStore.createReferralLink(link);
      return { link, created: true };
    },
    (conflict) => {
      if (conflict.lost("referralLink")) return undefined; // created meanwhile: the next turn reads it
      if (conflict.lost("referralCode")) {
        codesTaken += 1;
        if (codesTaken >= limits.referralCodeAttemptsMax) throw new TransientError(`no free referral code after ${codesTaken} attempts`);
      }
      return undefined;
    },
  );
}
