// Words and small helpers the runner's messages share.
import type { Element } from 'ltx';
import type { Step, XmlStep } from '../scansion/types';
import { serialize } from '../scansion';
import type { CloseReason } from './transport';

export function stepText(step: Step): string {
  switch (step.action) {
    case 'connects':
      return `${step.client} connects`;
    case 'disconnects':
      return `${step.client} disconnects`;
    case 'receives-nothing':
      return `${step.client} receives: nothing`;
    default:
      return `${step.client} ${step.action}:`;
  }
}

export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

export function closeReasonText(reason: CloseReason): string {
  switch (reason.kind) {
    case 'stream-error':
      return `stream error <${reason.condition}/>${reason.text ? ` (${reason.text})` : ''}`;
    case 'dropped':
      return reason.message;
    default:
      return 'closed';
  }
}

export function pretty(el: Element): string {
  return serialize(el, { pretty: true });
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The source line where `${name}` first appears in a step's XML block (for located messages). */
export function variableLine(step: XmlStep, name: string): number {
  const lines = step.xml.split('\n');
  const idx = lines.findIndex((l) => l.includes('${' + name + '}'));
  return idx === -1 ? step.xmlRange.line : step.xmlRange.line + idx;
}

let runCounter = 0;
/** A fresh run id (`run-<time base 36>-<counter>`), from a clock reading. */
export function createRunId(now: number): string {
  runCounter += 1;
  return `run-${Math.floor(now).toString(36)}-${runCounter}`;
}
