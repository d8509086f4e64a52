// Line-level reading of a .scs text for the editor's completion and hover. It works on the live text
// (the store's parse is debounced, so while typing it can be a keystroke behind) and never throws.
// The shapes follow ../shared/design/scansion-language.md: header ([Client] blocks), a separator line
// of dashes, then action lines whose indented blocks hold XML.
import type { Script } from '../scansion/types';

// The grammar's words and line forms are the language core's (one definition for parser and editor).
export {
  ACTION_RE,
  ACTIONS,
  CLIENT_DECL_RE,
  CLIENT_PROPERTIES,
  COMMENT_RE,
  SEPARATOR_RE,
} from '../scansion/grammar';
import { ACTION_RE, CLIENT_DECL_RE, COMMENT_RE, SEPARATOR_RE } from '../scansion/grammar';

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function isIndented(line: string): boolean {
  return /^[ \t]/.test(line);
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** 1-based line of the separator, or undefined when the script has none yet. */
export function separatorLine(lines: string[]): number | undefined {
  for (let i = 0; i < lines.length; i++) if (SEPARATOR_RE.test(lines[i])) return i + 1;
  return undefined;
}

/**
 * Client names declared in the text (`[X] Name` lines), merged with the parsed script's clients
 * (which may be a debounce behind, or may know names the regex would miss). Order of appearance.
 */
export function declaredClients(lines: string[], script?: Script): string[] {
  const names: string[] = [];
  const add = (n: string) => {
    if (n && !names.includes(n)) names.push(n);
  };
  const sep = separatorLine(lines) ?? lines.length + 1;
  for (let i = 0; i < sep - 1; i++) {
    const m = CLIENT_DECL_RE.exec(lines[i]);
    if (m) add(m[2]);
  }
  for (const c of script?.clients ?? []) add(c.name);
  return names;
}

export interface ActionLine {
  client: string;
  action: 'connects' | 'disconnects' | 'sends' | 'receives' | 'receives-nothing';
}

export function parseActionLine(line: string): ActionLine | undefined {
  if (isIndented(line) || COMMENT_RE.test(line) || SEPARATOR_RE.test(line)) return undefined;
  const m = ACTION_RE.exec(line);
  if (!m) return undefined;
  const verb = m[2] as ActionLine['action'];
  if (m[4] === 'nothing') {
    if (verb !== 'receives') return undefined;
    return { client: m[1], action: 'receives-nothing' };
  }
  return { client: m[1], action: verb };
}

export type LineRole =
  | { kind: 'comment' }
  | { kind: 'separator' }
  /** A non-indented header line (a `[Client]` declaration, or one being typed). */
  | { kind: 'header' }
  /** An indented line under a `[Client]` declaration. */
  | { kind: 'client-property'; client: string; present: string[] }
  /** A non-indented line after the separator (an action line, or one being typed). */
  | { kind: 'body' }
  /** A line inside the XML block of a sends/receives step; `blockStart` is its first line (1-based). */
  | { kind: 'xml'; blockStart: number; action: 'sends' | 'receives'; client: string }
  /** Indented text that belongs to no step (e.g. under `connects`). */
  | { kind: 'stray' };

/** What the 1-based `line` is, judged from the lines above it. */
export function lineRole(lines: string[], line: number): LineRole {
  const text = lines[line - 1] ?? '';
  if (SEPARATOR_RE.test(text)) return { kind: 'separator' };
  if (!isIndented(text) && COMMENT_RE.test(text)) return { kind: 'comment' };
  const sep = separatorLine(lines);
  const inHeader = sep === undefined ? !hasActionAbove(lines, line) : line < sep;
  if (inHeader) {
    // Empty or non-indented: a declaration (or the start of one). Indented: a property of the
    // nearest declaration above, if any.
    if (!isIndented(text)) return { kind: 'header' };
    for (let i = line - 2; i >= 0; i--) {
      const l = lines[i];
      if (isBlank(l) || isIndented(l)) continue;
      const m = CLIENT_DECL_RE.exec(l);
      if (!m) break;
      const present: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        if (!isIndented(lines[j]) && !isBlank(lines[j])) break;
        if (j === line - 1) continue;
        const p = /^\s+([A-Za-z_]+)\s*:/.exec(lines[j]);
        if (p) present.push(p[1]);
      }
      return { kind: 'client-property', client: m[2], present };
    }
    return { kind: 'header' };
  }
  if (!isIndented(text)) return { kind: 'body' };
  // An indented (possibly whitespace-only) line: inside the block of the nearest action above.
  for (let i = line - 2; i >= 0; i--) {
    const l = lines[i];
    if (isBlank(l) || isIndented(l)) continue;
    const a = parseActionLine(l);
    if (a && (a.action === 'sends' || a.action === 'receives')) {
      return { kind: 'xml', blockStart: i + 2, action: a.action, client: a.client };
    }
    break;
  }
  return { kind: 'stray' };
}

function hasActionAbove(lines: string[], line: number): boolean {
  for (let i = 0; i < line - 1; i++) if (parseActionLine(lines[i])) return true;
  return false;
}
