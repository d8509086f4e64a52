// A room's configuration (Prosody's room._data) and the defaults mod_muc gives a new room
// (set_room_defaults with the corpus config: no muc_room_default_* options).
import type { Role } from './roles';

export const DEFAULT_HISTORY_LENGTH = 20;

export type Whois = 'moderators' | 'anyone';
export type BroadcastRole = Role | 'none';

export interface RoomConfig {
  name?: string;
  description?: string;
  language?: string;
  /** MUC-CONF-1: rooms are hidden (not public) by default (muc_room_default_public = false). */
  hidden: boolean;
  persistent: boolean;
  membersOnly: boolean;
  allowMemberInvites: boolean;
  moderated: boolean;
  password?: string;
  whois: Whois;
  changeSubject: boolean;
  /** undefined = the default (20). */
  historyLength?: number;
  defaultHistoryMessages?: number;
  presenceBroadcast: ReadonlySet<BroadcastRole>;
  /** muc_mam: undefined = muc_log_by_default (true). */
  archiving?: boolean;
}

export const DEFAULT_BROADCAST: ReadonlySet<BroadcastRole> = new Set<BroadcastRole>([
  'visitor',
  'participant',
  'moderator',
]);

export function defaultConfig(): RoomConfig {
  return {
    hidden: true,
    persistent: false,
    membersOnly: false,
    allowMemberInvites: false,
    moderated: false,
    whois: 'moderators',
    changeSubject: false,
    presenceBroadcast: new Set(DEFAULT_BROADCAST),
  };
}

export function historyLength(c: RoomConfig): number {
  return c.historyLength ?? DEFAULT_HISTORY_LENGTH;
}

export function defaultHistoryMessages(c: RoomConfig): number {
  return c.defaultHistoryMessages ?? DEFAULT_HISTORY_LENGTH;
}

export function archivingEnabled(c: RoomConfig): boolean {
  return c.archiving ?? true;
}
