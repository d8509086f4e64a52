// Client sessions (RUNNER.md, RUN-SESSION-*, RUN-ADHOC-*): connect, route what arrives into the inbox (or
// to the live console for ad-hoc answers), notice a server closing the stream, and close.
import type { Element } from 'ltx';
import { jidVariable, serialize } from '../scansion';
import { emitVariables, type ClientState, type Outcome, type RunContext } from './context';
import { bareJid, closeReasonText, messageOf } from './text';
import { TransportError, type Session } from './transport';

export async function connect(ctx: RunContext, client: ClientState): Promise<Outcome> {
  const { decl } = client;
  const name = decl.name;
  const { emitter } = ctx;
  if (client.session) return { ok: false, verdict: 'error', message: `${name} is already connected` };
  if (!decl.jid) {
    return {
      ok: false,
      verdict: 'error',
      message: `${name} has no "jid:" in its [${decl.className}] block (line ${decl.range.line})`,
    };
  }
  client.lost = undefined;
  client.inbox.clear();
  client.adHocIds.clear();
  emitter.emit({ type: 'connection', client: name, state: 'connecting' });
  const attempt = ctx.transport.connect({
    jid: decl.jid,
    password: decl.password ?? '',
    ...(decl.resource !== undefined ? { resource: decl.resource } : {}),
    ...(decl.connectHost !== undefined ? { connectHost: decl.connectHost } : {}),
    ...(decl.connectPort !== undefined ? { connectPort: decl.connectPort } : {}),
    clientName: name,
  });
  let session: Session;
  try {
    const ms = ctx.timeouts.connectMs;
    session = await ctx.guard.within(
      attempt,
      ms,
      () => new TransportError('timeout', `no session after ${ms} ms`),
    );
  } catch (err) {
    // A session that opens after we gave up must not linger.
    attempt.then((s) => s.close()).catch(() => undefined);
    const message = messageOf(err);
    emitter.emit({ type: 'connection', client: name, state: 'error', message });
    return { ok: false, verdict: 'error', message: `${name} could not connect: ${message}` };
  }
  client.session = session;
  client.everConnected = true;
  session.onStanza((stanza) => {
    if (client.session === session) arrive(ctx, client, stanza);
  });
  session.onClose((reason) => {
    if (client.session !== session) return;
    client.session = undefined;
    if (reason.kind !== 'requested') {
      client.lost = reason;
      emitter.emit({
        type: 'connection',
        client: name,
        state: 'closed',
        message: `closed by the server: ${closeReasonText(reason)}`,
      });
      ctx.onLost(client, reason);
    }
    client.inbox.wake();
  });
  ctx.vars[jidVariable(name, 'JID')] = bareJid(session.jid);
  ctx.vars[jidVariable(name, 'full JID')] = session.jid;
  emitter.emit({ type: 'connection', client: name, state: 'online', jid: session.jid });
  emitVariables(ctx);
  return { ok: true };
}

/** A stanza from the server: the answer to an ad-hoc iq goes to the console only, all else to the inbox. */
function arrive(ctx: RunContext, client: ClientState, stanza: Element): void {
  const { emitter } = ctx;
  const seq = emitter.nextSeq();
  const id = stanza.attrs.id as string | undefined;
  const type = stanza.attrs.type as string | undefined;
  const adHoc =
    stanza.name === 'iq' &&
    id !== undefined &&
    (type === 'result' || type === 'error') &&
    client.adHocIds.delete(id);
  if (emitter.observed || adHoc) {
    emitter.emit({
      type: 'stanza',
      client: client.decl.name,
      direction: 'in',
      xml: serialize(stanza),
      seq,
      ...(adHoc ? { adHoc: true } : {}),
    });
  }
  if (!adHoc) client.inbox.push({ stanza, seq });
}

/** Send outside the script (the live console): between steps only, on an open session (RUN-ADHOC-1). */
export async function sendAdHoc(ctx: RunContext, client: ClientState, stanza: Element): Promise<void> {
  const session = client.session;
  if (!session) throw new Error(`${client.decl.name} is not connected`);
  const type = stanza.attrs.type as string | undefined;
  const id = stanza.attrs.id as string | undefined;
  if (stanza.name === 'iq' && id !== undefined && (type === 'get' || type === 'set')) client.adHocIds.add(id);
  ctx.emitter.emit({
    type: 'stanza',
    client: client.decl.name,
    direction: 'out',
    xml: serialize(stanza),
    seq: ctx.emitter.nextSeq(),
    adHoc: true,
  });
  await session.send(stanza);
}

/** A step on a client that needs an open session: the reason it has none, as an Outcome. */
export function notOnline(client: ClientState): Outcome | undefined {
  const name = client.decl.name;
  if (client.lost) {
    return {
      ok: false,
      verdict: 'fail',
      message: `the server closed ${name}'s connection earlier: ${closeReasonText(client.lost)}`,
    };
  }
  if (!client.session) {
    return {
      ok: false,
      verdict: 'error',
      message: `${name} is not connected (a "${name} connects" step must come first)`,
    };
  }
  return undefined;
}

export async function disconnect(ctx: RunContext, client: ClientState): Promise<Outcome> {
  // Disconnecting a client that is already gone is a no-op: presence_preapproval.scs says
  // "Bob disconnects" twice and passes with the real scansion.
  if (!client.session && (client.lost || client.everConnected)) return { ok: true };
  const problem = notOnline(client);
  if (problem) return problem;
  await closeSession(ctx, client);
  return { ok: true };
}

export async function closeSession(ctx: RunContext, client: ClientState): Promise<void> {
  const session = client.session;
  if (!session) return;
  const name = client.decl.name;
  ctx.emitter.emit({ type: 'connection', client: name, state: 'closing' });
  client.session = undefined;
  client.inbox.clear();
  // close() never rejects by contract; the guard makes a hung transport unable to hang the run.
  await ctx.guard.settle(session.close(), ctx.timeouts.connectMs, false);
  ctx.emitter.emit({ type: 'connection', client: name, state: 'closed' });
}
