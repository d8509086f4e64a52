// Completion items inside a stanza block: variables, attribute names, child elements and the
// stanza skeletons of the block's side (completions.ts decides where each list applies).
import type { ScsCompletion } from './completions';
import { snippetElement, snippetPreview, snippetsFor } from './snippets';

export function variableItems(
  clients: string[],
  from: number,
  to: number,
  current: string,
  sortPrefix = 'a',
): ScsCompletion[] {
  const ordered = [current, ...clients.filter((c) => c !== current)].filter((c) => clients.includes(c));
  const out: ScsCompletion[] = [];
  ordered.forEach((c, i) => {
    for (const kind of ['full JID', 'JID'] as const) {
      const label = `\${${c}'s ${kind}}`;
      out.push({
        label,
        kind: 'variable',
        insertText: label,
        detail: kind === 'JID' ? `${c}'s bare JID` : `${c}'s full JID (bound resource, after connects)`,
        from,
        to,
        sortText: sortPrefix + String(i).padStart(3, '0') + (kind === 'JID' ? '1' : '0'),
      });
    }
  });
  return out;
}

export function attributeItems(
  tag: string,
  present: string[],
  action: 'sends' | 'receives',
): Omit<ScsCompletion, 'from' | 'to'>[] {
  const names = new Set<string>(['xmlns']);
  const stanza = tag === 'iq' || tag === 'message' || tag === 'presence';
  if (stanza) ['to', 'from', 'type', 'id'].forEach((a) => names.add(a));
  if (tag === 'item') ['affiliation', 'role', 'jid', 'nick'].forEach((a) => names.add(a));
  if (tag === 'status') names.add('code');
  if (tag === 'field') ['var', 'type'].forEach((a) => names.add(a));
  if (tag === 'x') names.add('type');
  if (tag === 'invite' || tag === 'decline') ['to', 'from'].forEach((a) => names.add(a));
  if (tag === 'error') ['type', 'by'].forEach((a) => names.add(a));
  const out: Omit<ScsCompletion, 'from' | 'to'>[] = [...names]
    .filter((n) => !present.includes(n))
    .map((n, i) => ({
      label: n,
      kind: 'attribute' as const,
      insertText: `${n}="$1"$0`,
      snippet: true,
      sortText: 'a' + String(i).padStart(2, '0'),
      retrigger: n === 'xmlns' || n === 'code' || n === 'type' || n === 'affiliation' || n === 'role',
    }));
  if (action === 'receives' && !present.includes('scansion:strict')) {
    out.push({
      label: 'scansion:strict',
      kind: 'attribute',
      insertText: 'scansion:strict="${1|false,true|}"$0',
      snippet: true,
      detail: 'Match this element strictly (true) or loosely (false)',
      sortText: 'b0',
    });
  }
  return out;
}

const CHILD_ELEMENTS: Record<string, string[]> = {
  x: ['item', 'status', 'password', 'invite', 'decline', 'destroy', 'field'],
  query: ['item', 'x', 'destroy', 'identity', 'feature'],
  item: ['reason', 'actor', 'continue'],
  field: ['value'],
  message: ['body', 'subject', 'x', 'thread'],
  presence: ['x', 'show', 'status', 'priority', 'error'],
  iq: ['query', 'error'],
  invite: ['reason'],
  destroy: ['reason'],
};

export function elementItems(
  parent: string | undefined,
  role: { action: 'sends' | 'receives'; client: string },
  from: number,
  to: number,
): ScsCompletion[] {
  if (!parent) {
    // A new stanza: the skeletons that fit the block (what a client sends, or what it expects).
    // The filter text starts with the stanza's element, so typing `<presence` keeps the presence
    // skeletons of this side.
    return snippetsFor(role.action).map((s, i) => {
      const body = s.body({ client: role.client });
      return {
        label: s.label,
        kind: 'snippet' as const,
        insertText: body,
        snippet: true,
        detail: s.detail,
        documentation: snippetPreview(body),
        filterText: `<${snippetElement(body)} ${s.label}`,
        from,
        to,
        sortText: 'a' + String(i).padStart(2, '0'),
      };
    });
  }
  const children = CHILD_ELEMENTS[parent] ?? [];
  return children.map((c, i) => {
    const insertText =
      c === 'status' && parent === 'x'
        ? '<status code="$1"/>$0'
        : c === 'x'
          ? '<x xmlns="$1">$0</x>'
          : c === 'value' || c === 'reason' || c === 'body' || c === 'subject' || c === 'password'
            ? `<${c}>$1</${c}>$0`
            : `<${c} $1/>$0`;
    return {
      label: `<${c}>`,
      kind: 'element' as const,
      insertText,
      snippet: true,
      detail: `Child of <${parent}>`,
      filterText: '<' + c,
      from,
      to,
      sortText: 'a' + String(i).padStart(2, '0'),
      retrigger: c === 'status' || c === 'x',
    };
  });
}
