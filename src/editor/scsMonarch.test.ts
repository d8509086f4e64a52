// Runs the .scs and XML Monarch definitions through Monaco's own Monarch compiler and lexer (pure
// modules of monaco-editor that need no DOM), so the highlighting rules are checked as Monaco runs them.
import { describe, expect, it } from 'vitest';
import type { languages } from 'monaco-editor/editor/editor.api';
import { scsMonarch, xmlMonarch } from './scsMonarch';
import { SAMPLE } from './testScript';

const base = 'monaco-editor/editor/standalone/common/monarch/';

interface Tok {
  text: string;
  type: string;
}

async function tokenizer(lang: languages.IMonarchLanguage, id: string) {
  const { compile } = (await import(/* @vite-ignore */ base + 'monarchCompile')) as {
    compile: (id: string, l: unknown) => unknown;
  };
  const { MonarchTokenizer } = (await import(/* @vite-ignore */ base + 'monarchLexer')) as {
    MonarchTokenizer: new (...a: unknown[]) => {
      getInitialState(): unknown;
      tokenize(
        line: string,
        eol: boolean,
        state: unknown,
      ): { tokens: { offset: number; type: string }[]; endState: unknown };
    };
  };
  const cfg = { getValue: () => 20000, onDidChangeConfiguration: () => ({ dispose() {} }) };
  const languageService = { isRegisteredLanguageId: () => false, requestBasicLanguageFeatures() {} };
  const t = new MonarchTokenizer(languageService, {}, id, compile(id, lang), cfg);
  return (text: string): Tok[][] => {
    let state = t.getInitialState();
    return text.split('\n').map((line) => {
      const r = t.tokenize(line, true, state);
      state = r.endState;
      return r.tokens
        .map((tok, i) => ({
          text: line.slice(tok.offset, r.tokens[i + 1]?.offset ?? line.length),
          type: tok.type.replace(/\.(scs|xml)$/, ''),
        }))
        .filter((x) => x.text.trim() !== '');
    });
  };
}

/** The type of the first token whose text is `text` on that line (Monarch merges same-type runs). */
function typeOf(lineToks: Tok[], text: string): string | undefined {
  return lineToks.find((t) => t.text === text)?.type;
}

describe('scs Monarch tokenizer', async () => {
  const tok = await tokenizer(scsMonarch, 'scs');
  const lines = tok(SAMPLE);
  const L = (n: number) => lines[n - 1];

  it('colours comments: #, ## tags, and -- lines', () => {
    expect(L(1)).toEqual([{ text: '# MUC: a room with a password', type: 'comment' }]);
    expect(L(2)[0].type).toBe('comment.doc');
    expect(L(15)[0].type).toBe('comment');
    expect(L(29)).toEqual([{ text: '-- Romeo sends:', type: 'comment' }]);
  });
  it('colours [Client] blocks and their properties', () => {
    expect(typeOf(L(4), 'Client')).toBe('type.class');
    expect(typeOf(L(4), 'Romeo')).toBe('variable.client');
    expect(typeOf(L(8), "Juliet's phone")).toBe('variable.client');
    expect(typeOf(L(5), 'jid')).toBe('attribute.name.property');
    expect(typeOf(L(5), ' romeo@localhost')).toBe('string.property');
  });
  it('colours the separator and the actions with their client names', () => {
    expect(L(11)).toEqual([{ text: '-----', type: 'keyword.separator' }]);
    expect(L(13)).toEqual([
      { text: 'Romeo', type: 'variable.client' },
      { text: 'connects', type: 'keyword.action' },
    ]);
    expect(typeOf(L(16), 'sends')).toBe('keyword.action');
    expect(typeOf(L(28), 'nothing')).toBe('keyword.nothing');
    expect(typeOf(L(30), 'disconnects')).toBe('keyword.action');
  });
  it('colours the embedded XML: tags, attribute names and values', () => {
    expect(typeOf(L(17), 'presence')).toBe('tag');
    expect(typeOf(L(17), 'to')).toBe('attribute.name');
    expect(typeOf(L(17), '"room@conference.localhost/Romeo"')).toBe('attribute.value');
    expect(typeOf(L(19), 'presence')).toBe('tag');
    expect(typeOf(L(24), 'status')).toBe('tag');
  });
  it('colours ${...} and {scansion:...} inside attribute values', () => {
    expect(typeOf(L(22), "${Romeo's full JID}")).toBe('variable.expr');
    expect(typeOf(L(22), '{scansion:any}')).toBe('keyword.scansion');
  });
  it('an unfinished tag ends at the next non-indented line', () => {
    const t = tok('[Client] A\n-----\nA sends:\n\t<iq type="set\nA connects\n\t<b x="1"/>');
    expect(t[4]).toEqual([
      { text: 'A', type: 'variable.client' },
      { text: 'connects', type: 'keyword.action' },
    ]);
    expect(typeOf(t[5], 'b')).toBe('tag');
  });
  it('tags in text, scansion:strict and multi-line tags', () => {
    const t = tok(
      "[Client] A\n-----\nA receives:\n\t<query xmlns='q'\n\t\tscansion:strict='false'>hi ${A's JID}</query>",
    );
    expect(typeOf(t[3], 'query')).toBe('tag');
    expect(typeOf(t[4], 'scansion:strict')).toBe('keyword.scansion');
    expect(typeOf(t[4], "'false'")).toBe('attribute.value');
    expect(typeOf(t[4], "${A's JID}")).toBe('variable.expr');
  });
  it('switches to steps at the first action line when there is no separator', () => {
    const t = tok('[Client] A\nA connects\nA sends:\n\t<p/>');
    expect(typeOf(t[1], 'connects')).toBe('keyword.action');
    expect(typeOf(t[3], 'p')).toBe('tag');
  });
  it('leaves unknown step lines plain (the parser marks them)', () => {
    const t = tok('-----\nRomeo dances');
    expect(t[1]).toEqual([{ text: 'Romeo dances', type: 'text.unknown' }]);
  });
});

describe('xml Monarch tokenizer', async () => {
  const tok = await tokenizer(xmlMonarch, 'xml');
  it('colours plain XML over several lines', () => {
    const t = tok('<presence from="a@b/c">\n  <x xmlns="urn:x"/>\n  <!-- c -->\n</presence>');
    expect(typeOf(t[0], 'presence')).toBe('tag');
    expect(typeOf(t[0], '"a@b/c"')).toBe('attribute.value');
    expect(typeOf(t[1], 'xmlns')).toBe('attribute.name');
    expect(t[2][0].type).toBe('comment.xml');
    expect(typeOf(t[3], 'presence')).toBe('tag');
  });
});
