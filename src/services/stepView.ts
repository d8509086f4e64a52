// How steps read in the run panel: labels, one-line summaries, section groups, expected XML with the
// run's variables expanded. Pure helpers over the language core's types.
import { expand, serialize } from '../scansion';
import type { Script, Step } from '../scansion/types';

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

/** Expected XML of a receives step with the given variables expanded (unknown ones left as written). */
export function expectedXml(step: Step, variables: Record<string, string>): string | null {
  if (step.action !== 'receives' && step.action !== 'sends') return null;
  if (step.stanzas.length === 0) return step.xml;
  try {
    return step.stanzas.map((el) => serialize(expand(el, variables).element, { pretty: true })).join('\n');
  } catch {
    return step.xml;
  }
}

/** "12 ms", "1.24 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}
