// Completion items for a .scs script, computed without Monaco (the Monaco adapter in
// monacoProviders.ts only converts them). Columns are 1-based; a completion replaces the text from
// `from` to `to` on the cursor's line.
import { MUC_STATUS_CODES } from '../scansion/mucStatus';
import type { ParseResult } from '../scansion/types';
import { ATTRIBUTE_VALUES, NAMESPACES } from './snippets';
import {
  ACTIONS,
  CLIENT_PROPERTIES,
  declaredClients,
  lineRole,
  separatorLine,
  splitLines,
} from './scriptText';
import { xmlContextAt } from './xmlContext';
import { attributeItems, elementItems, variableItems } from './xmlItems';

export type ScsCompletionKind =
  | 'client'
  | 'action'
  | 'property'
  | 'keyword'
  | 'variable'
  | 'snippet'
  | 'element'
  | 'attribute'
  | 'namespace'
  | 'status'
  | 'value';

export interface ScsCompletion {
  label: string;
  kind: ScsCompletionKind;
  /** Text to insert; Monaco snippet syntax when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  /** 1-based columns on the cursor line: the text replaced is [from, to). */
  from: number;
  to: number;
  /** Sorts before items with a greater key (Monaco's sortText). */
  sortText?: string;
  /** What the typed prefix is matched against, when it differs from the label. */
  filterText?: string;
  /** Open the completion list again after inserting (e.g. actions after a client name). */
  retrigger?: boolean;
}

/** The completions at 1-based (line, column) of `text`. `parsed` adds names the regexes may miss. */
export function completionsAt(
  text: string,
  line: number,
  column: number,
  parsed?: ParseResult,
): ScsCompletion[] {
  const lines = splitLines(text);
  const lineText = lines[line - 1] ?? '';
  const before = lineText.slice(0, column - 1);
  const role = lineRole(lines, line);
  const clients = declaredClients(lines, parsed?.script);

  switch (role.kind) {
    case 'comment':
    case 'separator':
    case 'stray':
      return [];
    case 'header':
      return headerCompletions(lines, before, column);
    case 'client-property': {
      if (!/^\s+[A-Za-z_]*$/.test(before)) return [];
      const from = before.length - before.trimStart().length + 1;
      return CLIENT_PROPERTIES.filter((p) => !role.present.includes(p)).map((p, i) => ({
        label: `${p}:`,
        kind: 'property' as const,
        insertText: `${p}: `,
        detail: PROPERTY_DETAIL[p],
        from,
        to: column,
        sortText: String(i).padStart(2, '0'),
      }));
    }
    case 'body':
      return bodyCompletions(before, column, clients);
    case 'xml': {
      const block = lines.slice(role.blockStart - 1, line - 1);
      block.push(before);
      const blockText = block.join('\n');
      const lineOffset = blockText.length - before.length;
      const closeBrace = lineText[column - 1] === '}';
      return xmlCompletions(blockText, lineOffset, before, column, clients, role, closeBrace);
    }
  }
}

const PROPERTY_DETAIL: Record<string, string> = {
  jid: 'The account to log in as (bare JID)',
  password: 'The account password',
  resource: 'Resource to bind (the server picks one when absent)',
  connect_host: 'Host to connect to instead of the JID domain',
  connect_port: 'Port to connect to',
};

