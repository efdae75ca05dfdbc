/**
 * POST /accounts/{accountId}/invites (that account, or the operator for it): send the account's invite
 * code by e-mail or SMS through the operator's mailer (an `invite.requested` message on the outbound
 * queue). 201 with the invite; 404 no such program with invite codes; 409 recipient_recently_invited;
 * 429 too_many_attempts with Retry-After; 503 when the queue could not be reached (send the same request again).
 */
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { inviteRequestSchema } from "../../shared/schemas/code-entry-api.ts";
import type { InviteDependencies } from "../../shared/use-cases/referral-dependencies.ts";
import { sendInvite } from "../../shared/use-cases/send-invite.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { inviteDependenciesFromEnvironment } from "../wiring/referral.ts";

export function createSendInviteHandler(dependencies: InviteDependencies) {
  return httpRoute(routes.sendInvite, { path: accountPathSchema, body: inviteRequestSchema }, async ({ path, body, principal }) => {
    return jsonResponse(201, await sendInvite(dependencies, principal, path.accountId, body));
  });
}

export const handler = createSendInviteHandler(inviteDependenciesFromEnvironment());
