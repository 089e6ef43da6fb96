/**
 * One task at a time per peer: gossipsub hands every message of an RPC to its validator at
 * once, so without a queue a peer's hundreds of messages would all be decoded and checked
 * before the first verdict could ban it. Queued, each waits for the peer's previous one, and
 * the task itself looks at the peer's state (banned?) only when its turn comes. Peers do not
 * wait for each other. The rate limits in front of the queue bound its length.
 */
export class PeerQueues {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every task queued before it for `peer` has settled. */
  run<T>(peer: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(peer) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(peer, tail);
    // Forget an idle peer: the map holds only peers with work queued.
    void tail.then(() => {
      if (this.tails.get(peer) === tail) this.tails.delete(peer);
    });
    return result;
  }

  /** Peers with work queued or running. */
  busyPeers(): number {
    return this.tails.size;
  }
}
