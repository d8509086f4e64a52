// Nicknames as Prosody prepares them (RFC 3920 resourceprep via libidn), approximated without tables:
// MUC-NICK-1 (mapping): the router preps the `to` JID, so characters "commonly mapped to nothing"
// (RFC 3454 table B.1, e.g. U+FE0F VARIATION SELECTOR-16) vanish and the text is NFKC-normalised.
// MUC-NICK-2 (strict): mod_muc then re-checks the nick with unassigned code points prohibited
// (Unicode 3.2, as stringprep is frozen there). The mock treats as unassigned: code points the running
// JavaScript engine does not know, and supplementary-plane code points outside the blocks Unicode 3.2
// had (emoji such as U+1F916 ROBOT FACE fail, as muc_nickname_robotface.scs shows).

const MAPPED_TO_NOTHING: [number, number][] = [
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x1806, 0x1806],
  [0x180b, 0x180d],
  [0x200b, 0x200d],
  [0x2060, 0x2060],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

function mappedToNothing(cp: number): boolean {
  return MAPPED_TO_NOTHING.some(([a, b]) => cp >= a && cp <= b);
}

/** resourceprep mapping + NFKC; undefined when the result is empty or has prohibited characters. */
export function resourceprep(nick: string): string | undefined {
  const mapped = [...nick]
    .filter((ch) => !mappedToNothing(ch.codePointAt(0)!))
    .join('')
    .normalize('NFKC');
  if (mapped.length === 0) return undefined;
  for (const ch of mapped) {
    const cp = ch.codePointAt(0)!;
    if (isProhibited(cp)) return undefined;
  }
  return mapped;
}

/** RFC 3454 C.2.1, C.2.2 (controls), C.3 (private use), C.4 (non-characters), C.5, C.8, C.9 (subset). */
function isProhibited(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) return true;
  if (cp >= 0xe000 && cp <= 0xf8ff) return true;
  if (cp >= 0xfdd0 && cp <= 0xfdef) return true;
  if ((cp & 0xfffe) === 0xfffe) return true;
  if (cp >= 0xd800 && cp <= 0xdfff) return true;
  if (cp >= 0xf0000) return true;
  if (cp === 0x340 || cp === 0x341 || (cp >= 0x200e && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e))
    return true;
  if (cp >= 0x206a && cp <= 0x206f) return true;
  if (cp >= 0xfff9 && cp <= 0xfffd) return true;
  return false;
}

// Supplementary-plane blocks assigned in Unicode 3.2.
const ASSIGNED_3_2: [number, number][] = [
  [0x10300, 0x1034f],
  [0x10400, 0x1044f],
  [0x1d000, 0x1d24f],
  [0x1d400, 0x1d7ff],
  [0x20000, 0x2a6d6],
  [0x2f800, 0x2fa1d],
  [0xe0001, 0xe0001],
  [0xe0020, 0xe007f],
];

const UNASSIGNED = /\p{Cn}/u;

/** resourceprep(nick, true): also fails on code points unassigned in Unicode 3.2 (approximated). */
export function strictResourceprep(nick: string): string | undefined {
  const prepped = resourceprep(nick);
  if (prepped === undefined) return undefined;
  for (const ch of prepped) {
    const cp = ch.codePointAt(0)!;
    if (UNASSIGNED.test(ch)) return undefined;
    if (cp > 0xffff && !ASSIGNED_3_2.some(([a, b]) => cp >= a && cp <= b)) return undefined;
  }
  return prepped;
}
