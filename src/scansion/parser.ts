// The .scs parser: text -> typed Script + diagnostics. Line-oriented; XML blocks go to xml.ts.
// Never throws: every problem becomes a located Diagnostic and the script stays as complete as possible.
//
// Grammar as we settled it (see ../../shared/design/scansion-language.md and the corpus):
// - Header: leading `#` lines are the title and description; `## x` lines are tags; `[Class] Name`
//   declares a character, followed by indented `key: value` property lines. A line of 3+ dashes alone
//   ends the header.
// - Body: `<Client> <verb>[:] [rest]` steps. A step's XML block is every following line that is
//   indented or blank, up to the first non-indented, non-blank line (trailing blank lines excluded).
//   XML may also start on the action line itself after the colon (`Romeo sends: <presence/>`).
// - Comments: `#`, `##`, `//`, and `--` followed by a space/tab or alone (Lua style; the corpus comments
//   out whole steps with it). `#` comments in the body are section headings for the steps below them.
// - Client names may contain spaces and "'s": a step line is matched against the declared names,
//   longest first, before falling back to "first word(s) before a known verb".
import { LineIndex } from './positions';
import { findVariables, parseVariableName } from './variables';
import { locOf, parseXmlSlice } from './xml';
import { ANY, isCaptureValue } from './matcher';
import type { Element } from 'ltx';
import type {
  ClientDecl,
  Diagnostic,
  ParseResult,
  Range,
  Script,
  Step,
  StepAction,
  StepBase,
  XmlStep,
} from './types';

const VERBS = ['connects', 'disconnects', 'sends', 'receives'] as const;
type Verb = (typeof VERBS)[number];
const KNOWN_PROPERTIES = ['jid', 'password', 'resource', 'connect_host', 'connect_port'];

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const BLANK = 1;
const INDENTED = 2;

class ScriptParser {
  readonly index: LineIndex;
  /** Per line: content start, content end (no newline, no trailing '\r'), BLANK/INDENTED flags.
   * Typed arrays rather than one object per line: a 10,000-step script has 60,000 lines. */
  readonly ls: Int32Array;
  readonly le: Int32Array;
  readonly lf: Uint8Array;
  readonly lineCount: number;
  readonly diagnostics: Diagnostic[] = [];
  readonly script: Script = {
    metadata: { description: [], tags: [] },
    clients: [],
    steps: [],
    comments: [],
  };
  private clientNames: string[] = [];
  private declaredNames = new Set<string>();
  private section: string | undefined;
  /** Clients connected at the current step, and those that have connected at some point. */
  private connected = new Set<string>();
  private everConnected = new Set<string>();
  private metadataOpen = true;

  constructor(readonly text: string) {
    this.index = new LineIndex(text);
    const n = (this.lineCount = this.index.lineCount);
    this.ls = new Int32Array(n);
    this.le = new Int32Array(n);
    this.lf = new Uint8Array(n);
    for (let l = 0; l < n; l++) {
      let start = this.index.starts[l];
      if (l === 0 && text.charCodeAt(0) === 0xfeff) start = 1; // byte order mark
      const end = this.index.lineEnd(l);
      let blank = true;
      for (let i = start; i < end; i++) {
        if (!isWs(text.charCodeAt(i))) {
          blank = false;
          break;
        }
      }
      this.ls[l] = start;
      this.le[l] = end;
      this.lf[l] = blank ? BLANK : isSpace(text.charCodeAt(start)) ? INDENTED : 0;
    }
  }

  range(a: number, b: number): Range {
    return this.index.range(a, b);
  }

  /** Range of offsets a..b on line l (no line search: the parser knows which line it is on). */
  lineRange(l: number, a: number, b: number): Range {
    const s = this.index.starts[l];
    return { line: l + 1, column: a - s + 1, endLine: l + 1, endColumn: b - s + 1 };
  }

  /** Range from offset a on line l1 to offset b on line l2. */
  linesRange(l1: number, a: number, l2: number, b: number): Range {
    const st = this.index.starts;
    return { line: l1 + 1, column: a - st[l1] + 1, endLine: l2 + 1, endColumn: b - st[l2] + 1 };
  }

  diag(severity: Diagnostic['severity'], code: string, message: string, r: Range): void {
    this.diagnostics.push({ severity, code, message, ...r });
  }

