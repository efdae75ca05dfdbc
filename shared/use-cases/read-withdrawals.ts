/** GET /withdrawals/{withdrawalId} and GET /withdrawals?status= (the operator, or the CLI): a withdrawal, and withdrawals by status. */

import type { WithdrawalStore } from "../data/withdrawal-store.ts";
import { NotFoundError } from "../errors.ts";
import type { WithdrawalItem } from "../schemas/withdrawal-items.ts";
import type { WithdrawalListQuery, WithdrawalPageResponse } from "../schemas/withdrawals-api.ts";

export async function readWithdrawalOrThrow(
  deps: { readonly withdrawalStore: Pick<WithdrawalStore, "readWithdrawal"> },
  withdrawalId: string,
): Promise<WithdrawalItem> {
  const withdrawal = await deps.withdrawalStore.readWithdrawal(withdrawalId);
  if (!withdrawal) throw new NotFoundError(`no withdrawal ${withdrawalId}`);
  return withdrawal;
}

export async function listWithdrawals(
  deps: { readonly withdrawalStore: Pick<WithdrawalStore, "listByStatus"> },
  query: WithdrawalListQuery,
): Promise<WithdrawalPageResponse> {
  const page = await deps.withdrawalStore.listByStatus(query);
  return page.nextCursor === undefined
    ? { status: query.status, withdrawals: page.withdrawals }
    : { status: query.status, withdrawals: page.withdrawals, nextCursor: page.nextCursor };
}
