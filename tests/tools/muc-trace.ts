// The MUC oracle tool (mock-muc helper): drive a .scs script's connects/sends/disconnects against real
// Prosody or the mock, record every stanza each client receives (ignoring the script's expectations),
// normalise ids and JIDs, and print or diff the two traces. Stanza-for-stanza equality with Prosody is a
// stronger check than equal verdicts: it is how src/mock/SPEC.md's MUC rules were checked.
//
//   npx tsx tests/tools/muc-trace.ts diff  <file.scs>...   # per-client diff, mock vs Prosody
//   npx tsx tests/tools/muc-trace.ts mock|prosody <file.scs>
// Prosody: its own temporary dir and free ports, restarted clean per script, stopped at exit.
import { readFileSync } from 'node:fs';
import { cleanToolProsody } from '../support/prosody';
import path from 'node:path';
import type { Element } from 'ltx';
import { parse, expand, jidVariable } from '../../src/scansion/index';
import type { Transport, Session } from '../../src/runner/transport';
import { createNodeTransport } from '../../src/runner/transports/node';
import { createMockServer, createInProcessTransport } from '../../src/mock/index';
import { createMucService } from '../../src/mock/muc/index';

export interface Trace {
  clients: string[];
  /** client -> normalised stanzas, in arrival order */
  received: Map<string, string[]>;
  errors: string[];
}

function canon(el: Element): string {
  const attrs = Object.keys(el.attrs)
    .filter((k) => el.attrs[k] !== undefined && !(k === 'xmlns' && el.attrs[k] === 'jabber:client'))
    .sort()
    .map((k) => ` ${k}="${el.attrs[k]}"`)
    .join('');
  const children = el.children
    .map((c) => (typeof c === 'string' ? (c.trim() === '' ? '' : c) : canon(c)))
    .join('');
  return children === '' ? `<${el.name}${attrs}/>` : `<${el.name}${attrs}>${children}</${el.name}>`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function trace(file: string, target: 'mock' | 'prosody'): Promise<Trace> {
  const { script } = parse(readFileSync(file, 'utf8'));
  let transport: Transport;
  if (target === 'prosody') {
    transport = createNodeTransport(await cleanToolProsody('muc-trace'));
  } else {
    const server = createMockServer({ components: [createMucService()] });
    transport = createInProcessTransport(server);
  }
  const settle = async () => {
    if (transport.settled) await transport.settled();
    else await sleep(60);
  };
  const vars: Record<string, string> = {};
  const sessions = new Map<string, Session>();
  const raw = new Map<string, Element[]>();
  const errors: string[] = [];
  for (const c of script.clients) {
    raw.set(c.name, []);
    // As the runner does: a client's bare JID is known from its declaration before it connects.
    if (c.jid) vars[jidVariable(c.name, 'JID')] = c.jid.split('/')[0];
  }
  const sentIds = new Set<string>();
  for (const step of script.steps) {
    try {
      if (step.action === 'connects') {
        const decl = script.clients.find((c) => c.name === step.client)!;
        const s = await transport.connect({
          jid: decl.jid!,
          password: decl.password ?? 'password',
          resource: decl.resource,
          clientName: decl.name,
        });
        s.onStanza((st) => raw.get(step.client)!.push(st));
        sessions.set(step.client, s);
        vars[jidVariable(step.client, 'full JID')] = s.jid;
        vars[jidVariable(step.client, 'JID')] = s.jid.split('/')[0];
        await settle();
      } else if (step.action === 'sends') {
        for (const st of step.stanzas) {
          const e = expand(st, vars).element;
          if (e.attrs.id) sentIds.add(e.attrs.id);
          await sessions.get(step.client)!.send(e);
        }
        await settle();
      } else if (step.action === 'disconnects') {
        await sessions.get(step.client)?.close();
        sessions.delete(step.client);
        await settle();
      }
    } catch (e) {
      errors.push(`step ${step.index} (${step.client} ${step.action}): ${String(e)}`);
    }
  }
  for (const s of sessions.values()) await s.close();
  await transport.dispose?.();
  // Normalise: full JIDs first (they contain the bare ones), then ids that are random by design.
  const subst: [string, string][] = [];
  for (const c of script.clients) {
    const full = vars[jidVariable(c.name, 'full JID')];
    if (full) subst.push([full, `\${${c.name}'s full JID}`]);
  }
  for (const c of script.clients) {
    const bare = vars[jidVariable(c.name, 'JID')];
    if (bare) subst.push([bare, `\${${c.name}'s JID}`]);
  }
  const received = new Map<string, string[]>();
  for (const [name, list] of raw) {
    received.set(
      name,
      list.map((el) => {
        let s = canon(el);
        for (const [a, b] of subst) s = s.split(a).join(b);
        s = s.replace(/ xml:lang="[^"]*"/g, '');
        s = s.replace(/(<occupant-id id=")[^"]*"/g, '$1*"');
        s = s.replace(/(<stanza-id by="[^"]*" id=")[^"]*"/g, '$1*"');
        s = s.replace(/ sessionid="[^"]*"/g, ' sessionid="*"');
        // ids the server generated (groupchat without id) are random on Prosody
        s = s.replace(/ id="([^"]*)"/g, (m, id: string) => (sentIds.has(id) ? m : ' id="(generated)"'));
        return s;
      }),
    );
  }
  return { clients: script.clients.map((c) => c.name), received, errors };
}

async function main(): Promise<void> {
  const [mode, ...files] = process.argv.slice(2);
  let different = 0;
  for (const file of files) {
    if (mode === 'mock' || mode === 'prosody') {
      const t = await trace(file, mode);
      console.log(`== ${path.basename(file)} (${mode})`);
      for (const e of t.errors) console.log(`  ERROR ${e}`);
      for (const [name, list] of t.received) {
        console.log(`-- ${name}`);
        for (const s of list) console.log(`  ${s}`);
      }
      continue;
    }
    const p = await trace(file, 'prosody');
    const m = await trace(file, 'mock');
    const lines: string[] = [];
    for (const e of p.errors) lines.push(`  prosody ERROR ${e}`);
    for (const e of m.errors) lines.push(`  mock ERROR ${e}`);
    for (const name of p.clients) {
      const a = p.received.get(name) ?? [];
      const b = m.received.get(name) ?? [];
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (a[i] !== b[i]) {
          lines.push(`  ${name} #${i}\n    prosody: ${a[i] ?? '(none)'}\n    mock:    ${b[i] ?? '(none)'}`);
          break;
        }
      }
    }
    console.log(`${lines.length === 0 ? 'SAME' : 'DIFF'} ${path.basename(file)}`);
    if (lines.length) {
      different++;
      console.log(lines.join('\n'));
    }
  }
  process.exit(different ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void main();
}