  /** Offsets of a line's content without leading/trailing whitespace. */
  /** Offset of line l's first non-whitespace character (its end if blank). */
  contentStart(l: number): number {
    let a = this.ls[l];
    const b = this.le[l];
    while (a < b && isWs(this.text.charCodeAt(a))) a++;
    return a;
  }
  /** Offset just after line l's last non-whitespace character. */
  contentEnd(l: number): number {
    const a = this.ls[l];
    let b = this.le[l];
    while (b > a && isWs(this.text.charCodeAt(b - 1))) b--;
    return b;
  }

  run(): ParseResult {
    this.collectClientNames();
    let seenSeparator = false;
    let client: ClientDecl | undefined;
    const firstClientLine = new Map<string, number>();
    const lf = this.lf;
    for (let l = 0; l < this.lineCount; l++) {
      if (lf[l] & BLANK) continue;
      const a = this.contentStart(l);
      const b = this.contentEnd(l);
      const content = this.text.slice(a, b);
      if (lf[l] & INDENTED) {
        if (client && !seenSeparator) {
          this.property(client, a, b, content);
          client.range = { ...client.range, ...endOfRange(this.range(a, b)) };
          continue;
        }
        // Indented text that no step or client owns.
        const end = this.blockEnd(l);
        this.diag(
          'error',
          'unexpected-indent',
          seenSeparator
            ? 'indented text outside any step: an XML block must directly follow a sends:/receives: line'
            : 'indented text outside any client declaration: properties follow a [Client] line',
          this.range(a, this.le[end]),
        );
        l = end;
        continue;
      }
      // Comments and the separator (a comment between a client's property lines keeps the client open).
      if (content.startsWith('#')) {
        const marker = content.startsWith('##') ? '##' : '#';
        const txt = content.slice(marker.length).trim();
        this.script.comments.push({ text: txt, marker, range: this.range(a, b) });
        if (marker === '##') this.script.metadata.tags.push(txt);
        else if (this.metadataOpen) {
          if (this.script.metadata.title === undefined) this.script.metadata.title = txt;
          else this.script.metadata.description.push(txt);
        } else if (seenSeparator) this.section = txt;
        continue;
      }
      if (content.startsWith('//')) {
        this.script.comments.push({ text: content.slice(2).trim(), marker: '//', range: this.range(a, b) });
        continue;
      }
      if (content.charCodeAt(0) === 45 /* - */ && /^-{3,}$/.test(content)) {
        if (seenSeparator) {
          this.diag(
            'warning',
            'duplicate-separator',
            'a second ----- separator line: the header already ended',
            this.range(a, b),
          );
          this.script.comments.push({ text: '', marker: '--', range: this.range(a, b) });
        } else {
          seenSeparator = true;
          this.script.separator = this.range(a, b);
        }
        this.metadataOpen = false;
        continue;
      }
      if (content === '--' || content.startsWith('-- ') || content.startsWith('--\t')) {
        this.script.comments.push({ text: content.slice(2).trim(), marker: '--', range: this.range(a, b) });
        continue;
      }
      this.metadataOpen = false;
      client = undefined;
      if (content.startsWith('[')) {
        if (seenSeparator) {
          this.diag(
            'error',
            'client-after-separator',
            'client declarations belong in the header, before the ----- separator',
            this.range(a, b),
          );
        }
        client = this.clientDecl(a, b, content, firstClientLine, l);
        continue;
      }
      if (!seenSeparator && !this.looksLikeStep(content)) {
        this.diag(
          'error',
          'unexpected-line',
          `unexpected line in the header: expected a [Client] declaration, a comment or the ----- separator`,
          this.range(a, b),
        );
        continue;
      }
      l = this.step(l, a, b, content, seenSeparator);
    }
    this.checkClients();
    if (this.script.steps.length === 0) {
      // An empty file, or one that is all comments, tests nothing: it must not read as a pass.
      const last = this.lineCount - 1;
      this.diag(
        'error',
        'no-steps',
        "the script has no steps: add a separator line (-----) and steps such as 'Romeo connects'",
        this.lineRange(last, this.index.starts[last], this.le[last]),
      );
    }
    // Report in file order (stable: same-position diagnostics keep their discovery order).
    this.diagnostics.sort((x, y) => x.line - y.line || x.column - y.column);
    return { script: this.script, diagnostics: this.diagnostics };
  }

