/**
 * Manager (agency) links (Sparrow, docs/agencies.md), the use cases of their routes:
 *   - a client issues a one-time, expiring consent (POST /accounts/{client}/manager-consents, the client itself);
 *   - a manager presents its token to link the client (POST /accounts/{manager}/managed-accounts, the manager itself);
 *   - each side lists its links (the account itself or the operator) and revokes one (the account itself or the operator);
 *   - the operator lists an account's audit entries (every consent issued, link created and link revoked).
 * Only account ids are stored; the token is returned once and kept only as its SHA-256 hash.
 */
import type { ManagementStore } from "../data/management-store.ts";
import type { Clock } from "../domain/clock.ts";
import {
  consentExpiresAt,
  consentRefusalMessages,
  consentTokenHash,
  decideConsentPresentation,
  decideRevocation,
  newConsentToken,
} from "../domain/manager-links.ts";
import { assertCanAccessAccount, assertCustomerAccount, type Principal } from "../domain/principal.ts";
import type { RandomBytes } from "../domain/referral-code.ts";
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { limits } from "../limits.ts";
import type {
  ConsentResponse,
  CreateConsentRequest,
  ManagementAuditPage,
  ManagementListQuery,
  ManagerLinkPage,
} from "../schemas/management-api.ts";
import type { ManagementActor, ManagementAuditItem, ManagerLinkItem } from "../schemas/management-items.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";

export interface ManagerLinkDependencies {
  readonly managementStore: ManagementStore;
  readonly clock: Clock;
  /** Draws consent tokens and the consent and audit ids. */
  readonly randomBytes: RandomBytes;
}

const idOf = (prefix: string, randomBytes: RandomBytes) => `${prefix}_${Buffer.from(randomBytes(12)).toString("hex")}`;

/** The account itself, never the operator for it nor a manager acting for it: consents and links are each side's own act. */
function assertAccountItself(principal: Principal, accountId: string, what: string): void {
  if (principal.kind !== "account" || principal.accountId !== accountId || principal.actingFor !== undefined)
    throw new ForbiddenError(`only the account itself may ${what}`);
}

/** POST /accounts/{clientAccountId}/manager-consents: a consent token, shown once. */
export async function issueManagerConsent(
  deps: ManagerLinkDependencies,
  principal: Principal,
  clientAccountId: string,
  request: CreateConsentRequest,
): Promise<ConsentResponse> {
  assertCustomerAccount(clientAccountId);
  assertAccountItself(principal, clientAccountId, "issue a consent to be managed");
  if (request.managerAccountId !== undefined) assertCustomerAccount(request.managerAccountId, "body.managerAccountId");
  if (request.managerAccountId === clientAccountId)
    throw new ValidationError("an account cannot manage itself", [
      { path: "body.managerAccountId", message: "another account than the client" },
    ]);
  const now = deps.clock.now();
  const consentToken = newConsentToken(deps.randomBytes, limits.managerConsents.consentTokenBytes);
  const consentId = idOf("mcn", deps.randomBytes);
  const expiresAt = consentExpiresAt(now, request.expiresInMinutes).toISOString();
  const bound = request.managerAccountId === undefined ? {} : { managerAccountId: request.managerAccountId };
  await deps.managementStore.issueConsent(
    consentTokenHash(consentToken),
    { consentId, clientAccountId, ...bound, issuedAt: now.toISOString(), expiresAt },
    {
      entryId: idOf("mau", deps.randomBytes),
      kind: "consent_issued",
      at: now.toISOString(),
      clientAccountId,
      ...bound,
      consentId,
      actor: "client",
    },
  );
  return { consentId, consentToken, clientAccountId, ...bound, expiresAt };
}

/**
 * POST /accounts/{managerAccountId}/managed-accounts { consentToken }: links the consent's client to the
 * manager, once. A forged, expired, used or other manager's token reads one consent item (consistent) and
 * writes nothing, so the refusals take the same path and answer 409 with their code.
 */
