// XML text of an element. Compact form is what goes on the wire (ltx's own writer); the pretty form
// indents child elements by two spaces for people (UIs, reports) and keeps text-only elements on one
// line, so `<body>hi</body>` stays readable.
import { escapeXML, escapeXMLText } from 'ltx';
import type { Element, Node } from 'ltx';

function startTag(el: Element): string {
  let s = '<' + el.name;
  for (const k of Object.keys(el.attrs)) {
    const v = el.attrs[k];
    if (v === undefined || v === null) continue;
    s += ' ' + k + '="' + escapeXML(String(v)) + '"';
  }
  return s;
}

function pretty(node: Node, indent: string, out: string[]): void {
  if (typeof node === 'string') {
    out.push(indent + escapeXMLText(node.trim()));
    return;
  }
  const children = node.children.filter((c) => c !== null && c !== undefined);
  if (children.length === 0) {
    out.push(indent + startTag(node) + '/>');
    return;
  }
  if (children.every((c) => typeof c === 'string')) {
    out.push(indent + startTag(node) + '>' + escapeXMLText(children.join('')) + '</' + node.name + '>');
    return;
  }
  out.push(indent + startTag(node) + '>');
  for (const c of children) {
    if (typeof c === 'string' && c.trim() === '') continue;
    pretty(c, indent + '  ', out);
  }
  out.push(indent + '</' + node.name + '>');
}

export function serialize(el: Element, opts?: { pretty?: boolean }): string {
  if (!opts?.pretty) return el.toString();
  const out: string[] = [];
  pretty(el, '', out);
  return out.join('\n');
}
