// Attribution (RUNNER.md, RUN-ATTR-*): which step consumed which stanza, which burst leftovers were
// dropped and why, what nobody read, and, when a step fails, where the stanzas around it went.
import type { Mismatch, Step } from '../scansion/types';
import { serialize } from '../scansion';
import type { ClientState, Outcome } from './context';
import type { Emitter } from './emitter';
import type { FailureContext, StepFailure } from './events';
import type { Received } from './inbox';
import { stepText } from './text';
import type { WaitPolicy } from './wait';

interface Dropped extends Received {
  client: string;
  reason: string;
}

export class Attribution {
  private readonly dropped: Dropped[] = [];

  constructor(
    private readonly emitter: Emitter,
    private readonly clients: Map<string, ClientState>,
  ) {}

  /** Before `step`: a burst left over is dropped unless `step` receives for that client (RUN-BURST-3). */
  dropBursts(step: Step): void {
    for (const client of this.clients.values()) {
      if (!client.inbox.hasBurstLeft) continue;
      const name = client.decl.name;
      const receivesHere =
        step.client === name && (step.action === 'receives' || step.action === 'receives-nothing');
      if (receivesHere) continue;
      const reason = `arrived together with the stanza ${name} last received, and the next step (${stepText(step)}, step ${step.index + 1}) is not a receive of ${name}`;
      for (const r of client.inbox.dropBurst()) {
        this.dropped.push({ ...r, client: name, reason });
        this.emitter.emit({
          type: 'stanza-ignored',
          client: name,
          xml: serialize(r.stanza),
          reason,
          seq: r.seq,
        });
      }
    }
  }

  failureOf(
    step: Step,
    o: { message: string; expected?: string; received?: string; mismatches?: Mismatch[]; stanzaSeq?: number },
  ): StepFailure {
    return {
      step: step.index,
      line: step.headerRange.line,
      stepText: stepText(step),
      message: o.message,
      ...(o.expected !== undefined ? { expected: o.expected } : {}),
      ...(o.received !== undefined ? { received: o.received } : {}),
      mismatches: o.mismatches ?? [],
      ...(o.stanzaSeq !== undefined ? { stanzaSeq: o.stanzaSeq } : {}),
    };
  }

  /** A failed step with its context: what had arrived around it (RUN-ATTR-4). */
  async failureWithContext(step: Step, o: Outcome & { ok: false }, wait: WaitPolicy): Promise<StepFailure> {
    // Let in what is already on its way, so "arrived 1 stanza later" can be said.
    await wait.letIn();
    return { ...this.failureOf(step, o), context: this.context(step.client) };
  }

  private context(failing: string): FailureContext {
    const context: FailureContext = { sameClientLater: [], otherClients: [], dropped: [] };
    for (const client of this.clients.values()) {
      for (const r of client.inbox.pending) {
        const xml = serialize(r.stanza);
        if (client.decl.name === failing) context.sameClientLater.push({ seq: r.seq, xml });
        else context.otherClients.push({ seq: r.seq, client: client.decl.name, xml });
      }
    }
    context.otherClients.sort((a, b) => a.seq - b.seq);
    for (const d of this.dropped) {
      context.dropped.push({ seq: d.seq, client: d.client, xml: serialize(d.stanza), reason: d.reason });
    }
    return context;
  }

  /** At the end of the run: every received stanza nobody read (RUN-ATTR-3). */
  reportUnread(): void {
    const unread: Array<{ client: string; seq: number }> = [];
    for (const client of this.clients.values()) {
      for (const r of client.inbox.pending) unread.push({ client: client.decl.name, seq: r.seq });
    }
    unread.sort((a, b) => a.seq - b.seq);
    for (const u of unread) this.emitter.emit({ type: 'stanza-unread', ...u });
  }
}
