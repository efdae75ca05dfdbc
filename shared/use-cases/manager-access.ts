/**
 * The manager path of authorization (docs/agencies.md): the check a handler of a route with
 * `managedAccess` gives the HTTP stack. One consistent GetItem of the client's link to the caller (AP71);
 * an id that is no account id reads nothing (no link can have it).
 */
import type { ManagementStore } from "../data/management-store.ts";
import { linkAllowsAccess } from "../domain/manager-links.ts";
import type { ManagerLinkCheck } from "../domain/principal.ts";
import { accountIdSchema } from "../schemas/common.ts";

export function managerLinkCheckOf(store: Pick<ManagementStore, "readLink">): ManagerLinkCheck {
  return async (managerAccountId, clientAccountId) => {
    if (!accountIdSchema.safeParse(clientAccountId).success || !accountIdSchema.safeParse(managerAccountId).success) return false;
    return linkAllowsAccess(await store.readLink(clientAccountId, managerAccountId));
  };
}
