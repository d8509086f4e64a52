// How steps read in the run panel: labels, one-line summaries, section groups, expected XML with the
// run's variables expanded. Pure helpers over the language core's types.
import { expand, parseXml, serialize } from '../scansion';
import { explainFailure, type Explanation } from '../scansion/explain';
import type { Script, Step } from '../scansion/types';
import type { StepFailure } from '../runner';

export function stepLabel(step: Step): string {
  switch (step.action) {
    case 'connects':
      return `${step.client} connects`;
    case 'disconnects':
      return `${step.client} disconnects`;
    case 'sends':
      return `${step.client} sends`;
    case 'receives':
      return `${step.client} receives`;
    case 'receives-nothing':
      return `${step.client} receives nothing`;
  }
}

/** The first start tag of a sends/receives block, shortened, e.g. `<presence to="room@…/nick">`. */
export function stepSummary(step: Step, max = 72): string {
  if (step.action !== 'sends' && step.action !== 'receives') return '';
  const el = step.stanzas[0];
  let s: string;
  if (el) {
    const attrs = Object.entries(el.attrs)
      .filter(([k]) => !k.startsWith('scansion:') && k !== 'xmlns')
      .map(([k, v]) => `${k}="${v}"`)
      .join(' ');
    s = `<${el.name}${attrs ? ' ' + attrs : ''}>`;
  } else {
    s = step.xml.split('\n')[0]?.trim() ?? '';
  }
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

export interface StepGroup {
  /** The comment section above these steps (undefined before the first heading). */
  section?: string;
  /** First step index in the group (stable key). */
  first: number;
  steps: Step[];
}

/** Consecutive steps sharing a section heading, in script order. */
export function groupSteps(script: Script): StepGroup[] {
  const groups: StepGroup[] = [];
  for (const step of script.steps) {
    const last = groups[groups.length - 1];
    if (last && last.section === step.section) last.steps.push(step);
    else groups.push({ section: step.section, first: step.index, steps: [step] });
  }
  return groups;
}

/**
 * Expected XML of a receives step with the given variables expanded (unknown ones left as written, so
 * before a run `${Romeo's full JID}` reads as the script wrote it). Attribute values are double-quoted,
 * so an apostrophe needs no escaping: the serializer's `&apos;` is shown as `'`.
 */
export function expectedXml(step: Step, variables: Record<string, string>): string | null {
  if (step.action !== 'receives' && step.action !== 'sends') return null;
  if (step.stanzas.length === 0) return step.xml;
  try {
    return step.stanzas
      .map((el) => readableXml(serialize(expand(el, variables).element, { pretty: true })))
      .join('\n');
  } catch {
    return step.xml;
  }
}

/** The serializer's XML with `&apos;` written as `'` (only ever inside double-quoted attributes). */
export function readableXml(xml: string): string {
  return xml.replace(/&apos;/g, "'");
}

const explained = new WeakMap<StepFailure, { variables: Record<string, string>; out: Explanation[] }>();

/**
 * Sentences for a failed receives step (src/scansion/explain.ts): computed from the step's expected
 * stanza with the run's variables, what arrived, the mismatches and the failure context. Remembered per
 * failure and variables object, so every component and the editor share one computation.
 */
export function failureExplanations(
  step: Step | undefined,
  failure: StepFailure | undefined,
  variables: Record<string, string>,
): Explanation[] {
  if (!failure || !step || step.action !== 'receives' || step.stanzas.length === 0) return [];
  const hit = explained.get(failure);
  if (hit && hit.variables === variables) return hit.out;
  let received;
  try {
    received = failure.received ? parseXml(failure.received).elements[0] : undefined;
  } catch {
    received = undefined;
  }
  const out = explainFailure({
    expected: expand(step.stanzas[0], variables).element,
    received,
    mismatches: failure.mismatches,
    context: failure.context,
    client: step.client,
  });
  explained.set(failure, { variables, out });
  return out;
}

/** "12 ms", "1.24 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}