  private collectClientNames(): void {
    for (let l = 0; l < this.lineCount; l++) {
      if (this.lf[l] !== 0) continue;
      if (this.text.charCodeAt(this.ls[l]) !== 91 /* [ */) continue;
      const m = /^\[[^\]]*\]\s*(.*?)\s*$/.exec(this.text.slice(this.ls[l], this.le[l]));
      if (m && m[1]) this.declaredNames.add(m[1]);
    }
    this.clientNames = [...this.declaredNames].sort((x, y) => y.length - x.length);
  }

  private looksLikeStep(content: string): boolean {
    return this.splitStep(content) !== undefined;
  }

  /** Index of the last indented/blank line of the run that starts after `l` (or `l` itself). */
  private blockEnd(l: number): number {
    let last = l;
    for (let j = l + 1; j < this.lineCount; j++) {
      const f = this.lf[j];
      if (f & BLANK) continue;
      if (!(f & INDENTED)) break;
      last = j;
    }
    return last;
  }

  private clientDecl(
    a: number,
    b: number,
    content: string,
    firstLine: Map<string, number>,
    l: number,
  ): ClientDecl | undefined {
    const close = content.indexOf(']');
    if (close === -1) {
      this.diag(
        'error',
        'client-syntax',
        "a client declaration looks like '[Client] Name': missing ']'",
        this.range(a, b),
      );
      return undefined;
    }
    const className = content.slice(1, close).trim();
    let ns = close + 1;
    while (ns < content.length && isSpace(content.charCodeAt(ns))) ns++;
    const name = content.slice(ns).trim();
    const nameRange = name ? this.range(a + ns, a + ns + name.length) : this.range(a, b);
    if (!name) {
      this.diag(
        'error',
        'client-syntax',
        "a client declaration needs a name: '[Client] Romeo'",
        this.range(a, b),
      );
      return undefined;
    }
    const control = controlCharAt(name);
    if (control >= 0) {
      const at = a + ns + control;
      this.diag(
        'error',
        'client-name-control',
        `a client name cannot hold a control character (${describeChar(name.charCodeAt(control))})`,
        this.range(at, at + 1),
      );
    }
    if (className !== 'Client') {
      this.diag(
        'warning',
        'unknown-class',
        `unknown character class '[${className}]': only [Client] is known; it is treated as a client`,
        this.range(a, a + close + 1),
      );
    }
    const decl: ClientDecl = {
      name,
      className,
      properties: {},
      range: this.range(a, b),
      nameRange,
    };
    const first = firstLine.get(name);
    if (first !== undefined) {
      this.diag(
        'error',
        'duplicate-client',
        `client '${name}' is already declared on line ${first + 1}`,
        nameRange,
      );
      return decl; // properties are read but the duplicate is not added
    }
    firstLine.set(name, l);
    this.script.clients.push(decl);
    return decl;
  }

  private property(client: ClientDecl, a: number, b: number, content: string): void {
    const colon = content.indexOf(':');
    if (colon <= 0) {
      this.diag(
        'error',
        'client-property',
        `expected a 'key: value' property of client '${client.name}'`,
        this.range(a, b),
      );
      return;
    }
    const key = content.slice(0, colon).trim();
    const value = content.slice(colon + 1).trim();
    client.properties[key] = value;
    switch (key) {
      case 'jid':
        client.jid = value;
        break;
      case 'password':
        client.password = value;
        break;
      case 'resource':
        client.resource = value;
        break;
      case 'connect_host':
        client.connectHost = value;
        break;
      case 'connect_port': {
        const port = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!(port >= 1 && port <= 65535)) {
          this.diag(
            'error',
            'client-property',
            `connect_port must be a port number (1-65535), got '${value}'`,
            this.range(a, b),
          );
        } else client.connectPort = port;
        break;
      }
      default:
        if (!KNOWN_PROPERTIES.includes(key)) {
          // Kept in `properties`; scansion's docs list only the known ones, so say so gently.
          this.diag(
            'info',
            'unknown-property',
            `unknown client property '${key}' (known: ${KNOWN_PROPERTIES.join(', ')})`,
            this.range(a, a + colon),
          );
        }
    }
  }

  private checkClients(): void {
    for (const c of this.script.clients) {
      if (!c.password) {
        this.diag(
          'warning',
          'client-without-password',
          `client '${c.name}' has no password: servers refuse to log in without one (add '\tpassword: …')`,
          c.nameRange,
        );
      }
      if (!c.jid) {
        this.diag(
          'error',
          'client-without-jid',
          `client '${c.name}' has no jid: add an indented 'jid: user@localhost' line`,
          c.nameRange,
        );
      }
    }
  }

  /**
   * Split a step line into client / verb / rest. Undefined when it does not look like a step at all.
   * Offsets are relative to `content`.
   */
  private splitStep(
    content: string,
  ): { client: string; clientEnd: number; verbStart: number; declared: boolean } | undefined {
    for (const name of this.clientNames) {
      if (
        content.startsWith(name) &&
        content.length > name.length &&
        isSpace(content.charCodeAt(name.length))
      ) {
        let v = name.length;
        while (v < content.length && isSpace(content.charCodeAt(v))) v++;
        return { client: name, clientEnd: name.length, verbStart: v, declared: true };
      }
    }
    // Undeclared client: the name is everything before the first known verb.
    const m = /^(.+?)[ \t]+(connects|disconnects|sends|receives)(?![A-Za-z])/.exec(content);
    if (!m) return undefined;
    return {
      client: m[1],
      clientEnd: m[1].length,
      verbStart: m[0].length - m[2].length,
      declared: false,
    };
  }

  /** Parse a step starting at line `l`; returns the last line it consumed. */
  private step(l: number, a: number, b: number, content: string, afterSeparator: boolean): number {
    const split = this.splitStep(content);
    const lineRange = this.lineRange(l, a, b);
    const end = this.blockEnd(l);
    // The block's first non-blank line (blockEnd guarantees one exists when end > l).
    let firstLine = -1;
    if (end > l) for (firstLine = l + 1; this.lf[firstLine] & BLANK; firstLine++);
    const blockRange =
      firstLine >= 0
        ? this.linesRange(firstLine, this.contentStart(firstLine), end, this.le[end])
        : undefined;
    if (!split) {
      this.diag(
        'error',
        'unknown-action',
        "cannot read this line as a step: expected '<client> connects', 'sends:', 'receives:', 'receives: nothing' or 'disconnects'",
        lineRange,
      );
      return end;
    }
    if (!afterSeparator) {
      this.diag(
        'error',
        'step-before-separator',
        this.script.separator === undefined && !this.hasSeparatorLater(l)
          ? 'step without a header separator: end the client declarations with a line of dashes (-----)'
          : 'step before the ----- separator: steps belong after the header',
        lineRange,
      );
    }
    const clientRange = this.range(a, a + split.clientEnd);
    // Verb.
    let ve = split.verbStart;
    while (ve < content.length) {
      const c = content.charCodeAt(ve) | 32; // ASCII letters folded to lower case; '_' | 32 = 127
      if (!((c >= 97 && c <= 122) || c === 127)) break;
      ve++;
    }
    const verb = content.slice(split.verbStart, ve);
    if (!(VERBS as readonly string[]).includes(verb)) {
      this.diag(
        'error',
        'unknown-action',
        verb
          ? `unknown action '${verb}' (expected connects, sends, receives, receives: nothing or disconnects)`
          : `missing action after '${split.client}' (expected connects, sends, receives, receives: nothing or disconnects)`,
        verb ? this.range(a + split.verbStart, a + ve) : lineRange,
      );
      return end;
    }
    if (!split.declared) {
      this.diag(
        'error',
        'undeclared-client',
        `client '${split.client}' is not declared (add '[Client] ${split.client}' with a jid to the header)`,
        clientRange,
      );
    }
    // After the verb: optional ':' then the rest.
    let r = ve;
    while (r < content.length && isSpace(content.charCodeAt(r))) r++;
    if (content[r] === ':') r++;
    while (r < content.length && isSpace(content.charCodeAt(r))) r++;
    const rest = content.slice(r);
    let action: StepAction = verb as Verb;
    if (verb === 'receives' && rest === 'nothing') action = 'receives-nothing';
    // Steps are built as object literals with one fixed field order (no spreads): a 10,000-step
    // script creates 10,000 of them, and varying shapes made V8 fall back to slow objects.
    const base: StepBase = {
      index: this.script.steps.length,
      action,
      client: split.client,
      range: lineRange,
      headerRange: lineRange,
      section: this.section,
    };
    if (action === 'sends' || action === 'receives') {
      const inline = rest.length > 0;
      const startOffset = inline ? a + r : firstLine >= 0 ? this.contentStart(firstLine) : -1;
      if (startOffset < 0) {
        this.diag(
          'error',
          'missing-xml',
          `'${verb}' needs an XML stanza: put it on the following lines, indented`,
          lineRange,
        );
        const step: XmlStep = {
          index: base.index,
          action,
          client: base.client,
          range: lineRange,
          headerRange: lineRange,
          section: base.section,
          xml: '',
          xmlRange: lineRange,
          stanzas: [],
        };
        this.pushStep(step);
        return end;
      }
      const endOffset = end > l ? this.le[end] : b;
      const xmlRange = this.linesRange(inline ? l : firstLine, startOffset, end > l ? end : l, endOffset);
      const step = this.xmlStep(base, action, startOffset, endOffset, xmlRange, l, end, inline ? a + r : -1);
      this.pushStep(step);
      return end;
    }
    if (action !== 'receives-nothing' && rest.length > 0) {
      this.diag('error', 'trailing-text', `unexpected text after '${verb}': '${rest}'`, this.range(a + r, b));
    }
    if (blockRange) {
      this.diag(
        'error',
        'unexpected-xml',
        action === 'receives-nothing'
          ? "'receives: nothing' takes no XML block"
          : `'${verb}' takes no XML block`,
        blockRange,
      );
    }
    if (blockRange) base.range = spanRange(lineRange, blockRange);
    const step = base as Step;
    this.pushStep(step);
    return end;
  }

  private hasSeparatorLater(l: number): boolean {
    for (let j = l + 1; j < this.lineCount; j++) {
      if (this.lf[j] !== 0) continue;
      if (/^-{3,}\s*$/.test(this.text.slice(this.ls[j], this.le[j]))) return true;
    }
    return false;
  }

  private xmlStep(
    base: StepBase,
    action: 'sends' | 'receives',
    start: number,
    end: number,
    xmlRange: Range,
    headerLine: number,
    lastLine: number,
    inlineStart: number,
  ): XmlStep {
    const { elements, diagnostics } = parseXmlSlice(this.text, start, end, this.index);
    for (const d of diagnostics) this.diagnostics.push(d);
    const step: XmlStep = {
      index: base.index,
      action,
      client: base.client,
      range: spanRange(base.range, xmlRange),
      headerRange: base.headerRange,
      section: base.section,
      xml: this.dedent(headerLine, lastLine, inlineStart),
      xmlRange,
      stanzas: elements,
    };
    if (elements.length === 0 && diagnostics.length === 0) {
      this.diag(
        'error',
        'missing-xml',
        `'${action}' needs an XML stanza, but the block holds no element`,
        xmlRange,
      );
    }
    if (elements.length > 1) {
      this.diag(
        'warning',
        'multiple-stanzas',
        `this block holds ${elements.length} stanzas; they are ${action === 'sends' ? 'sent' : 'expected'} one after another (scansion accepts this, but one stanza per step is clearer)`,
        xmlRange,
      );
    }
    this.checkVariables(start, end);
    // Only blocks that mention `scansion:` can hold matcher instructions: skip the walk otherwise.
    if (elements.length > 0 && this.text.slice(start, end).includes('scansion:')) {
      // An explicit stack, not recursion (nesting is bounded by MAX_XML_DEPTH, but walks stay flat).
      const work = [...elements];
      for (let el = work.pop(); el; el = work.pop()) {
        this.checkSpecials(el, action);
        for (const c of el.children) if (typeof c === 'object') work.push(c);
      }
    }
    return step;
  }

  /** `scansion:strict` values and `{scansion:...}` special values (matcher instructions). */
  private checkSpecials(el: Element, action: 'sends' | 'receives'): void {
    for (const name in el.attrs) {
      const value = el.attrs[name];
      if (typeof value !== 'string') continue;
      const strictAttr = name === 'scansion:strict';
      if (!strictAttr && !value.startsWith('{scansion:')) continue;
      // Positions only when there is something to report: materializing every element's locOf
      // would cost more than parsing.
      const report = (severity: Diagnostic['severity'], code: string, message: string): void => {
        const loc = locOf(el);
        const at = loc?.attrs[name] ?? loc?.nameRange;
        if (at) this.diag(severity, code, message, at);
      };
      if (strictAttr) {
        if (action === 'sends')
          report(
            'info',
            'matcher-instruction-in-sends',
            'scansion:strict only means something in receives: blocks; here it would be sent as written',
          );
        else if (value !== 'true' && value !== 'false')
          report('error', 'strict-value', `scansion:strict must be 'true' or 'false', got '${value}'`);
        continue;
      }
      if (value === ANY || isCaptureValue(value) !== undefined) {
        if (action === 'sends')
          report(
            'info',
            'matcher-instruction-in-sends',
            `${value} only means something in receives: blocks; here it would be sent as written`,
          );
        continue;
      }
      report(
        'warning',
        'unknown-special-value',
        `unknown special value '${value}' (known: {scansion:any}, {scansion:capture:NAME}); it is compared as written`,
      );
    }
  }

  /** The block as written, common indentation removed (for display and the `xml` field). */
  private dedent(headerLine: number, lastLine: number, inlineStart: number): string {
    const text = this.text;
    let min = Infinity;
    for (let j = headerLine + 1; j <= lastLine; j++) {
      if (this.lf[j] & BLANK) continue;
      let k = this.ls[j];
      while (k < this.le[j] && isSpace(text.charCodeAt(k))) k++;
      if (k - this.ls[j] < min) min = k - this.ls[j];
    }
    let out = inlineStart >= 0 ? text.slice(inlineStart, this.le[headerLine]).trimEnd() : '';
    let first = inlineStart < 0;
    for (let j = headerLine + 1; j <= lastLine; j++) {
      const blank = (this.lf[j] & BLANK) !== 0;
      if (first && blank) continue;
      if (!first) out += '\n';
      first = false;
      if (!blank) out += text.slice(this.ls[j] + min, this.le[j]);
    }
    return out;
  }

  /** Append a step and check it against the session state so far (warnings: scansion would fail it). */
  private pushStep(step: Step): void {
    const c = step.client;
    if (this.declaredNames.has(c)) {
      const r = step.headerRange;
      if (step.action === 'connects') {
        if (this.connected.has(c))
          this.diag('warning', 'already-connected', `'${c}' is already connected`, r);
        this.connected.add(c);
        this.everConnected.add(c);
      } else if (!this.connected.has(c)) {
        // A second `disconnects` is harmless (presence_preapproval.scs does it): only an info.
        this.diag(
          step.action === 'disconnects' ? 'info' : 'warning',
          'not-connected',
          this.everConnected.has(c)
            ? `'${c}' has disconnected: add '${c} connects' before this step`
            : `'${c}' is not connected yet: add '${c} connects' before this step`,
          r,
        );
      } else if (step.action === 'disconnects') this.connected.delete(c);
    }
    this.script.steps.push(step);
  }

  private checkVariables(start: number, end: number): void {
    for (const ref of findVariables(this.text, start, end)) {
      const r = this.range(ref.start, ref.end);
      const parsed = parseVariableName(ref.name);
      if (!parsed) {
        this.diag(
          'error',
          'unknown-variable',
          `unknown variable '\${${ref.name}}' (known: \${<client>'s JID} and \${<client>'s full JID})`,
          r,
        );
      } else if (!this.declaredNames.has(parsed.client)) {
        this.diag(
          'error',
          'undeclared-variable-client',
          `variable '\${${ref.name}}' names an undeclared client '${parsed.client}'`,
          r,
        );
      } else if (parsed.kind === 'full JID' && !this.everConnected.has(parsed.client)) {
        // The full JID is bound at `connects`; before that it has no value.
        this.diag(
          'warning',
          'variable-before-connect',
          `'\${${ref.name}}' has no value yet: ${parsed.client} has not connected at this point`,
          r,
        );
      }
    }
  }
}

