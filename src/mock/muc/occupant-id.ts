// XEP-0421 occupant ids. Prosody 0.12 computes base64(HMAC-SHA256(bare JID, random room salt)):
// stable per room and user, opaque to clients (the corpus never compares it). The mock derives a
// 32-byte digest of the same inputs with a small non-cryptographic mix (pure, no WebCrypto), so the
// id has Prosody's shape (44 base64 characters) and is stable within a run (MUC-OID-1).

function mix(input: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function occupantId(bareJid: string, salt: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < 8; i++) {
    const word = mix(`${salt}\u0000${bareJid}`, i * 0x9e3779b9);
    bytes.push(word & 255, (word >>> 8) & 255, (word >>> 16) & 255, word >>> 24);
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}
