/**
 * Writes of this process that touch the same entity, one at a time, in order of arrival.
 *
 * Neo4j's locks already serialise them (and still do across API replicas), but a write that
 * waits there holds a transaction, whose timeout counts the wait, and a pooled connection: a
 * burst of writes to one entity (every curator assigning leads of one action) then ends in
 * timeouts (SERVICE_UNAVAILABLE) although each write takes a few milliseconds. Queued here,
 * a write begins its transaction only when the previous write of its entity has committed,
 * so its timeout measures its own work and the waiting costs no connection.
 *
 * A write holds no Neo4j lock while it waits here, so this adds no deadlock: the queue's
 * holder only ever waits for Neo4j's locks, never for another queue.
 */
export class WriteQueue {
  /** Per key, the end of the last write queued: the next one starts after it settles. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<R>(key: string, write: () => Promise<R>): Promise<R> {
    // a tail never rejects: a failed write lets the next one run all the same
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(write);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // The last write of a key removes the key when it is done: the map holds busy keys only.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
