// The shared Prosody harness: two servers side by side on their own directories and OS-given ports,
// both stopped (process gone, directory removed); missing requirements skip, or fail with CI set.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, listCorpus, needs, prosodyInstalled, startTestProsody } from './prosody';

/** Running and not a zombie (a daemon's new parent may be slow to reap it). */
const alive = (pid: number) => {
  try {
    return !/^State:\s*Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

describe('test Prosody harness', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('free ports come from the OS and differ', async () => {
    const a = await freePort();
    const b = await freePort();
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });

  it('a missing requirement skips with a message, or fails loudly when CI is set', () => {
    delete process.env.CI;
    expect(needs('probe', { corpus: ['no-such-branch' as 'prosody-0.12'] })).toBe(false);
    process.env.CI = 'true';
    expect(() => needs('probe', { corpus: ['no-such-branch' as 'prosody-0.12'] })).toThrow(
      /probe: the corpus .*no-such-branch is absent \(CI is set: a missing requirement is a failure/,
    );
  });

  it('lists a corpus branch sorted, as paths', () => {
    const files = listCorpus('prosody-0.12');
    expect([...files].sort()).toEqual(files);
    for (const f of files) expect(f.endsWith('.scs')).toBe(true);
  });

  it.skipIf(!needs('harness', { prosody: true }))(
    'two servers at once (one a MUC variant), each on its own directory and ports; halted and back; both stopped',
    async () => {
      const [a, b] = await Promise.all([
        startTestProsody('harness-a'),
        startTestProsody('harness-b', { mucOptions: ['restrict_room_creation = true'] }),
      ]);
      const up = async (port: number) => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/xmpp-websocket`)).status < 500;
        } catch {
          return false;
        }
      };
      try {
        expect(new Set([a.port, a.c2sPort, b.port, b.c2sPort]).size).toBe(4);
        expect(a.dir).not.toBe(b.dir);
        for (const p of [a, b]) expect(await up(p.port)).toBe(true);
        // The variant's own copy of the config carries the option inside the MUC component, after
        // the component's own settings (so that it may override them).
        expect(readFileSync(`${b.dir}/launcher/prosody.cfg.lua`, 'utf8')).toMatch(
          /Component "conference\.localhost" "muc"\n(?:\t[^\n]*\n)*\tmodules_enabled[^\n]*\n\trestrict_room_creation = true\n\n/,
        );
        expect(existsSync(`${a.dir}/launcher`)).toBe(false);
        // halt: the server gone, its directory kept; restart brings it back on the same port.
        a.halt();
        expect(await up(a.port)).toBe(false);
        expect(existsSync(a.dir)).toBe(true);
        a.restart();
        expect(await up(a.port)).toBe(true);
      } finally {
        const pids = [a, b].map((p) => Number(readFileSync(`${p.dir}/prosody.pid`, 'utf8')));
        a.stop();
        b.stop();
        for (const pid of pids) expect(alive(pid)).toBe(false);
        expect(existsSync(a.dir) || existsSync(b.dir)).toBe(false);
      }
    },
    60_000,
  );

  it('prosodyInstalled answers', () => {
    expect(typeof prosodyInstalled()).toBe('boolean');
  });
});
