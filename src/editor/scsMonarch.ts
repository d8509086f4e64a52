// Monarch tokenizers (pure data) for `.scs` scripts and for plain XML (the raw diff view).
// Monarch carries its state from line to line, so the header/body split is a state: `header`
// until the `-----` separator (or the first action line), then `body`. Rules whose regex starts
// with `^` match only at the start of a line. Unfinished XML (an open tag, an open string) ends
// at the next non-indented line, as the block itself does (`^(?=\S)` -> @popall back to body).
//
// Token names (the `.scs` / `.xml` postfix is added by Monarch; themes.ts colours them):
//   comment, comment.doc (## tags), keyword.separator, type.class ([Client]),
//   variable.client (client names), attribute.name.property / string.property (jid: …),
//   keyword.action (connects, sends, …), keyword.nothing, tag, delimiter.tag, attribute.name,
//   attribute.value, variable.expr (${…}), keyword.scansion ({scansion:…}, scansion:strict),
//   string.escape (&amp;), comment.xml, metatag, invalid.
import type { languages } from 'monaco-editor/editor/editor.api';

type Rules = languages.IMonarchLanguageRule[];

/** XML states; `escape` makes every state give up at a non-indented line (script blocks). */
function xmlStates(prefix: string, escape: boolean): Record<string, Rules> {
  const bail: Rules = escape ? [[/^(?=\S)/, { token: '', next: '@popall' }]] : [];
  return {
    [`${prefix}content`]: [
      [/<!--/, { token: 'comment.xml', next: `@${prefix}comment` }],
      [/<\?[^?]*(\?>)?/, 'metatag'],
      [/(<\/)([\w:.-]+)(\s*)(>)/, ['delimiter.tag', 'tag', 'white', 'delimiter.tag']],
      [/(<)([\w:.-]+)/, ['delimiter.tag', { token: 'tag', next: `@${prefix}tag` }]],
      [/\$\{[^}]*\}/, 'variable.expr'],
      [/\{scansion:[^}]*\}/, 'keyword.scansion'],
      [/&(?:\w+|#\d+|#x[0-9a-fA-F]+);/, 'string.escape'],
      [/[^<$&{]+/, 'text'],
      [/./, 'text'],
    ],
    [`${prefix}tag`]: [
      ...bail,
      [/\s+/, 'white'],
      [/(scansion:strict)(\s*)(=)/, ['keyword.scansion', 'white', 'delimiter.tag']],
      [/([\w:.-]+)(\s*)(=)/, ['attribute.name', 'white', 'delimiter.tag']],
      [/[\w:.-]+/, 'attribute.name'],
      [/"/, { token: 'attribute.value', next: `@${prefix}dq` }],
      [/'/, { token: 'attribute.value', next: `@${prefix}sq` }],
      [/\/?>/, { token: 'delimiter.tag', next: '@pop' }],
      [/./, 'invalid'],
    ],
    [`${prefix}dq`]: [...bail, ...valueRules('"')],
    [`${prefix}sq`]: [...bail, ...valueRules("'")],
    [`${prefix}comment`]: [
      ...bail,
      [/-->/, { token: 'comment.xml', next: '@pop' }],
      [/[^-]+/, 'comment.xml'],
      [/./, 'comment.xml'],
    ],
  };
}

function valueRules(q: '"' | "'"): Rules {
  return [
    [new RegExp(`\\$\\{[^}${q}]*\\}`), 'variable.expr'],
    [new RegExp(`\\{scansion:[^}${q}]*\\}`), 'keyword.scansion'],
    [/&(?:\w+|#\d+|#x[0-9a-fA-F]+);/, 'string.escape'],
    [new RegExp(`[^${q}$&{]+`), 'attribute.value'],
    [new RegExp(q), { token: 'attribute.value', next: '@pop' }],
    [/./, 'attribute.value'],
  ];
}

const actionLines: Rules = [
  [
    /^(\S.*?)(\s+)(receives)(:?)(\s*)(nothing)(\s*)$/,
    ['variable.client', 'white', 'keyword.action', 'delimiter', 'white', 'keyword.nothing', 'white'],
  ],
  [
    /^(\S.*?)(\s+)(sends|receives)(:?)(\s*)$/,
    ['variable.client', 'white', 'keyword.action', 'delimiter', 'white'],
  ],
  [/^(\S.*?)(\s+)(connects|disconnects)(\s*)$/, ['variable.client', 'white', 'keyword.action', 'white']],
];

export const SCS_LANGUAGE_ID = 'scs';
export const XML_LANGUAGE_ID = 'xml';

export const scsMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.scs',
  tokenizer: {
    // The header: metadata comments, [Client] blocks and their properties.
    root: [
      [/^-{3,}\s*$/, { token: 'keyword.separator', switchTo: '@body' }],
      [/^\s*##.*$/, 'comment.doc'],
      [/^\s*(?:#|\/\/|--(?:\s|$)).*$/, 'comment'],
      [
        /^(\[)([^\]]*)(\])(\s*)(.*)$/,
        ['delimiter.bracket', 'type.class', 'delimiter.bracket', 'white', 'variable.client'],
      ],
      [
        /^(\s+)([A-Za-z_]+)(\s*)(:)(.*)$/,
        ['white', 'attribute.name.property', 'white', 'delimiter', 'string.property'],
      ],
      // No separator but an action line: the steps have begun.
      [/^(?=\S.*\s(?:connects|disconnects|sends|receives)\b)/, { token: '', switchTo: '@body' }],
      [/.+/, ''],
    ],
    // The steps: action lines, comments (section headings) and indented XML blocks.
    body: [
      [/^-{3,}\s*$/, 'keyword.separator'],
      [/^##.*$/, 'comment.doc'],
      [/^(?:#|\/\/|--(?:\s|$)).*$/, 'comment'],
      ...actionLines,
      // Not (yet) an action: plain, not red — it is usually being typed; the parser's marker says why.
      [/^\S.*$/, 'text.unknown'],
      { include: '@xcontent' },
    ],
    ...xmlStates('x', true),
  },
};

/** Plain XML (expected / received stanzas in the raw diff view). */
export const xmlMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.xml',
  tokenizer: {
    root: [{ include: '@xcontent' }],
    ...xmlStates('x', false),
  },
};

/** Monaco language configuration (comments, brackets, auto-closing), shared shape for both. */
export const scsLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [['<', '>']],
  autoClosingPairs: [
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string'] },
    { open: '${', close: '}' },
  ],
  surroundingPairs: [
    { open: '"', close: '"' },
    { open: "'", close: "'" },
    { open: '<', close: '>' },
  ],
  // Words include `'` and spaces-free names; `${Romeo's full JID}` is matched by the hover itself.
  wordPattern: /[A-Za-z0-9_#:.-]+/,
  indentationRules: {
    // After "X sends:" / "X receives:" the next line is indented (the stanza block).
    increaseIndentPattern: /^\S.*\s(?:sends|receives):?\s*$|<([\w:.-]+)(?:\s[^>]*)?(?<!\/)>\s*$/,
    decreaseIndentPattern: /^\s*<\/[\w:.-]+>/,
  },
};