function headerCompletions(lines: string[], before: string, column: number): ScsCompletion[] {
  if (!/^[[A-Za-z-]*$/.test(before)) return [];
  const out: ScsCompletion[] = [
    {
      label: '[Client]',
      kind: 'keyword',
      insertText: '[Client] ${1:Name}\n\tjid: ${2:user}@localhost\n\tpassword: ${3:password}\n$0',
      snippet: true,
      detail: 'Declare a client (a character of the script)',
      from: 1,
      to: column,
      sortText: '0',
    },
  ];
  if (separatorLine(lines) === undefined) {
    out.push({
      label: '-----',
      kind: 'keyword',
      insertText: '-----\n\n$0',
      snippet: true,
      detail: 'Separator: ends the header, the steps follow',
      from: 1,
      to: column,
      sortText: '1',
    });
  }
  return out;
}

function bodyCompletions(before: string, column: number, clients: string[]): ScsCompletion[] {
  // After a complete client name and a space: the actions.
  for (const name of [...clients].sort((a, b) => b.length - a.length)) {
    if (before.startsWith(name + ' ') || before.startsWith(name + '\t')) {
      const rest = before.slice(name.length);
      const partial = rest.trimStart();
      if (!/^[a-z:]*( [a-z]*)?$/.test(partial)) return [];
      const from = before.length - partial.length + 1;
      return ACTIONS.map((a, i) => ({
        label: a,
        kind: 'action' as const,
        insertText: a === 'sends:' || a === 'receives:' ? `${a}\n\t$0` : a,
        snippet: a === 'sends:' || a === 'receives:',
        detail: ACTION_DETAIL[a],
        from,
        to: column,
        sortText: String(i),
      }));
    }
  }
  // At line start: the declared client names (then the actions, by retriggering).
  const partial = before;
  if (partial.length > 0 && !clients.some((c) => c.startsWith(partial)) && /\s/.test(partial)) {
    return [];
  }
  return clients.map((c, i) => ({
    label: c,
    kind: 'client' as const,
    insertText: c + ' ',
    detail: 'Client',
    from: 1,
    to: column,
    sortText: String(i).padStart(3, '0'),
    retrigger: true,
  }));
}

const ACTION_DETAIL: Record<string, string> = {
  connects: 'Open a session (SASL + resource binding)',
  'sends:': 'Send the stanza in the indented block below',
  'receives:': 'Expect the next stanza for this client to match the block below',
  'receives: nothing': 'Expect no stanza for this client for a short while',
  disconnects: 'Close the stream',
};

function xmlCompletions(
  blockText: string,
  lineOffset: number,
  before: string,
  column: number,
  clients: string[],
  role: { action: 'sends' | 'receives'; client: string },
  closeBrace: boolean,
): ScsCompletion[] {
  // Inside `${…`: variables, whatever the XML context; an auto-closed `}` after the cursor is replaced.
  const dollar = before.lastIndexOf('${');
  if (dollar >= 0 && !before.slice(dollar).includes('}')) {
    return variableItems(clients, dollar + 1, closeBrace ? column + 1 : column, role.client);
  }
  const ctx = xmlContextAt(blockText);
  const col = (offset: number) => offset - lineOffset + 1; // block offset -> column on this line
  switch (ctx.kind) {
    case 'comment':
      return [];
    case 'attr-value': {
      const from = Math.max(1, col(ctx.valueStart));
      const items: ScsCompletion[] = [];
      if (ctx.attr === 'xmlns') {
        NAMESPACES.forEach((n, i) =>
          items.push({
            label: n.ns,
            kind: 'namespace',
            insertText: n.ns,
            detail: n.detail,
            from,
            to: column,
            sortText: 'a' + String(i).padStart(2, '0'),
          }),
        );
        return items;
      }
      if (ctx.tag === 'status' && ctx.attr === 'code') {
        MUC_STATUS_CODES.forEach((s) =>
          items.push({
            label: s.code,
            kind: 'status',
            insertText: s.code,
            detail: s.meaning,
            documentation: `XEP-0045 §${s.section} — in ${s.stanzas.join(' and ')}`,
            from,
            to: column,
            sortText: 'a' + s.code,
          }),
        );
        return items;
      }
      const values = ATTRIBUTE_VALUES[`${ctx.tag}@${ctx.attr}`] ?? ATTRIBUTE_VALUES[`*@${ctx.attr}`];
      values?.forEach((v, i) =>
        items.push({
          label: v,
          kind: 'value',
          insertText: v,
          from,
          to: column,
          sortText: 'a' + String(i).padStart(2, '0'),
        }),
      );
      if (ctx.attr !== 'scansion:strict') {
        items.push(...variableItems(clients, from, column, role.client, 'b'));
        if (role.action === 'receives') {
          items.push({
            label: '{scansion:any}',
            kind: 'keyword',
            insertText: '{scansion:any}',
            detail: 'Any value: the attribute must be present',
            from,
            to: column,
            sortText: 'c0',
          });
        }
      }
      return items;
    }
    case 'in-tag': {
      // Right after a closing quote (or the tag name) an attribute needs a space first: offering
      // names there would let Enter glue one onto the value (`type="groupchat"xmlns=""`).
      if (ctx.partial === '' && !/\s$/.test(before)) return [];
      const from = Math.max(1, col(ctx.partialStart));
      return attributeItems(ctx.tag, ctx.attrs, role.action).map((a) => ({ ...a, from, to: column }));
    }
    case 'tag-name': {
      if (ctx.closing) {
        return ctx.parent
          ? [
              {
                label: `</${ctx.parent}>`,
                kind: 'element',
                insertText: `</${ctx.parent}>`,
                from: Math.max(1, col(ctx.lt)),
                to: column,
              },
            ]
          : [];
      }
      const from = Math.max(1, col(ctx.lt));
      return elementItems(ctx.parent, role, from, column);
    }
    case 'text': {
      // Only at the start of a line's content or after `>`: an element goes here.
      if (!/(^\s*|>\s*)$/.test(before)) return [];
      return elementItems(ctx.parent, role, column, column);
    }
  }
}
