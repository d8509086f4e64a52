// A recorded flow as a scansion script: each action as `sends:`, then what each client received from
// the oracle (Prosody) as `receives:`, with server-chosen ids, stamps and archive ids as {scansion:any}.
import type { Element } from 'ltx';
import type { FlowRecord } from './fuzz';

export const CLIENT_NAMES = ['Ann', 'Ben', 'Cat', 'Dan'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xml(e: Element, sentIds: ReadonlySet<string>, top: boolean, any: boolean): string {
  const attrs = { ...(e.attrs as Record<string, string | undefined>) };
  if (top) delete attrs.xmlns;
  if (any) {
    if (top && attrs.id !== undefined && !sentIds.has(attrs.id)) attrs.id = '{scansion:any}';
    if (e.name === 'delay' && attrs.stamp !== undefined) attrs.stamp = '{scansion:any}';
    if ((e.name === 'stanza-id' || e.name === 'occupant-id') && attrs.id !== undefined)
      attrs.id = '{scansion:any}';
  }
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
  const kids = e.children
    .map((c) => (typeof c === 'string' ? esc(c) : xml(c as Element, sentIds, false, any)))
    .join('');
  return kids === '' ? `<${e.name}${a}/>` : `<${e.name}${a}>${kids}</${e.name}>`;
}

export function toScs(flow: FlowRecord, title: string): string {
  const sentIds = new Set(flow.steps.map((_, k) => `s${k}`));
  const lines = [
    `# ${title}`,
    "# Written by the differential fuzzer (npm run fuzz:mock); the expected stanzas are Prosody 0.12's.",
    '',
  ];
  for (let i = 0; i < flow.clients; i++) {
    lines.push(
      `[Client] ${CLIENT_NAMES[i]}`,
      `\tjid: ${flow.names.users[i]}`,
      `\tpassword: password`,
      `\tresource: ${flow.names.resources[i]}`,
      '',
    );
  }
  lines.push('-----', '');
  for (let i = 0; i < flow.clients; i++) lines.push(`${CLIENT_NAMES[i]} connects`, '');
  for (const step of flow.steps) {
    lines.push(`${CLIENT_NAMES[step.from]} sends:`, `\t${xml(step.stanza, sentIds, true, false)}`, '');
    for (const r of step.oracle) {
      if (r.stanzas.length === 0) continue;
      lines.push(`${CLIENT_NAMES[r.client]} receives:`);
      for (const s of r.stanzas) lines.push(`\t${xml(s, sentIds, true, true)}`);
      lines.push('');
    }
  }
  for (let i = 0; i < flow.clients; i++) lines.push(`${CLIENT_NAMES[i]} disconnects`, '');
  return lines.join('\n');
}
