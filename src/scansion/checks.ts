// Checks over a finished script (the parser reads structure; these judge it): clients a server would
// refuse, steps out of session order, variables without a value yet, matcher instructions where they
// mean nothing, and a script with no steps at all. Each finding is a located Diagnostic.
import type { Element } from 'ltx';
import { ANY, isCaptureValue } from './matcher';
import { parseVariableName } from './variables';
import { locOf } from './xmlLocations';
import type { Diagnostic, Range, Script, Step } from './types';

export type Report = (severity: Diagnostic['severity'], code: string, message: string, at: Range) => void;

/** A `${...}` reference found while parsing, with the step it belongs to. */
export interface VariableUse {
  step: number;
  name: string;
  range: Range;
}

export function checkClients(script: Script, report: Report): void {
  for (const c of script.clients) {
    if (!c.jid) {
      report(
        'error',
        'client-without-jid',
        `client '${c.name}' has no jid: add an indented 'jid: user@localhost' line`,
        c.nameRange,
      );
    }
    if (!c.password) {
      report(
        'warning',
        'client-without-password',
        `client '${c.name}' has no password: servers refuse to log in without one (add '\tpassword: …')`,
        c.nameRange,
      );
    }
  }
}

/**
 * Walk the steps in order with the session state (who is connected, who ever was): steps of clients
 * that are not connected (scansion would fail them) and full-JID variables used before a connect.
 */
export function checkSessions(
  script: Script,
  declared: ReadonlySet<string>,
  variables: readonly VariableUse[],
  report: Report,
): void {
  const connected = new Set<string>();
  const everConnected = new Set<string>();
  let nextUse = 0;
  for (const step of script.steps) {
    for (; nextUse < variables.length && variables[nextUse].step === step.index; nextUse++)
      checkVariable(variables[nextUse], declared, everConnected, report);
    const c = step.client;
    if (!declared.has(c)) continue;
    const at = step.headerRange;
    if (step.action === 'connects') {
      if (connected.has(c)) report('warning', 'already-connected', `'${c}' is already connected`, at);
      connected.add(c);
      everConnected.add(c);
    } else if (!connected.has(c)) {
      // A second `disconnects` is harmless (presence_preapproval.scs does it): only an info.
      report(
        step.action === 'disconnects' ? 'info' : 'warning',
        'not-connected',
        everConnected.has(c)
          ? `'${c}' has disconnected: add '${c} connects' before this step`
          : `'${c}' is not connected yet: add '${c} connects' before this step`,
        at,
      );
    } else if (step.action === 'disconnects') connected.delete(c);
  }
}

function checkVariable(
  use: VariableUse,
  declared: ReadonlySet<string>,
  everConnected: ReadonlySet<string>,
  report: Report,
): void {
  const parsed = parseVariableName(use.name);
  if (!parsed) {
    report(
      'error',
      'unknown-variable',
      `unknown variable '\${${use.name}}' (known: \${<client>'s JID} and \${<client>'s full JID})`,
      use.range,
    );
  } else if (!declared.has(parsed.client)) {
    report(
      'error',
      'undeclared-variable-client',
      `variable '\${${use.name}}' names an undeclared client '${parsed.client}'`,
      use.range,
    );
  } else if (parsed.kind === 'full JID' && !everConnected.has(parsed.client)) {
    // The full JID is bound at `connects`; before that it has no value.
    report(
      'warning',
      'variable-before-connect',
      `'\${${use.name}}' has no value yet: ${parsed.client} has not connected at this point`,
      use.range,
    );
  }
}

/** `scansion:strict` values and `{scansion:...}` special values (matcher instructions). */
export function checkMatcherInstructions(steps: readonly Step[], report: Report): void {
  for (const step of steps) {
    if (step.action !== 'sends' && step.action !== 'receives') continue;
    // Only blocks that mention `scansion:` can hold matcher instructions: skip the walk otherwise.
    if (step.stanzas.length === 0 || !step.xml.includes('scansion:')) continue;
    // An explicit stack, not recursion (nesting is bounded by MAX_XML_DEPTH, but walks stay flat).
    const work = [...step.stanzas];
    for (let el = work.pop(); el; el = work.pop()) {
      checkElement(el, step.action, report);
      for (const c of el.children) if (typeof c === 'object') work.push(c);
    }
  }
}

function checkElement(el: Element, action: 'sends' | 'receives', report: Report): void {
  for (const name in el.attrs) {
    const value = el.attrs[name];
    if (typeof value !== 'string') continue;
    const strictAttr = name === 'scansion:strict';
    if (!strictAttr && !value.startsWith('{scansion:')) continue;
    // Positions only when there is something to report: materializing every element's locOf would
    // cost more than parsing.
    const say = (severity: Diagnostic['severity'], code: string, message: string): void => {
      const loc = locOf(el);
      const at = loc?.attrs[name] ?? loc?.nameRange;
      if (at) report(severity, code, message, at);
    };
    if (strictAttr) {
      if (action === 'sends')
        say(
          'info',
          'matcher-instruction-in-sends',
          'scansion:strict only means something in receives: blocks; here it would be sent as written',
        );
      else if (value !== 'true' && value !== 'false')
        say('error', 'strict-value', `scansion:strict must be 'true' or 'false', got '${value}'`);
      continue;
    }
    if (value === ANY || isCaptureValue(value) !== undefined) {
      if (action === 'sends')
        say(
          'info',
          'matcher-instruction-in-sends',
          `${value} only means something in receives: blocks; here it would be sent as written`,
        );
      continue;
    }
    say(
      'warning',
      'unknown-special-value',
      `unknown special value '${value}' (known: {scansion:any}, {scansion:capture:NAME}); it is compared as written`,
    );
  }
}

/** An empty file, or one that is all comments, tests nothing: it must not read as a pass. */
export function checkHasSteps(script: Script, end: Range, report: Report): void {
  if (script.steps.length > 0) return;
  report(
    'error',
    'no-steps',
    "the script has no steps: add a separator line (-----) and steps such as 'Romeo connects'",
    end,
  );
}
