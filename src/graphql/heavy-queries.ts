import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Sema } from 'async-sema';
import { GraphQLError, type DocumentNode, type ValidationContext } from 'graphql';
import type { HeavyQueryLimits } from '../config';

/** What a client refused for a full queue is told to wait: heavy queries take ≈ 0.1–1 s. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The cost graphql-armor computes for each document while validating it (fields weighted by
 * depth, lists by a literal `first`), which it tells only to its onAccept callbacks. Apollo
 * validates a query text once and reuses the same document object for every later request
 * of that text, so the cost is kept by document. A document with several operations counts
 * as its costliest one.
 */
export class DocumentCosts {
  private readonly costs = new WeakMap<DocumentNode, number>();

  /** For graphql-armor's `costLimit.onAccept`: called per accepted operation. */
  readonly onAccept = (context: ValidationContext | null, details: { n: number }): void => {
    if (!context) return;
    const document = context.getDocument();
    this.costs.set(document, Math.max(details.n, this.costs.get(document) ?? 0));
  };

  of(document: DocumentNode): number {
    return this.costs.get(document) ?? 0;
  }
}

export interface HeavyQueryUsage {
  running: number;
  queued: number;
}

/**
 * Heavy queries (of at least the limits' cost) run at most `maxConcurrent` at a time, and at
 * most `maxQueued` wait for their turn; cheaper ones never wait here. So a burst of heavy
 * queries cannot take all of Neo4j's and Node's CPU from the cheap ones.
 */
export class HeavyQueryGate {
  private readonly slots: Sema;
  private running = 0;

  constructor(readonly limits: HeavyQueryLimits) {
    this.slots = new Sema(limits.maxConcurrent);
  }

  usage(): HeavyQueryUsage {
    return { running: this.running, queued: this.slots.nrWaiting() };
  }

  /**
   * Resolves with the function that gives the slot back once the query may run; rejects at
   * once with 503 HEAVY_QUERY_QUEUE_FULL when the queue is full.
   */
  async admit(cost: number): Promise<() => void> {
    if (this.slots.tryAcquire() === undefined) {
      if (this.slots.nrWaiting() >= this.limits.maxQueued) throw queueFull(cost, this.limits);
      await this.slots.acquire();
    }
    this.running += 1;
    return () => {
      this.running -= 1;
      this.slots.release();
    };
  }
}

function queueFull(cost: number, limits: HeavyQueryLimits): GraphQLError {
  return new GraphQLError(
    `Too many heavy queries at once (this one's cost is ${Math.round(cost)}; from ` +
      `${limits.cost} on, ${limits.maxConcurrent} run at a time and ${limits.maxQueued} ` +
      `wait): try again in ${RETRY_AFTER_SECONDS} s, or select less.`,
    {
      extensions: {
        code: 'HEAVY_QUERY_QUEUE_FULL',
        http: {
          status: 503,
          headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]),
        },
      },
    },
  );
}

/**
 * Holds each heavy query's execution until the gate admits it, from the moment its operation
 * is known until its answer is ready.
 */
export function heavyQueryPlugin<C extends object>(
  costs: DocumentCosts,
  gate: HeavyQueryGate,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      let admission: Promise<() => void> | null = null;
      return {
        async didResolveOperation({ document }) {
          const cost = costs.of(document);
          if (cost < gate.limits.cost) return;
          admission = gate.admit(cost);
          await admission;
        },
        async willSendResponse() {
          // Given back whenever it is had: another plugin may have refused the request while
          // this one still waited in the queue.
          admission?.then(
            (release) => release(),
            () => undefined,
          );
        },
      };
    },
  };
}
