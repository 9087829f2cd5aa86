// Who among the staff may do what, written once: pages read these to decide what to show, and the
// server-side checks (requireStaffPage / getStaffOrFailure role lists, lib operations) use the same, so
// the UI and the server cannot disagree. Case transitions keep their own table (lib/applications/state-machine.ts).
import type { StaffRole } from '@/db/schema';
import { TRANSITIONS } from '@/lib/applications/state-machine';

const staffRolesOf = (roles: readonly string[]): readonly StaffRole[] => roles.filter((r): r is StaffRole => r === 'clerk' || r === 'supervisor' || r === 'admin');

export const STAFF_ROLES_THAT = {
  /** Open the approval queue and cases. */
  workTheQueue: ['clerk', 'supervisor'],
  /** The second signature on cases whose service needs one (from the state machine). */
  countersign: staffRolesOf(TRANSITIONS.countersign.roles),
  /** Hand cases to a clerk (from the state machine). */
  assignCases: staffRolesOf(TRANSITIONS.assign.roles),
  /** The queue of every district, not only one's own. */
  seeEveryDistrict: ['supervisor'],
  seeOverview: ['supervisor'],
  manageDeliveries: ['supervisor'],
  /** Hand a certificate waiting at the counter to its holder, after the identity check. */
  handOverAtCounter: ['clerk', 'supervisor'],
  /** File an application at the counter for a citizen identified by their wallet QR (a clerk for their districts). */
  assistAtCounter: ['clerk', 'supervisor'],
  /** Revoke and reissue certificates. */
  manageCertificates: ['supervisor'],
  manageEids: ['supervisor', 'admin'],
  manageTerminals: ['admin'],
  /** Real-name events: create them, name their gates, upload their ticket lists. */
  manageEvents: ['admin'],
  /** The service catalogue: design a service's form and publish it as a new version. */
  designServices: ['admin'],
  seeOutbox: ['supervisor', 'admin'],
  /** Turn off another staff member's two-factor sign-in (lost phone). */
  resetStaffTwoFactor: ['admin'],
  /** The internet café register (网吧实名上网登记): search every café's check-ins, each search audited. */
  searchCafeRegister: ['police'],
  /** Everyone signed in as staff (their own two-factor page). */
  useThePortal: ['clerk', 'supervisor', 'admin', 'police'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffCapability = keyof typeof STAFF_ROLES_THAT;

type HasRole = { role: StaffRole };

export function can(actor: HasRole, capability: StaffCapability): boolean {
  return (STAFF_ROLES_THAT[capability] as readonly StaffRole[]).includes(actor.role);
}

export const canWorkTheQueue = (actor: HasRole) => can(actor, 'workTheQueue');
export const canCountersign = (actor: HasRole) => can(actor, 'countersign');
export const canAssignCases = (actor: HasRole) => can(actor, 'assignCases');
export const canSeeEveryDistrict = (actor: HasRole) => can(actor, 'seeEveryDistrict');
export const canSeeOverview = (actor: HasRole) => can(actor, 'seeOverview');
export const canManageDeliveries = (actor: HasRole) => can(actor, 'manageDeliveries');
export const canHandOverAtCounter = (actor: HasRole) => can(actor, 'handOverAtCounter');
export const canAssistAtCounter = (actor: HasRole) => can(actor, 'assistAtCounter');
export const canManageCertificates = (actor: HasRole) => can(actor, 'manageCertificates');
export const canManageEids = (actor: HasRole) => can(actor, 'manageEids');
export const canManageTerminals = (actor: HasRole) => can(actor, 'manageTerminals');
export const canManageEvents = (actor: HasRole) => can(actor, 'manageEvents');
export const canDesignServices = (actor: HasRole) => can(actor, 'designServices');
export const canSeeOutbox = (actor: HasRole) => can(actor, 'seeOutbox');
export const canResetStaffTwoFactor = (actor: HasRole) => can(actor, 'resetStaffTwoFactor');
export const canSearchCafeRegister = (actor: HasRole) => can(actor, 'searchCafeRegister');
