// Divergence classes the fuzzer still finds and the mock does not (yet) follow, each with its reason.
// The CI fuzz (tests/fuzz-mock.test.ts) fails on any class not listed here. Patterns match
// signatureOf() in fuzz.ts: `<action> <kind>-><addressee>: mock <shape> / prosody <shape>`.
export const KNOWN_OPEN: Array<{ pattern: RegExp; reason: string }> = [
  {
    pattern: /->odd: .* \/ prosody \(stalled: no pong\)$/,
    reason:
      'Prosody 0.12 stops answering the client (no pong within 3 s) after some malformed addresses such as `a@`: its stream stalls; the mock answers jid-malformed. Not reproduced.',
  },
  {
    pattern: /^iq iq->room: mock iq\/result \/ prosody iq\/result$/,
    reason: 'Room disco#info: the muc#roominfo form fields come in another order on Prosody (under study).',
  },
  {
    pattern: /^iq iq->user\/server: mock iq\/result \/ prosody iq\/result$/,
    reason:
      'Own-account disco#info: Prosody omits the pubsub/pep identity while the account has no PEP node.',
  },
  {
    pattern:
      /^(nick|pres) presence->own-nick: mock presence\/error\/item-not-found \/ prosody presence\/error\/item-not-found$/,
    reason:
      'A room that exists on Prosody and not on the mock (room lifetime after a destroy or half-made room); under study.',
  },
  {
    pattern: /^iq iq->odd: mock iq\/error\/service-unavailable \/ prosody iq\/error\/forbidden$/,
    reason:
      'A pubsub get through an oddly written address (case, trailing dot) reaches a PEP service on Prosody only; under study.',
  },
];

export function knownOpen(signature: string): boolean {
  return KNOWN_OPEN.some((k) => k.pattern.test(signature));
}
