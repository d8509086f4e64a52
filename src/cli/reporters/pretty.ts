// The default reporter, for people: one line per script, and for a failure the step, its line, expected vs
// received and each mismatch in words.
import { multiLine, oneLine } from './escape';
import { formatMs, indent, type Reporter } from './types';

const LABEL = { pass: 'PASS ', fail: 'FAIL ', error: 'ERROR' } as const;

export const prettyReporter: Reporter = {
  start: () => '',
  script({ file, result }) {
    let out = `${LABEL[result.verdict]} ${oneLine(file)} (${formatMs(result.durationMs)})\n`;
    const f = result.failure;
    if (result.verdict !== 'pass' && f) {
      out += `  line ${f.line}: ${oneLine(f.stepText)}\n`;
      out += indent(multiLine(f.message), '  ') + '\n';
      if (f.expected) out += `  expected:\n${indent(multiLine(f.expected), '    ')}\n`;
      if (f.received) out += `  received:\n${indent(multiLine(f.received), '    ')}\n`;
      if (f.mismatches.length > 0) {
        out += '  mismatches:\n';
        for (const m of f.mismatches) {
          const where = m.loc ? ` (line ${m.loc.line})` : '';
          out += `    - ${oneLine(m.path)}: ${oneLine(m.message)}${where}\n`;
        }
      }
    }
    return out;
  },
  finish(entries, durationMs, notRun, why = '--bail') {
    const n = (v: string) => entries.filter((e) => e.result.verdict === v).length;
    let out = `\n${entries.length} script${entries.length === 1 ? '' : 's'}: ${n('pass')} passed, ${n('fail')} failed, ${n('error')} errored (${formatMs(durationMs)})\n`;
    if (notRun.length > 0) out += `${why}: ${notRun.length} not run: ${notRun.map(oneLine).join(', ')}\n`;
    if (entries.some((e) => /could not connect: cannot connect to /.test(e.result.failure?.message ?? ''))) {
      out +=
        'hint: is the server running? `npm run prosody` starts a local Prosody (see scripts/prosody/).\n';
    }
    return out;
  },
};
