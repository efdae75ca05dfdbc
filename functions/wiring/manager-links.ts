/**
 * Manager (agency) links' wiring (docs/agencies.md): the store on the table, the clock and the random
 * source for the link routes, and the manager path of authorization for the routes with `managedAccess`
 * (a handler of one passes `managedAccessFromEnvironment()` to its route; tests pass their own or none).
 */
import { createManagementStore } from "../../shared/data/management-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { ManagerLinkCheck } from "../../shared/domain/principal.ts";
import { cryptoRandomBytes, type RandomBytes } from "../../shared/domain/referral-code.ts";
import { managerLinkCheckOf } from "../../shared/use-cases/manager-access.ts";
import type { ManagerLinkDependencies } from "../../shared/use-cases/manager-links.ts";

/** What a handler of a route with `managedAccess` gives the HTTP stack: the manager's link check (none: the manager path is off). */
export interface ManagedAccess {
  readonly managerLinks?: ManagerLinkCheck;
}

export function createManagedAccess(table: TableContext): Required<ManagedAccess> {
  return { managerLinks: managerLinkCheckOf(createManagementStore(table)) };
}

/** The production manager path: one consistent GetItem of the link (AP71) on the table from the environment. */
export function managedAccessFromEnvironment(): Required<ManagedAccess> {
  return createManagedAccess(defaultTableContext());
}

export function createManagerLinkDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly randomBytes?: RandomBytes;
}): ManagerLinkDependencies {
  return {
    managementStore: createManagementStore(options.table),
    clock: options.clock,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
  };
}

export function managerLinkDependenciesFromEnvironment(): ManagerLinkDependencies {
  return createManagerLinkDependencies({ table: defaultTableContext(), clock: systemClock });
}
