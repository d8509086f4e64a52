// `--reporter tap`: TAP version 13, one test point per script, failure details as a YAML block.
import { multiLine, oneLine } from './escape';
import type { Reporter } from './types';

function yamlString(s: string): string {
  return JSON.stringify(multiLine(s)); // a JSON string is a valid YAML double-quoted scalar
}

function block(key: string, text: string): string {
  return `  ${key}: |-\n${multiLine(text)
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;
}

export const tapReporter: Reporter = {
  start: (total) => `TAP version 13\n1..${total}\n`,
  script({ file, result }, index) {
    const ms = Math.round(result.durationMs);
    if (result.verdict === 'pass') return `ok ${index + 1} - ${oneLine(file)} # time=${ms}ms\n`;
    const f = result.failure;
    let out = `not ok ${index + 1} - ${oneLine(file)} # time=${ms}ms\n  ---\n`;
    out += `  verdict: ${result.verdict}\n`;
    if (f) {
      out += `  message: ${yamlString(f.message)}\n  line: ${f.line}\n  step: ${yamlString(f.stepText)}\n`;
      if (f.expected) out += block('expected', f.expected);
      if (f.received) out += block('received', f.received);
      if (f.mismatches.length > 0) {
        out += '  mismatches:\n';
        for (const m of f.mismatches) out += `    - ${yamlString(`${m.path}: ${m.message}`)}\n`;
      }
    }
    return out + '  ...\n';
  },
  finish(entries, _durationMs, notRun, why = '--bail') {
    // Scripts skipped by --bail are declared by the plan: report them as skipped test points.
    return notRun
      .map((file, i) => `ok ${entries.length + i + 1} - ${oneLine(file)} # SKIP not run (${why})\n`)
      .join('');
  },
};
