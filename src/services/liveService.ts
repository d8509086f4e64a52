// The page's live service: opens a live session on the chosen target, connects clients, sends what the
// user types, feeds the console log and client list into the store (batched), records the session as a
// script, imports a mod_scansion_record recording, sends ad-hoc stanzas into a paused run, and keeps
// the room inspector's snapshots (from the run's `inspection` events, or live from the mock).
import type { RunEvent } from '../runner';
import type { Transport } from '../runner/transport';
import { recordScript } from '../scansion/record';
import type { Transcript } from '../scansion/transcript';
import { importScansionRecording } from '../scansion/scansionRecord';
import type { AppStore, LiveLogEntry } from '../store';
import { createLiveSession, LiveError, parseTyped, type LiveEntry, type LiveSession } from './liveSession';
import { defaultTransportFactory, targetLabel, type TransportFactory } from './transports';
import { frameScheduler, RUN_UPDATE_INTERVAL_MS } from './eventBatcher';

export interface LiveRunHooks {
  /** Sends a stanza as one of the paused run's clients (runner.sendAdHoc). */
  sendAdHoc(client: string, xml: string): Promise<void>;
  /** Every event of the current run. Returns the unsubscribe function. */
  onEvent(listener: (e: RunEvent) => void): () => void;
}

export interface LiveServiceDeps {
  store: AppStore;
  makeTransport?: TransportFactory;
  run?: LiveRunHooks;
  /** Schedules a batched store update; defaults to ~one frame. */
  schedule?: (fn: () => void) => void;
}

