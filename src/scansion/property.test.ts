// Property tests (fast-check): parse() never throws, and every diagnostic (and element position) lies
// inside the file, over random text, random script-shaped text, and corpus files with random edits.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { locOf, match, normalizeLineEndings, parse, parseXml } from './index';
import type { Range } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const corpus: string[] = [];
for (const branch of ['prosody-0.12', 'prosody-trunk']) {
  const dir = path.join(corpusDir, branch);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).sort())
    if (f.endsWith('.scs')) corpus.push(readFileSync(path.join(dir, f), 'utf8'));
}
if (corpus.length === 0) console.warn(`corpus-based property tests skipped: ${corpusDir} is absent`);

function inside(text: string, r: Range): string | undefined {
  const lines = text.split('\n');
  const lenOf = (l: number): number => lines[l - 1].length;
  if (!(r.line >= 1 && r.line <= lines.length)) return `line ${r.line} outside 1..${lines.length}`;
  if (!(r.endLine >= r.line && r.endLine <= lines.length)) return `endLine ${r.endLine}`;
  if (!(r.column >= 1 && r.column <= lenOf(r.line) + 1)) return `column ${r.column} on line ${r.line}`;
  if (!(r.endColumn >= 1 && r.endColumn <= lenOf(r.endLine) + 1)) return `endColumn ${r.endColumn}`;
  if (r.endLine === r.line && r.endColumn < r.column) return 'end before start';
  return undefined;
}

function checkAll(input: string): void {
  const { script, diagnostics } = parse(input);
  // Positions refer to the text as parse() reads it: line endings normalised (CR-only is many lines).
  const text = normalizeLineEndings(input);
  for (const d of diagnostics) expect(d.code, d.message).not.toBe('internal-error');
  for (const d of diagnostics) {
    expect(inside(text, d), JSON.stringify(d)).toBeUndefined();
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
  }
  for (const step of script.steps) {
    expect(inside(text, step.range)).toBeUndefined();
    if (step.action !== 'sends' && step.action !== 'receives') continue;
    const walk = (el: Element): void => {
      const loc = locOf(el);
      expect(loc).toBeDefined();
      expect(inside(text, loc!.range)).toBeUndefined();
      for (const a of Object.values(loc!.attrs)) expect(inside(text, a)).toBeUndefined();
      for (const c of el.children) if (typeof c === 'object') walk(c);
    };
    step.stanzas.forEach(walk);
  }
}

const scriptLine = fc.oneof(
  fc.constantFrom(
    '[Client] Romeo',
    "[Client] Juliet's phone",
    '\tjid: romeo@localhost',
    '\tpassword: x',
    '\tconnect_port: 99999',
    '-----',
    '',
    '# heading',
    '## tag',
    '// c',
    '-- Romeo sends:',
    'Romeo connects',
    'Romeo sends:',
    'Romeo receives:',
    'Romeo receives: nothing',
    "Juliet's phone disconnects",
    'Mercutio sends:',
    '\t<presence/>',
    '\t<message to="${Romeo\'s full JID}">',
    '\t\t<body>hi &amp; bye</body>',
    '\t</message>',
    "\t<iq id='{scansion:any}'><query xmlns='q' scansion:strict='false'/></iq>",
    '\t<a><b></a>',
    '\t<![CDATA[x]]>',
    '\t${',
    '\t<x y="\u{1F600}"/>',
    '\r',
  ),
  fc.string({ maxLength: 20 }),
);

describe('parse never throws and keeps diagnostics inside the file', () => {
  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (t) => checkAll(t)),
      { numRuns: 500 },
    );
  });

  it('random unicode-ish text with XML and script punctuation', () => {
    const ch = fc.constantFrom(
      '<',
      '>',
      '/',
      '"',
      "'",
      '=',
      '&',
      ';',
      '\n',
      '\t',
      ' ',
      '[',
      ']',
      ':',
      '-',
      '$',
      '{',
      '}',
      'a',
      'Z',
      'é',
      '\u{1F600}',
      '\r',
    );
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 300 }), (cs) => checkAll(cs.join(''))),
      { numRuns: 500 },
    );
  });

  it('script-shaped text', () => {
    fc.assert(
      fc.property(fc.array(scriptLine, { maxLength: 40 }), (lines) => checkAll(lines.join('\n'))),
      { numRuns: 500 },
    );
  });

  it.skipIf(corpus.length === 0)('corpus files with random edits', () => {
    const edit = fc.record({
      file: fc.nat(corpus.length - 1),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      del: fc.nat(40),
      insert: fc.oneof(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('<', '</x>', '\n', '\t', '"', '-----\n', '${', '\n\t<a>'),
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = corpus[edits[0].file];
        for (const e of edits) {
          const pos = Math.floor(e.at * text.length);
          text = text.slice(0, pos) + e.insert + text.slice(pos + e.del);
        }
        checkAll(text);
      }),
      { numRuns: 300 },
    );
  });

  it('parseXml and match never throw on random XML-ish input', () => {
    const ch = fc.constantFrom('<', '>', '/', '"', "'", '=', '&', 'a', 'b', ' ', 'x', ':', '\n');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 60 }), fc.array(ch, { maxLength: 60 }), (a, b) => {
        const x = parseXml(a.join(''));
        const y = parseXml(b.join(''));
        for (const d of x.diagnostics) expect(inside(a.join(''), d)).toBeUndefined();
        if (x.elements[0] && y.elements[0]) {
          const r = match(x.elements[0], y.elements[0], new Map());
          expect(typeof r.ok).toBe('boolean');
        }
      }),
      { numRuns: 500 },
    );
  });
});
