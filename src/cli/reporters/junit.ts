// `--reporter junit`: JUnit XML for CI systems, one <testcase> per script; fail -> <failure>,
// error -> <error>, with the step, line, expected and received in the body.
import { escapeXML, escapeXMLText } from 'ltx';
import { oneLine, xmlSafe } from './escape';
import type { Reporter, ScriptEntry } from './types';

/** Attribute and text content: characters XML cannot hold made visible, then escaped. */
const attr = (s: string) => escapeXML(xmlSafe(s));
const text = (s: string) => escapeXMLText(xmlSafe(s));
/** A file name stays on one line. */
const name = (s: string) => attr(oneLine(s));

const sec = (ms: number) => (ms / 1000).toFixed(3);

function testcase({ file, result }: ScriptEntry): string {
  const head = `    <testcase classname="scansion" name="${name(file)}" time="${sec(result.durationMs)}"`;
  const f = result.failure;
  if (result.verdict === 'pass' || !f) return `${head}/>\n`;
  const tag = result.verdict === 'fail' ? 'failure' : 'error';
  const lines = [`line ${f.line}: ${f.stepText}`, f.message];
  if (f.expected) lines.push('expected:', f.expected);
  if (f.received) lines.push('received:', f.received);
  for (const m of f.mismatches) lines.push(`- ${m.path}: ${m.message}`);
  return (
    `${head}>\n      <${tag} message="${attr(f.message)}" type="${result.verdict}">` +
    `${text(lines.join('\n'))}</${tag}>\n    </testcase>\n`
  );
}

export const junitReporter: Reporter = {
  start: () => '',
  script: () => '',
  finish(entries, durationMs, notRun, why = '--bail') {
    const n = (v: string) => entries.filter((e) => e.result.verdict === v).length;
    const skipped = notRun
      .map(
        (file) =>
          `    <testcase classname="scansion" name="${name(file)}" time="0"><skipped message="${attr(`not run (${why})`)}"/></testcase>\n`,
      )
      .join('');
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<testsuites tests="${entries.length + notRun.length}" failures="${n('fail')}" errors="${n('error')}" time="${sec(durationMs)}">\n` +
      `  <testsuite name="scansion" tests="${entries.length + notRun.length}" failures="${n('fail')}" errors="${n('error')}" skipped="${notRun.length}" time="${sec(durationMs)}">\n` +
      entries.map(testcase).join('') +
      skipped +
      '  </testsuite>\n</testsuites>\n'
    );
  },
};
