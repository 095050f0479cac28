import { type Outcome, people, type TurnoutClient } from './turnout-client';

export type Phase = 'before' | 'outage' | 'after';
type Kind = 'create' | 'batch' | 'list';

/** One request of the load: what it was, when it was sent, what came back. */
export interface Call {
  kind: Kind;
  /** The `first_name` its attendees carry, to find them (or not) afterwards. */
  tag: string;
  phase: Phase;
  outcome: Outcome;
}

const KINDS: readonly Kind[] = ['create', 'batch', 'list'];

/**
 * A steady mix of GxP registrations (single and batch) and reads from a few concurrent clients,
 * recording every answer with the phase it was sent in. The test moves `phase` along.
 */
export class RegistrationLoad {
  phase: Phase = 'before';
  readonly calls: Call[] = [];
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly client: TurnoutClient,
    private readonly projectPath: string,
    readonly batchSize: number,
    workers = 4,
  ) {
    this.workers = Array.from({ length: workers }, (_, worker) => this.work(worker));
  }

  /** How many calls sent in `phase` got an answer with `status`. */
  count(phase: Phase, status: number): number {
    return this.calls.filter(
      (call) =>
        call.phase === phase && call.outcome.kind === 'answer' && call.outcome.status === status,
    ).length;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async work(worker: number): Promise<void> {
    for (let round = 0; this.running; round++) {
      const kind = KINDS[(round + worker) % KINDS.length];
      const tag = `w${worker}-${round}`;
      const phase = this.phase;
      this.calls.push({ kind, tag, phase, outcome: await this.send(kind, tag) });
    }
  }

  private send(kind: Kind, tag: string): Promise<Outcome> {
    const path = `${this.projectPath}/attendees`;
    if (kind === 'create') return this.client.send('POST', path, people(tag, 1)[0]);
    if (kind === 'batch') {
      return this.client.send('POST', `${path}/batch`, {
        resources: people(tag, this.batchSize),
      });
    }
    return this.client.send('GET', `${path}?per_page=10&sort=-created_at`);
  }
}
