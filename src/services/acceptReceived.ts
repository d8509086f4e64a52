// "Accept received": rewrite a receives: step's expected block with the stanza that arrived, written as
// a scansion author would (src/scansion/generalise.ts), keeping the block's indentation. The text
// changes in one setText, which the editor applies as one undoable edit (Ctrl+Z brings the old text
// back). `acceptedText` is pure; `acceptReceived` / `acceptAllReceived` read and write the store, so
// pointing them at another document means passing that document's text and setter.
import { generaliseStanza, type GeneraliseOptions } from '../scansion/generalise';
import { LineIndex, parse, parseVariableName, parseXml } from '../scansion';
import type { Script, XmlStep } from '../scansion/types';
import type { AppState } from '../store';

/** Decorations Prosody adds that scripts do not assert on (dropped only where matching allows it). */
export const ACCEPT_DROPS = ['urn:xmpp:occupant-id:0', 'urn:xmpp:sid:0', 'vcard-temp:x:update'];

export interface Acceptance {
  /** Index of the receives step in the script. */
  step: number;
  /** The received stanza, as it arrived. */
  received: string;
}

export type AcceptResult = { ok: true; text: string; steps: number[] } | { ok: false; message: string };

/** The clients' full JIDs from a run's variables (`${Romeo's full JID}`), in the script's order. */
export function clientsOf(script: Script, variables: Record<string, string>): GeneraliseOptions['clients'] {
  const full = new Map<string, string>();
  for (const [k, v] of Object.entries(variables)) {
    const p = parseVariableName(k);
    if (p?.kind === 'full JID') full.set(p.client, v);
  }
  return script.clients
    .filter((c) => full.has(c.name))
    .map((c) => ({ name: c.name, fullJid: full.get(c.name)! }));
}

/** The `id`s the script's clients send (kept as written when they come back). */
function sentIds(script: Script): string[] {
  const ids: string[] = [];
  for (const s of script.steps) {
    if (s.action !== 'sends') continue;
    for (const el of s.stanzas) {
      const id = Object.hasOwn(el.attrs, 'id') ? el.attrs.id : undefined;
      if (typeof id === 'string') ids.push(id);
    }
  }
  return ids;
}

/**
 * `text` with each accepted step's expected block replaced by its generalised received stanza. The
 * steps are looked up in `text` itself (not in the run's script, which may be out of date), and must be
 * the same steps as in the run (same action and client at the same index); otherwise nothing changes
 * and the message says why.
 */
export function acceptedText(
  text: string,
  runScript: Script,
  variables: Record<string, string>,
  accept: readonly Acceptance[],
): AcceptResult {
  if (accept.length === 0) return { ok: false, message: 'Nothing to accept: no received stanza.' };
  const { script } = parse(text);
  const clients = clientsOf(runScript, variables);
  const clientIds = sentIds(script);
  const index = new LineIndex(text);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const a of accept) {
    const now = script.steps[a.step];
    const then = runScript.steps[a.step];
    if (
      !now ||
      !then ||
      now.action !== 'receives' ||
      then.action !== 'receives' ||
      now.client !== then.client
    ) {
      return {
        ok: false,
        message: `Step ${a.step + 1} is no longer the run's "${then ? `${then.client} receives` : 'step'}": run again, then accept.`,
      };
    }
    const parsed = parseXml(a.received);
    if (parsed.elements.length !== 1 || parsed.diagnostics.some((d) => d.severity === 'error')) {
      return { ok: false, message: `Step ${a.step + 1}: the received stanza is not well-formed XML.` };
    }
    const step = now as XmlStep;
    const lineStart = index.starts[step.xmlRange.line - 1];
    const firstLine = text.slice(lineStart, index.lineEnd(step.xmlRange.line - 1));
    const baseIndent = /^[ \t]*/.exec(firstLine)![0] || '\t';
    const generalised = generaliseStanza(parsed.elements[0], {
      clients,
      recipient: step.client,
      clientIds,
      dropDecorations: ACCEPT_DROPS,
      baseIndent,
      indent: baseIndent.startsWith('\t') ? '\t' : '  ',
    });
    const end = index.starts[step.xmlRange.endLine - 1] + step.xmlRange.endColumn - 1;
    edits.push({ start: lineStart, end, text: generalised });
  }
  edits.sort((x, y) => y.start - x.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { ok: true, text: out, steps: accept.map((a) => a.step) };
}

type StoreLike = { getState(): AppState };

/** What arrived for each receives step of the last run (failed steps from their failure). */
export function receivedByStep(state: AppState): Acceptance[] {
  const out: Acceptance[] = [];
  const script = state.runScript;
  if (!script) return out;
  script.steps.forEach((step, i) => {
    if (step.action !== 'receives') return;
    const received = state.steps[i]?.received ?? state.failures.find((f) => f.step === i)?.received;
    if (received) out.push({ step: i, received });
  });
  return out;
}

/** Accept what arrived for one failed receives step. */
export function acceptReceived(store: StoreLike, step: number): AcceptResult {
  const s = store.getState();
  if (!s.runScript) return { ok: false, message: 'Nothing to accept: no run yet.' };
  const one = receivedByStep(s).filter((a) => a.step === step);
  const r = acceptedText(s.text, s.runScript, s.variables, one);
  if (r.ok) s.setText(r.text);
  return r;
}

/** Accept what arrived for every receives step of the last run (a snapshot update), as one edit. */
export function acceptAllReceived(store: StoreLike): AcceptResult {
  const s = store.getState();
  if (!s.runScript) return { ok: false, message: 'Nothing to accept: no run yet.' };
  const r = acceptedText(s.text, s.runScript, s.variables, receivedByStep(s));
  if (r.ok) s.setText(r.text);
  return r;
}
