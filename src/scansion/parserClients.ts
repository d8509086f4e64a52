// The header's client declarations: `[Client] Name` lines and their indented `key: value` properties.
import { CLIENT_DECL_RE, CLIENT_PROPERTIES } from './grammar';
import { isSpace, type LineTable } from './parserLines';
import type { ParseContext } from './parserContext';
import type { ClientDecl } from './types';

const KNOWN_PROPERTIES: readonly string[] = CLIENT_PROPERTIES;

/** Every name a `[Client]` line declares, anywhere in the file (steps may name a client declared later). */
export function declaredClientNames(lines: LineTable): Set<string> {
  const names = new Set<string>();
  for (let line = 0; line < lines.count; line++) {
    if (!lines.atMargin(line) || lines.text.charCodeAt(lines.start(line)) !== 91 /* [ */) continue;
    const m = CLIENT_DECL_RE.exec(lines.textOf(line));
    if (m && m[2]) names.add(m[2]);
  }
  return names;
}

/** One trimmed line of the header, with its file offsets. */
export interface HeaderLine {
  /** 0-based line number. */
  line: number;
  /** Offsets of the trimmed content in the file. */
  from: number;
  to: number;
  content: string;
}

/**
 * Read a `[Client] Name` line. Returns the declaration, which collects the property lines that follow
 * (also for a duplicate, which is reported and not added to the script), or undefined when the line
 * cannot be read as one.
 */
export function readClientDeclaration(
  ctx: ParseContext,
  { line, from, to, content }: HeaderLine,
  firstLineOf: Map<string, number>,
): ClientDecl | undefined {
  const lines = ctx.lines;
  const close = content.indexOf(']');
  if (close === -1) {
    ctx.report(
      'error',
      'client-syntax',
      "a client declaration looks like '[Client] Name': missing ']'",
      lines.range(from, to),
    );
    return undefined;
  }
  const className = content.slice(1, close).trim();
  let nameStart = close + 1;
  while (nameStart < content.length && isSpace(content.charCodeAt(nameStart))) nameStart++;
  const name = content.slice(nameStart).trim();
  if (!name) {
    ctx.report(
      'error',
      'client-syntax',
      "a client declaration needs a name: '[Client] Romeo'",
      lines.range(from, to),
    );
    return undefined;
  }
  const nameRange = lines.range(from + nameStart, from + nameStart + name.length);
  const control = controlCharAt(name);
  if (control >= 0) {
    const at = from + nameStart + control;
    ctx.report(
      'error',
      'client-name-control',
      `a client name cannot hold a control character (${describeChar(name.charCodeAt(control))})`,
      lines.range(at, at + 1),
    );
  }
  if (className !== 'Client') {
    ctx.report(
      'warning',
      'unknown-class',
      `unknown character class '[${className}]': only [Client] is known; it is treated as a client`,
      lines.range(from, from + close + 1),
    );
  }
  const decl: ClientDecl = { name, className, properties: {}, range: lines.range(from, to), nameRange };
  const first = firstLineOf.get(name);
  if (first !== undefined) {
    ctx.report(
      'error',
      'duplicate-client',
      `client '${name}' is already declared on line ${first + 1}`,
      nameRange,
    );
    return decl; // its properties are read, but the duplicate is not added
  }
  firstLineOf.set(name, line);
  ctx.script.clients.push(decl);
  return decl;
}

/** Read an indented `key: value` line of `client`; its range grows to cover the line. */
export function readClientProperty(
  ctx: ParseContext,
  client: ClientDecl,
  { from, to, content }: HeaderLine,
): void {
  const lines = ctx.lines;
  const lineRange = lines.range(from, to);
  client.range = { ...client.range, endLine: lineRange.endLine, endColumn: lineRange.endColumn };
  const colon = content.indexOf(':');
  if (colon <= 0) {
    ctx.report(
      'error',
      'client-property',
      `expected a 'key: value' property of client '${client.name}'`,
      lineRange,
    );
    return;
  }
  const key = content.slice(0, colon).trim();
  const value = content.slice(colon + 1).trim();
  client.properties[key] = value;
  switch (key) {
    case 'jid':
      client.jid = value;
      break;
    case 'password':
      client.password = value;
      break;
    case 'resource':
      client.resource = value;
      break;
    case 'connect_host':
      client.connectHost = value;
      break;
    case 'connect_port': {
      const port = /^\d+$/.test(value) ? Number(value) : NaN;
      if (port >= 1 && port <= 65535) client.connectPort = port;
      else {
        ctx.report(
          'error',
          'client-property',
          `connect_port must be a port number (1-65535), got '${value}'`,
          lineRange,
        );
      }
      break;
    }
    default:
      if (!KNOWN_PROPERTIES.includes(key)) {
        // Kept in `properties`; scansion's docs list only the known ones, so say so gently.
        ctx.report(
          'info',
          'unknown-property',
          `unknown client property '${key}' (known: ${KNOWN_PROPERTIES.join(', ')})`,
          lines.range(from, from + colon),
        );
      }
  }
}

/** Index of the first C0/C1 control character (tab included) in `s`, or -1. */
function controlCharAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

function describeChar(code: number): string {
  if (code === 9) return 'a tab';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
