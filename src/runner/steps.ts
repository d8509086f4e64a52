// The five step actions (RUNNER.md, RUN-STEP-*): what each does to the session and the inbox, as an
// Outcome for the loop. Waiting is the wait policy's business; emission the emitter's.
import type { Element } from 'ltx';
import type { Step, XmlStep } from '../scansion/types';
import { expand, match, serialize } from '../scansion';
import { emitVariables, type ClientState, type Outcome, type RunContext } from './context';
import type { Received } from './inbox';
import { connect, disconnect, notOnline } from './sessions';
import { closeReasonText, pretty, variableLine } from './text';
import { TransportError } from './transport';
import type { NoStanza } from './wait';

export async function execute(ctx: RunContext, step: Step): Promise<Outcome> {
  const client = ctx.clients.get(step.client);
  if (!client) {
    return {
      ok: false,
      verdict: 'error',
      message: `line ${step.headerRange.line}: no client named "${step.client}" is declared`,
    };
  }
  switch (step.action) {
    case 'connects':
      return connect(ctx, client);
    case 'disconnects':
      return disconnect(ctx, client);
    case 'sends':
      return send(ctx, client, step);
    case 'receives':
      return receive(ctx, client, step);
    case 'receives-nothing':
      return receiveNothing(ctx, client);
  }
}

/** Expand a step's stanza; unknown variables become a located error. */
function expandOrError(ctx: RunContext, step: XmlStep, el: Element): { element: Element } | Outcome {
  const { element, unknown } = expand(el, ctx.vars);
  if (unknown.length === 0) return { element };
  const name = unknown[0];
  const jidVar = /^(.*)'s (full )?JID$/.exec(name);
  const hint =
    jidVar && ctx.clients.has(jidVar[1])
      ? ` (${jidVar[1]} has not connected yet)`
      : jidVar
        ? ` (no client named "${jidVar[1]}" is declared)`
        : '';
  return {
    ok: false,
    verdict: 'error',
    message: `line ${variableLine(step, name)}: unknown variable \${${name}}${hint}`,
  };
}

async function send(ctx: RunContext, client: ClientState, step: XmlStep): Promise<Outcome> {
  const problem = notOnline(client);
  if (problem) return problem;
  const expanded: Element[] = [];
  for (const el of step.stanzas) {
    const r = expandOrError(ctx, step, el);
    if (!('element' in r)) return r;
    expanded.push(r.element);
  }
  const { emitter } = ctx;
  for (const element of expanded) {
    const session = client.session;
    if (!session) return notOnline(client) as Outcome;
    const seq = emitter.nextSeq();
    // Emitted before the send resolves: a fast server's answer must not appear to precede it.
    if (emitter.observed) {
      emitter.emit({
        type: 'stanza',
        client: client.decl.name,
        direction: 'out',
        xml: serialize(element),
        seq,
        step: step.index,
      });
    }
    try {
      await session.send(element);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        ok: false,
        verdict: client.lost || err instanceof TransportError ? 'fail' : 'error',
        message: `${client.decl.name} could not send: ${message}`,
        expected: pretty(element),
      };
    }
  }
  // The texts only feed the step-passed event.
  return { ok: true, expected: emitter.observed ? expanded.map(pretty).join('\n') : undefined };
}

/** The next stanza of `client` (RUN-BURST-*): the rest of the last burst, or the head of a new one. */
async function nextStanza(ctx: RunContext, client: ClientState): Promise<Received | NoStanza> {
  const { inbox } = client;
  const held = inbox.takeFromBurst();
  if (held) return held;
  // A new burst: first let in what the network already holds.
  await ctx.wait.letIn();
  if (inbox.size === 0) {
    const none = await ctx.wait.awaitFirst({
      inbox,
      online: () => client.session !== undefined,
      stopped: () => ctx.stopped(),
    });
    if (none) return none;
  }
  return inbox.takeBurstHead() as Received;
}

function noStanzaText(ctx: RunContext, client: ClientState, none: NoStanza): string {
  const name = client.decl.name;
  switch (none) {
    case 'closed':
      return (
        `the server closed ${name}'s connection before a stanza arrived` +
        (client.lost ? `: ${closeReasonText(client.lost)}` : '')
      );
    case 'timeout':
      return `nothing arrived for ${name} within ${ctx.timeouts.receiveMs} ms`;
    case 'settled':
      return `nothing arrived for ${name}: the server has nothing more to send`;
    default:
      return 'run stopped';
  }
}

async function receive(ctx: RunContext, client: ClientState, step: XmlStep): Promise<Outcome> {
  const name = client.decl.name;
  if (!client.session && !client.lost) return notOnline(client) as Outcome;
  const observed = ctx.emitter.observed;
  const expectedAll: string[] = [];
  const receivedAll: string[] = [];
  const seqs: number[] = [];
  for (const el of step.stanzas) {
    const r = expandOrError(ctx, step, el);
    if (!('element' in r)) return r;
    const expected = r.element;
    const got = await nextStanza(ctx, client);
    if (typeof got === 'string') {
      return {
        ok: false,
        verdict: 'fail',
        message: noStanzaText(ctx, client, got),
        expected: pretty(expected),
      };
    }
    const m = match(expected, got.stanza, ctx.captures);
    if (!m.ok) {
      const first = m.mismatches[0];
      const more = m.mismatches.length > 1 ? ` (and ${m.mismatches.length - 1} more)` : '';
      return {
        ok: false,
        verdict: 'fail',
        message: `the stanza ${name} received does not match: ${first?.message ?? 'mismatch'}${more}`,
        expected: pretty(expected),
        received: pretty(got.stanza),
        mismatches: m.mismatches,
        stanzaSeq: got.seq,
      };
    }
    seqs.push(got.seq);
    // The texts only feed the step-passed event.
    if (observed) {
      expectedAll.push(pretty(expected));
      receivedAll.push(pretty(got.stanza));
    }
  }
  syncCaptures(ctx);
  if (!observed) return { ok: true, stanzas: seqs };
  return { ok: true, expected: expectedAll.join('\n'), received: receivedAll.join('\n'), stanzas: seqs };
}

/** Captured values become variables too (visible in events and results). */
function syncCaptures(ctx: RunContext): void {
  let changed = false;
  for (const [k, v] of ctx.captures) {
    if (ctx.vars[k] !== v) {
      ctx.vars[k] = v;
      changed = true;
    }
  }
  if (changed) emitVariables(ctx);
}

async function receiveNothing(ctx: RunContext, client: ClientState): Promise<Outcome> {
  const name = client.decl.name;
  if (!client.session && !client.lost) return notOnline(client) as Outcome;
  if (client.inbox.size === 0) {
    ctx.nothingWaitMs += await ctx.wait.quiet({
      inbox: client.inbox,
      online: () => client.session !== undefined,
      stopped: () => ctx.stopped(),
    });
  }
  if (ctx.stopped()) return { ok: false, verdict: 'error', message: 'run stopped' };
  const first = client.inbox.takeAny();
  if (first) {
    return {
      ok: false,
      verdict: 'fail',
      message: `${name} expected nothing, but received a stanza`,
      received: pretty(first.stanza),
      stanzaSeq: first.seq,
    };
  }
  return { ok: true };
}
