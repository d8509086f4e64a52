// Random identifiers as Prosody 0.12 makes them (util.id.medium: 9 random bytes, base64url = 12 chars),
// used for bound resources and server-generated stanza ids. The randomness is injected so tests can be
// deterministic; the default uses crypto.getRandomValues (browsers, Web Workers and Node 20 alike).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Returns a float in [0, 1). */
export type RandomSource = () => number;

const pool = new Uint32Array(256);
let poolIndex = pool.length;

export const cryptoRandom: RandomSource = () => {
  if (poolIndex >= pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolIndex = 0;
  }
  return pool[poolIndex++] / 0x1_0000_0000;
};

/** A deterministic source for tests (mulberry32). */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mediumId(random: RandomSource): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[Math.floor(random() * 64) & 63];
  return s;
}