export interface LiveService {
  connect(decl: { name: string; jid: string; password: string }): Promise<boolean>;
  /** Sends the typed stanza as a live client; false (and the error in the store) when it could not. */
  send(client: string, xml: string): Promise<boolean>;
  /** Sends the typed stanza as a client of the paused run. */
  sendToRun(client: string, xml: string): Promise<boolean>;
  markQuiet(client: string): void;
  disconnect(client: string): Promise<void>;
  /** Writes the session as a script and opens it; false when there is nothing to record. */
  record(title?: string): boolean;
  /** Imports a mod_scansion_record recording and opens the regrouped script. */
  importRecording(text: string, fileName: string): boolean;
  /** Brings back the script the last record/import replaced. */
  restoreReplaced(): void;
  /** Takes a snapshot of the live session's rooms (the mock). */
  inspectLive(): Promise<void>;
  /** Closes every live client and forgets the session (the log stays until cleared). */
  end(): Promise<void>;
  dispose(): Promise<void>;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createLiveService(deps: LiveServiceDeps): LiveService {
  const { store } = deps;
  const makeTransport = deps.makeTransport ?? defaultTransportFactory;
  const schedule = deps.schedule ?? ((fn: () => void) => void setTimeout(fn, 16));
  const scheduleRunBatch = deps.schedule ?? frameScheduler(globalThis, RUN_UPDATE_INTERVAL_MS);
  let session: LiveSession | null = null;
  let transport: Transport | null = null;
  let opening: Promise<LiveSession> | null = null;
  let pending: LiveLogEntry[] = [];
  let scheduled = false;
  let seq = 0;
  let adHocRun: string | null = null;
  /** The transcript of a session the user ended, so it can still be recorded. */
  let ended: Transcript | null = null;

  const flush = () => {
    scheduled = false;
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    store.getState().liveAppend(batch);
  };
  const push = (e: Omit<LiveLogEntry, 'id'>) => {
    seq += 1;
    pending.push({ ...e, id: seq });
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  };
  const fail = (message: string) => {
    store.getState().liveSetError(message);
    return false;
  };

  // A run's room snapshots (one per step) reach the store in batches, like its other events.
  let inspections: { runId: string; snapshots: Record<number, unknown> } | null = null;
  const flushInspections = () => {
    const batch = inspections;
    inspections = null;
    if (batch) store.getState().addInspections(batch.runId, batch.snapshots);
  };
  const offRun = deps.run?.onEvent((e) => {
    if (e.type === 'inspection') {
      if (inspections && inspections.runId !== e.runId) flushInspections();
      if (inspections) inspections.snapshots[e.step] = e.snapshot;
      else {
        inspections = { runId: e.runId, snapshots: { [e.step]: e.snapshot } };
        scheduleRunBatch(flushInspections);
      }
    }
    if (e.type === 'run-finished' || e.type === 'paused' || e.type === 'step-failed') flushInspections();
    // After an ad-hoc stanza, the console shows the run's traffic: the reply to it, and every other
    // stanza marked as going to the script's client (it is what a later step will read).
    if (e.type === 'stanza' && adHocRun === e.runId && (e.adHoc || e.direction === 'in')) {
      push({
        at: e.at,
        client: e.client,
        kind: e.direction,
        text: e.xml,
        adHoc: e.adHoc,
        toScript: !e.adHoc,
      });
    }
    if (e.type === 'run-started') adHocRun = null;
  });

  async function open(): Promise<LiveSession> {
    if (session) return session;
    if (opening) return opening;
    const target = store.getState().target;
    opening = (async () => {
      const t = await makeTransport(target);
      transport = t;
      ended = null;
      session = createLiveSession({
        transport: t,
        onEntry: (e: LiveEntry) => push(e),
      });
      store.getState().liveSetTarget(targetLabel(target));
      return session;
    })();
    try {
      return await opening;
    } finally {
      opening = null;
    }
  }

  async function refreshSnapshot(): Promise<void> {
    if (!transport?.inspect || !session) return;
    try {
      await session.idle();
      store.getState().setLiveSnapshot(await transport.inspect());
    } catch {
      // a snapshot is a view; the session goes on without it
    }
  }

  return {
    async connect(decl) {
      const st = store.getState();
      st.liveSetError(null);
      st.liveSetClient({ name: decl.name, jid: decl.jid, state: 'connecting' });
      try {
        const s = await open();
        const fullJid = await s.connect(decl);
        store.getState().liveSetClient({ name: decl.name, jid: decl.jid, state: 'online', fullJid });
        return true;
      } catch (err) {
        store.getState().liveSetClient({ name: decl.name, jid: decl.jid, state: 'error' });
        return fail(messageOf(err));
      } finally {
        flush();
      }
    },
    async send(client, xml) {
      store.getState().liveSetError(null);
      if (!session) return fail('Connect a client first.');
      try {
        await session.send(client, xml);
        void refreshSnapshot();
        return true;
      } catch (err) {
        return fail(err instanceof LiveError ? err.message : `Could not send: ${messageOf(err)}`);
      } finally {
        flush();
      }
    },
    async sendToRun(client, xml) {
      const st = store.getState();
      st.liveSetError(null);
      if (!deps.run) return fail('Ad-hoc stanzas need a run controller.');
      if (st.status !== 'paused') return fail('Pause the run first: ad-hoc stanzas go in between steps.');
      try {
        parseTyped(xml);
        adHocRun = st.runId;
        await deps.run.sendAdHoc(client, xml);
        return true;
      } catch (err) {
        return fail(err instanceof LiveError ? err.message : `Could not send: ${messageOf(err)}`);
      } finally {
        flush();
      }
    },
    markQuiet(client) {
      try {
        session?.markQuiet(client);
      } catch (err) {
        fail(messageOf(err));
      }
      flush();
    },
    async disconnect(client) {
      if (!session) return;
      try {
        await session.disconnect(client);
        const view = store.getState().liveClients.find((c) => c.name === client);
        if (view) store.getState().liveSetClient({ ...view, state: 'closed' });
      } catch (err) {
        fail(messageOf(err));
      }
      flush();
    },
    record(title) {
      const base = session?.transcript() ?? ended;
      if (!base) return fail('Nothing to record: connect a client and send something first.');
      const transcript = { ...base, title: title ?? 'Recorded live session' };
      if (!transcript.entries.length) return fail('Nothing to record yet.');
      const { text } = recordScript(transcript, { dropDecorations: store.getState().liveDrop });
      const st = store.getState();
      st.liveSetReplaced({ text: st.text, fileName: st.fileName });
      st.loadScript({ text, fileName: 'recorded.scs', source: 'api' });
      st.notify('info', 'Recorded the live session as recorded.scs');
      return true;
    },
    importRecording(text, fileName) {
      const result = importScansionRecording(text, { dropDecorations: store.getState().liveDrop });
      if (result.errors.length) {
        const e = result.errors[0];
        return fail(`${fileName}:${e.line}:${e.column}: ${e.message}`);
      }
      const st = store.getState();
      st.liveSetReplaced({ text: st.text, fileName: st.fileName });
      st.loadScript({
        text: result.text,
        fileName: fileName.replace(/(\.scs)?$/, '.replay.scs'),
        source: 'file',
      });
      st.notify('info', `Imported ${fileName}, regrouped to replay`);
      return true;
    },
    restoreReplaced() {
      const st = store.getState();
      const r = st.liveReplaced;
      if (!r) return;
      st.liveSetReplaced(null);
      st.loadScript({ text: r.text, fileName: r.fileName, source: 'api' });
    },
    inspectLive: refreshSnapshot,
    async end() {
      const s = session;
      if (s) ended = s.transcript();
      session = null;
      transport = null;
      await s?.dispose().catch(() => undefined);
      for (const c of store.getState().liveClients) store.getState().liveSetClient({ ...c, state: 'closed' });
      store.getState().liveSetTarget(null);
      flush();
    },
    async dispose() {
      offRun?.();
      await this.end();
    },
  };
}