/** Index of the first C0/C1 control character (tab included) in `s`, or -1. */
export function controlCharAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

function describeChar(code: number): string {
  if (code === 9) return 'a tab';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function spanRange(a: Range, b: Range): Range {
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

function endOfRange(r: Range): { endLine: number; endColumn: number } {
  return { endLine: r.endLine, endColumn: r.endColumn };
}

/**
 * The one line-ending normalisation of the language: CRLF and lone CR become LF. `parse` applies it,
 * so the CLI, the page and every other caller read a file the same way (a CR-only file is many lines,
 * not one comment). Line and column positions are the same before and after.
 */
export function normalizeLineEndings(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** Parse a .scs script. Never throws: problems come back as diagnostics beside a partial script. */
export function parse(text: string): ParseResult {
  const src = normalizeLineEndings(typeof text === 'string' ? text : String(text ?? ''));
  try {
    return new ScriptParser(src).run();
  } catch (e) {
    // A bug here must not crash the page or the CLI; it becomes an `internal-error` diagnostic, which
    // the property tests assert no input ever produces.
    return {
      script: { metadata: { description: [], tags: [] }, clients: [], steps: [], comments: [] },
      diagnostics: [
        {
          severity: 'error',
          code: 'internal-error',
          message: `internal parser error: ${(e as Error)?.message ?? String(e)}`,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    };
  }
}
