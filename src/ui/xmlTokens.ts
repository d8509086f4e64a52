// A tiny XML line tokenizer for colouring read-only XML (console, diff). Tokens are rendered as text
// nodes (never HTML), so whatever a server sends shows exactly as written.
export type XmlTokenKind = 'punct' | 'tag' | 'attr' | 'value' | 'text' | 'space';
export interface XmlToken {
  kind: XmlTokenKind;
  text: string;
}

const TAG_RE = /(<\/?|\/?>)|([^\s=<>/"']+)(?=\s*=)|("[^"]*"|'[^']*')|(\s+)|(=)|([^\s<>=]+)/y;

/** Splits one line; state `inTag` carries across lines (attributes may wrap). */
export function tokenizeXmlLine(line: string, inTag = false): { tokens: XmlToken[]; inTag: boolean } {
  const tokens: XmlToken[] = [];
  let i = 0;
  let expectName = false;
  while (i < line.length) {
    if (!inTag) {
      const lt = line.indexOf('<', i);
      const end = lt < 0 ? line.length : lt;
      if (end > i)
        tokens.push({ kind: /^\s+$/.test(line.slice(i, end)) ? 'space' : 'text', text: line.slice(i, end) });
      if (lt < 0) break;
      const close = line.startsWith('</', lt);
      tokens.push({ kind: 'punct', text: close ? '</' : '<' });
      i = lt + (close ? 2 : 1);
      inTag = true;
      expectName = true;
      continue;
    }
    TAG_RE.lastIndex = i;
    const m = TAG_RE.exec(line);
    if (!m) {
      tokens.push({ kind: 'text', text: line.slice(i) });
      break;
    }
    const [all, punct, attr, value, space, eq, word] = m;
    if (punct) {
      tokens.push({ kind: 'punct', text: punct });
      if (punct.endsWith('>')) inTag = false;
      else expectName = true;
    } else if (attr) tokens.push({ kind: expectName ? 'tag' : 'attr', text: attr });
    else if (value) tokens.push({ kind: 'value', text: value });
    else if (space) tokens.push({ kind: 'space', text: space });
    else if (eq) tokens.push({ kind: 'punct', text: eq });
    else if (word) tokens.push({ kind: expectName ? 'tag' : 'attr', text: word });
    if (!space) expectName = false;
    i += all.length;
  }
  return { tokens, inTag };
}
