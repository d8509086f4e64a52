// `receives: nothing` at corpus level: on the in-process mock, a corpus script where one expected stanza
// is replaced by "receives: nothing" must fail at exactly that step (a runner ignoring the step passes).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { parse } from '../scansion';
import { createRunner } from './runner';

const FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpus/prosody-0.12/muc_password.scs',
);
const present = existsSync(FILE);
if (!present) {
  if (process.env.CI) throw new Error(`the corpus is missing (${FILE}): CI needs ../shared/corpus`);
  console.warn(`receives: nothing corpus test: skipped, ${FILE} is absent`);
}

/** The script with step `index` (a receives:) replaced by "<client> receives: nothing". */
function withNothingAt(text: string, index: number): string {
  const step = parse(text).script.steps[index];
  const lines = text.split('\n');
  lines.splice(
    step.range.line - 1,
    step.range.endLine - step.range.line + 1,
    `${step.client} receives: nothing`,
  );
  return lines.join('\n');
}

describe.skipIf(!present)('RUN-STEP-4 at corpus level: receives: nothing on the mock', () => {
  const text = present ? readFileSync(FILE, 'utf8') : '';
  const receives = present
    ? parse(text)
        .script.steps.filter((s) => s.action === 'receives')
        .map((s) => s.index)
    : [];

  it('the unmodified script passes', async () => {
    const r = await createRunner({
      script: parse(text).script,
      transport: createInProcessTransport(),
    }).start();
    expect(r.verdict).toBe('pass');
  });

  it('each expected stanza replaced by "receives: nothing" fails at that step, showing the stanza', async () => {
    expect(receives.length).toBeGreaterThan(10);
    for (const index of receives) {
      const { script, diagnostics } = parse(withNothingAt(text, index));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(script.steps[index].action).toBe('receives-nothing');
      const r = await createRunner({ script, transport: createInProcessTransport() }).start();
      expect({ index, verdict: r.verdict, step: r.failure?.step }).toEqual({
        index,
        verdict: 'fail',
        step: index,
      });
      expect(r.failure?.message).toMatch(/expected nothing, but received a stanza/);
      expect(r.failure?.received).toMatch(/^<(presence|message|iq)/);
    }
  });
});