export async function presentManagerConsent(
  deps: ManagerLinkDependencies,
  principal: Principal,
  managerAccountId: string,
  consentToken: string,
): Promise<ManagerLinkItem> {
  assertCustomerAccount(managerAccountId);
  assertAccountItself(principal, managerAccountId, "link client accounts to itself");
  const tokenHash = consentTokenHash(consentToken);
  return decideUntilCommitted("manager consent", async () => {
    const consent = await deps.managementStore.readConsent(tokenHash);
    const now = deps.clock.now();
    const decision = decideConsentPresentation(consent, managerAccountId, now);
    if (!decision.accepted) {
      const message = consentRefusalMessages[decision.refusal];
      if (decision.refusal === "validation_failed")
        throw new ValidationError(message, [{ path: "body.consentToken", message: "a consent of another account" }]);
      throw new DomainError(decision.refusal, message);
    }
    const link: ManagerLinkItem = {
      managerAccountId,
      clientAccountId: consent!.clientAccountId,
      status: "active",
      consentId: consent!.consentId,
      linkedAt: now.toISOString(),
    };
    await deps.managementStore.useConsent(tokenHash, link, auditOf(deps, link, "link_created", "manager", now));
    return link;
  });
}

function auditOf(
  deps: ManagerLinkDependencies,
  link: ManagerLinkItem,
  kind: ManagementAuditItem["kind"],
  actor: ManagementActor,
  at: Date,
): ManagementAuditItem {
  return {
    entryId: idOf("mau", deps.randomBytes),
    kind,
    at: at.toISOString(),
    clientAccountId: link.clientAccountId,
    managerAccountId: link.managerAccountId,
    consentId: link.consentId,
    actor,
  };
}

export type LinkSide = "manager" | "client";

/** GET /accounts/{accountId}/managed-accounts (side manager) or /managers (side client): the account's links, active and revoked. */
export async function listManagerLinks(
  deps: Pick<ManagerLinkDependencies, "managementStore">,
  principal: Principal,
  side: LinkSide,
  accountId: string,
  query: ManagementListQuery,
): Promise<ManagerLinkPage> {
  assertCanAccessAccount(principal, accountId);
  const page =
    side === "manager"
      ? await deps.managementStore.listClients(accountId, query)
      : await deps.managementStore.listManagers(accountId, query);
  return page.nextCursor === undefined ? { accountId, links: page.items } : { accountId, links: page.items, nextCursor: page.nextCursor };
}

/**
 * POST /accounts/{accountId}/managed-accounts/{client}/revocation (the manager ends it) or
 * /managers/{manager}/revocation (the client ends it), by that account itself or the operator. From the
 * next request on the manager is refused (403). Revoking a revoked link again changes nothing.
 */
export async function revokeManagerLink(
  deps: Pick<ManagerLinkDependencies, "managementStore" | "clock" | "randomBytes">,
  principal: Principal,
  side: LinkSide,
  accountId: string,
  otherAccountId: string,
): Promise<{ readonly link: ManagerLinkItem; readonly changed: boolean }> {
  if (principal.kind === "account") assertAccountItself(principal, accountId, "revoke its links");
  const [managerAccountId, clientAccountId] = side === "manager" ? [accountId, otherAccountId] : [otherAccountId, accountId];
  const actor: ManagementActor = principal.kind === "operator" ? "operator" : side;
  return decideUntilCommitted("manager link revocation", async () => {
    const link = await deps.managementStore.readLink(clientAccountId, managerAccountId);
    if (link === undefined) throw new NotFoundError(`no link between manager ${managerAccountId} and client ${clientAccountId}`);
    const now = deps.clock.now();
    const decision = decideRevocation(link, now, actor);
    if (decision.changed) await deps.managementStore.revokeLink(link, decision.link, auditOf(deps, link, "link_revoked", actor, now));
    return decision;
  });
}

/** GET /accounts/{accountId}/management-audit (operator): the account's audit entries, oldest first, from both sides. */
export async function listManagementAudit(
  deps: Pick<ManagerLinkDependencies, "managementStore">,
  accountId: string,
  query: ManagementListQuery,
): Promise<ManagementAuditPage> {
  const page = await deps.managementStore.listAudit(accountId, query);
  return page.nextCursor === undefined
    ? { accountId, entries: page.items }
    : { accountId, entries: page.items, nextCursor: page.nextCursor };
}
