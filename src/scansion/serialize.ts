// XML text of an element. Compact form is what goes on the wire (byte for byte what ltx's own writer
// makes); the pretty form indents child elements by two spaces for people (UIs, reports) and keeps
// text-only elements on one line, so `<body>hi</body>` stays readable.
// Both writers walk with an explicit stack, never recursion: a stanza nested any number of levels deep
// (a hostile server can send one) is written, not a "Maximum call stack size exceeded".
import { escapeXML, escapeXMLText } from 'ltx';
import type { Element, Node } from 'ltx';

function startTag(el: Element): string {
  let s = '<' + el.name;
  for (const k in el.attrs) {
    const v = el.attrs[k];
    if (v === undefined || v === null) continue;
    s += ' ' + k + '="' + escapeXML(String(v)) + '"';
  }
  return s;
}

/** Pretty output stops indenting deeper than this many levels (the text would grow with the square of
 * the depth otherwise); deeper elements are written at the last indentation. */
const MAX_INDENT_LEVELS = 64;

/** Work items: a node to write, or a closing tag (already indented) to emit. */
type Work = { node: Node; indent: string } | { close: string };

function compact(root: Element): string {
  let out = '';
  const work: Work[] = [{ node: root, indent: '' }];
  for (let item = work.pop(); item; item = work.pop()) {
    if ('close' in item) {
      out += item.close;
      continue;
    }
    const node = item.node;
    if (node === null || node === undefined) continue;
    if (typeof node !== 'object') {
      out += escapeXMLText(String(node));
      continue;
    }
    out += startTag(node);
    if (node.children.length === 0) {
      out += '/>';
      continue;
    }
    out += '>';
    work.push({ close: '</' + node.name + '>' });
    for (let k = node.children.length - 1; k >= 0; k--) work.push({ node: node.children[k], indent: '' });
  }
  return out;
}

function pretty(root: Element): string {
  const out: string[] = [];
  const work: Work[] = [{ node: root, indent: '' }];
  for (let item = work.pop(); item; item = work.pop()) {
    if ('close' in item) {
      out.push(item.close);
      continue;
    }
    const { node, indent } = item;
    if (typeof node === 'string') {
      out.push(indent + escapeXMLText(node.trim()));
      continue;
    }
    const children = node.children.filter((c) => c !== null && c !== undefined);
    if (children.length === 0) {
      out.push(indent + startTag(node) + '/>');
      continue;
    }
    if (children.every((c) => typeof c === 'string')) {
      out.push(indent + startTag(node) + '>' + escapeXMLText(children.join('')) + '</' + node.name + '>');
      continue;
    }
    out.push(indent + startTag(node) + '>');
    work.push({ close: indent + '</' + node.name + '>' });
    const deeper = indent.length < 2 * MAX_INDENT_LEVELS ? indent + '  ' : indent;
    for (let k = children.length - 1; k >= 0; k--) {
      const c = children[k];
      if (typeof c === 'string' && c.trim() === '') continue;
      work.push({ node: c, indent: deeper });
    }
  }
  return out.join('\n');
}

export function serialize(el: Element, opts?: { pretty?: boolean }): string {
  return opts?.pretty ? pretty(el) : compact(el);
}
