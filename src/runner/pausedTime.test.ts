import { describe, expect, it } from 'vitest';
import { parse } from '../scansion';
import { createManualClock } from './clock';
import { createRunner } from './runner';
import { createTestServer } from './testing';

const SCRIPT = `[Client] Romeo
	jid: romeo@localhost
	password: password

-----

Romeo connects

Romeo sends:
	<presence/>

Romeo disconnects
`;

describe('runner: run duration', () => {
  it('leaves out the time spent paused', async () => {
    const clock = createManualClock();
    const { script } = parse(SCRIPT);
    const runner = createRunner({ script, transport: createTestServer().transport, clock });
    await runner.step(); // paused before step 2
    expect(runner.status).toBe('paused');
    await clock.advance(60_000); // a minute looking at the paused run
    const done = runner.start();
    const result = await done;
    expect(result.verdict).toBe('pass');
    expect(result.durationMs).toBeLessThan(1_000);
  });
});
