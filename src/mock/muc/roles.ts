// Roles and affiliations with their ranks (XEP-0045 §5; Prosody muc/util.lib.lua).
export type Role = 'moderator' | 'participant' | 'visitor';
export type Affiliation = 'owner' | 'admin' | 'member' | 'outcast';

export const ROLE_RANK: Record<string, number> = { none: 0, visitor: 1, participant: 2, moderator: 3 };
export const AFFILIATION_RANK: Record<string, number> = {
  outcast: -1,
  none: 0,
  member: 1,
  admin: 2,
  owner: 3,
};

export function roleRank(role: Role | undefined): number {
  return ROLE_RANK[role ?? 'none'];
}

export function affiliationRank(aff: Affiliation | undefined): number {
  return AFFILIATION_RANK[aff ?? 'none'];
}

export function isRole(s: string): s is Role | 'none' {
  return Object.prototype.hasOwnProperty.call(ROLE_RANK, s);
}

export function isAffiliation(s: string): s is Affiliation | 'none' {
  return Object.prototype.hasOwnProperty.call(AFFILIATION_RANK, s);
}
