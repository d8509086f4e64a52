// Divergence classes the fuzzer still finds and the mock does not (yet) follow, each with its reason.
// The CI fuzz (tests/fuzz-mock.test.ts) fails on any class not listed here. Patterns match
// signatureOf() in fuzz.ts: `<action> <kind>-><addressee>: mock <shape> / prosody <shape>`.
export const KNOWN_OPEN: Array<{ pattern: RegExp; reason: string }> = [
  {
    pattern: /^join presence->own-nick: mock message\/groupchat \/ prosody message\/groupchat$/,
    reason:
      'A join under a second nickname by a session already in the room (with a password): the mock sends the history, Prosody only the subject; under study.',
  },
  {
    pattern: /^msg message->other-nick: mock presence\/unavailable \/ prosody presence\/unavailable$/,
    reason:
      'A session ended by a stanza over 256 KiB: Prosody first sends an unavailable presence from the full JID to those it sent directed presence to; the mock does not track directed presence to accounts.',
  },
];

export function knownOpen(signature: string): boolean {
  return KNOWN_OPEN.some((k) => k.pattern.test(signature));
}
