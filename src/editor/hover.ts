// Hover texts for a .scs script, computed without Monaco: `${…}` variables (their value in the
// current run), `{scansion:…}` special values and MUC status codes in `<status code="…"/>`.
// Returned as Markdown; Monaco renders it untrusted (no HTML), and values are put in code spans.
import { mucStatus } from '../scansion/mucStatus';
import {
  CLIENT_DECL_RE,
  declaredClients,
  isBlank,
  isIndented,
  parseActionLine,
  splitLines,
} from './scriptText';

export interface ScsHover {
  /** Markdown paragraphs. */
  contents: string[];
  /** 1-based columns on the hovered line: [from, to). */
  from: number;
  to: number;
}

export interface HoverContext {
  /** The current (or last) run's variables (store run.variables). */
  variables: Record<string, string>;
  /** Declared client names (parsed script); the text's `[X] Name` lines are added. */
  clients?: string[];
  /** Whether a run has started (changes the "no value yet" wording). */
  runStarted?: boolean;
}

/** A Markdown code span that survives any backticks in `s`. */
export function codeSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * Text shown as itself in Markdown: every character Markdown (or its HTML) could read as syntax is
 * backslash-escaped, so a client named `[x](https://…)` or `**x**` never becomes a link or markup.
 */
export function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, (c) => '\\' + c);
}

export function hoverAt(text: string, line: number, column: number, ctx: HoverContext): ScsHover | null {
  const lines = splitLines(text);
  const lineText = lines[line - 1];
  if (lineText === undefined) return null;
  const at = column - 1; // 0-based offset of the hovered character

  for (const m of lineText.matchAll(/\$\{([^}]*)\}/g)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (at < start || at >= end) continue;
    return {
      contents: variableHover(m[1], {
        ...ctx,
        clients: declaredClients(lines, undefined).concat(ctx.clients ?? []),
      }),
      from: start + 1,
      to: end + 1,
    };
  }

  for (const m of lineText.matchAll(/\{scansion:([^}]*)\}/g)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (at < start || at >= end) continue;
    return { contents: scansionValueHover(m[1], ctx), from: start + 1, to: end + 1 };
  }

  for (const m of lineText.matchAll(/<status\b[^>]*?\bcode\s*=\s*(["'])([^"']*)\1/g)) {
    const valueStart = (m.index ?? 0) + m[0].length - 1 - m[2].length;
    const valueEnd = valueStart + m[2].length;
    // Hover anywhere on the status element's start tag up to the closing quote of the code.
    if (at < (m.index ?? 0) || at > valueEnd) continue;
    const s = mucStatus(m[2]);
    return {
      contents: s
        ? [
            `**MUC status ${s.code}**: ${s.meaning}`,
            `XEP-0045 §${s.section}; appears in ${s.stanzas.join(' and ')} stanzas.`,
          ]
        : [`**MUC status ${codeSpan(m[2])}**: not a status code defined by XEP-0045.`],
      from: valueStart + 1,
      to: valueEnd + 1,
    };
  }

  // A client name at the start of an action line: who it is, and its JIDs in this run.
  const action = parseActionLine(lineText);
  if (action && at < action.client.length) {
    const jid = clientJid(lines, action.client);
    const full = ctx.variables[`${action.client}'s full JID`];
    const contents = [
      jid === undefined
        ? `**${mdText(action.client)}**: not declared in the header (add a ${codeSpan(`[Client] ${action.client}`)} block).`
        : jid
          ? `**${mdText(action.client)}**: logs in as ${codeSpan(jid)}`
          : `**${mdText(action.client)}**: declared without a ${codeSpan('jid:')}.`,
    ];
    if (full) contents.push(`Full JID in the current run: ${codeSpan(full)}`);
    return { contents, from: 1, to: action.client.length + 1 };
  }
  return null;
}

/** The `jid:` property of the `[X] name` block in the header, if declared. */
function clientJid(lines: string[], name: string): string | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = CLIENT_DECL_RE.exec(lines[i]);
    if (!m || m[2] !== name) continue;
    for (let j = i + 1; j < lines.length && (isIndented(lines[j]) || isBlank(lines[j])); j++) {
      const p = /^\s+jid\s*:\s*(.*?)\s*$/.exec(lines[j]);
      if (p) return p[1];
    }
    return '';
  }
  return undefined;
}

function variableHover(name: string, ctx: HoverContext): string[] {
  const value = ctx.variables[name];
  const header = `**${codeSpan('${' + name + '}')}**`;
  if (value !== undefined) {
    return [`${header} = ${codeSpan(value)}`, '_Value in the current run._'];
  }
  const m = /^(.*)'s (full JID|JID)$/.exec(name);
  const clients = ctx.clients ?? [];
  if (m && clients.includes(m[1])) {
    const what =
      m[2] === 'JID'
        ? `the bare JID of ${mdText(m[1])}`
        : `the full JID of ${mdText(m[1])} (with the resource the server bound)`;
    return [
      `${header}: ${what}.`,
      ctx.runStarted
        ? `No value yet in this run: it is known once ${mdText(m[1])} connects.`
        : `No value yet: run the script to see it (known once ${mdText(m[1])} connects).`,
    ];
  }
  if (m) {
    return [`${header}: no client named ${codeSpan(m[1])} is declared in the header.`];
  }
  return [
    `${header}: unknown variable. Variables are ${codeSpan("${Name's JID}")} and ${codeSpan("${Name's full JID}")} of a declared client, or a captured value.`,
  ];
}

function scansionValueHover(spec: string, ctx: HoverContext): string[] {
  if (spec === 'any') {
    return [
      `${codeSpan('{scansion:any}')}: the attribute must be present, with any value (in received stanzas).`,
    ];
  }
  const cap = /^capture:(.*)$/.exec(spec);
  if (cap) {
    const value = ctx.variables[cap[1]];
    return [
      `${codeSpan(`{scansion:capture:${cap[1]}}`)}: the first occurrence captures the received value; later occurrences must equal it.`,
      value !== undefined
        ? `Captured in the current run: ${codeSpan(value)}`
        : 'Nothing captured yet in this run.',
    ];
  }
  return [`${codeSpan(`{scansion:${spec}}`)}: not a special value scansion knows (any, capture:NAME).`];
}
