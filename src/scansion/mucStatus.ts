// MUC status codes (XEP-0045 §15.6.2, "Status Codes" registry): pure data, no imports.
// Used by the editor (completion and hover on `<status code="…"/>`) and by any UI that explains a
// received muc#user presence. `stanzas` lists where the XEP says the code appears.

export interface MucStatusCode {
  code: string;
  /** One short sentence for people. */
  meaning: string;
  /** The stanza kinds in which the XEP says the code appears. */
  stanzas: ReadonlyArray<'presence' | 'message'>;
  /** The XEP-0045 section that describes it. */
  section: string;
}

export const MUC_STATUS_CODES: readonly MucStatusCode[] = [
  {
    code: '100',
    meaning: "The room is non-anonymous: any occupant can see this user's full JID.",
    stanzas: ['presence', 'message'],
    section: '7.2.3',
  },
  {
    code: '101',
    meaning: "The user's affiliation changed while the user was not in the room.",
    stanzas: ['message'],
    section: '9.3',
  },
  {
    code: '102',
    meaning: 'The room now shows unavailable members.',
    stanzas: ['message'],
    section: '10.2.1',
  },
  {
    code: '103',
    meaning: 'The room now does not show unavailable members.',
    stanzas: ['message'],
    section: '10.2.1',
  },
  {
    code: '104',
    meaning: 'A non-privacy-related room configuration change has occurred.',
    stanzas: ['message'],
    section: '10.2.1',
  },
  {
    code: '110',
    meaning: 'Self-presence: this presence refers to the receiving occupant itself.',
    stanzas: ['presence'],
    section: '7.2.3',
  },
  {
    code: '170',
    meaning: 'Room logging is now enabled.',
    stanzas: ['presence', 'message'],
    section: '7.2.12',
  },
  {
    code: '171',
    meaning: 'Room logging is now disabled.',
    stanzas: ['message'],
    section: '10.2.1',
  },
  {
    code: '172',
    meaning: 'The room is now non-anonymous.',
    stanzas: ['presence', 'message'],
    section: '10.2.1',
  },
  {
    code: '173',
    meaning: 'The room is now semi-anonymous.',
    stanzas: ['message'],
    section: '10.2.1',
  },
  {
    code: '174',
    meaning: 'The room is now fully anonymous (deprecated by the XEP).',
    stanzas: ['message'],
    section: '10.2.1',
  },
  {
    code: '201',
    meaning: 'A new room has been created (the joining user is its owner; the room may be locked).',
    stanzas: ['presence'],
    section: '10.1.1',
  },
  {
    code: '210',
    meaning: "The service has assigned or modified the occupant's room nickname.",
    stanzas: ['presence'],
    section: '7.2.9',
  },
  {
    code: '301',
    meaning: 'The user has been banned from the room.',
    stanzas: ['presence'],
    section: '9.1',
  },
  {
    code: '303',
    meaning: 'The occupant changed nickname; the presence carries the new nick.',
    stanzas: ['presence'],
    section: '7.6',
  },
  {
    code: '307',
    meaning: 'The user has been kicked from the room.',
    stanzas: ['presence'],
    section: '8.2',
  },
  {
    code: '321',
    meaning: 'The user was removed from the room because of an affiliation change.',
    stanzas: ['presence'],
    section: '9.3',
  },
  {
    code: '322',
    meaning: 'The user was removed because the room became members-only and the user is not a member.',
    stanzas: ['presence'],
    section: '9.4',
  },
  {
    code: '332',
    meaning: 'The user was removed from the room because the MUC service is shutting down.',
    stanzas: ['presence'],
    section: '9.5',
  },
  {
    code: '333',
    meaning: 'The user was removed from the room because of a technical problem.',
    stanzas: ['presence'],
    section: '7.14',
  },
];

/** The entry for a code ("110"), or undefined when the XEP defines no such code. */
export function mucStatus(code: string): MucStatusCode | undefined {
  return MUC_STATUS_CODES.find((s) => s.code === code.trim());
}
