/**
 * POST /accounts/{accountId}/code-redemptions (that account, or the operator for it): enter a personal
 * invite code after sign-up. 201 with the referral by code; 422 referral_code_unknown (one answer for a
 * wrong, disabled or foreign code), code_entry_window_closed or self_referral; 409 code_already_redeemed,
 * referral_already_rewarded, referral_fraudulent or registration_unknown; 429 too_many_attempts with
 * Retry-After.
 */
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { codeRedemptionRequestSchema } from "../../shared/schemas/code-entry-api.ts";
import { redeemInviteCode } from "../../shared/use-cases/redeem-invite-code.ts";
import type { CodeRedemptionDependencies } from "../../shared/use-cases/referral-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { type ManagedAccess, managedAccessFromEnvironment } from "../wiring/manager-links.ts";
import { codeRedemptionDependenciesFromEnvironment } from "../wiring/referral.ts";

export function createRedeemInviteCodeHandler(dependencies: CodeRedemptionDependencies, access: ManagedAccess = {}) {
  return httpRoute(
    routes.redeemInviteCode,
    { ...access, path: accountPathSchema, body: codeRedemptionRequestSchema },
    async ({ path, body, principal, event }) => {
      const result = await redeemInviteCode(dependencies, principal, path.accountId, body, event.requestContext?.http?.sourceIp);
      return jsonResponse(201, result);
    },
  );
}

export const handler = createRedeemInviteCodeHandler(codeRedemptionDependenciesFromEnvironment(), managedAccessFromEnvironment());
