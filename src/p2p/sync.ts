/**
 * The syncer: keeps every peer's status, and when one has more work than us, catches up
 * from it. Headers first: find the fork point by binary search over heights, fetch headers
 * in batches and check their linkage and proof of work, only then fetch the bodies and
 * import them. A peer that stalls or lies is penalised and the next best peer is tried.
 */
import type { PeerId } from "@libp2p/interface";
import { equalBytes } from "../bytes.js";
import { provenWorkOf } from "../chain/side-chain.js";
import { headerHash } from "../codec/hashing.js";
import { HEADER_BYTES } from "../codec/schema.js";
import { sha256d } from "../crypto/hash.js";
import { isTelchainError } from "../errors.js";
import { checkHeaderBatch } from "./header-check.js";
import {
  decodeHeaders,
  decodeStatus,
  encodeBlocksRequest,
  encodeHeadersRequest,
  encodeStatus,
  HEADERS_MAX_BYTES,
  MAX_BLOCKS_PER_REQUEST,
  MAX_HEADERS_PER_REQUEST,
  type PeerStatus,
  STATUS_BYTES,
} from "./messages.js";
import {
  PENALTY_BAD_SYNC_DATA,
  PENALTY_MALFORMED_MESSAGE,
  PENALTY_SYNC_TIMEOUT,
  PENALTY_WRONG_NETWORK,
} from "./peer-scores.js";
import { type NetworkParts, ProtocolPart } from "./protocol-part.js";
import { RequestTimeoutError, requestFrames, requestOne } from "./request.js";
import { SyncProgress } from "./sync-progress.js";
import { ourStatus } from "./sync-server.js";
import type { SyncState } from "./types.js";

/** How often every connected peer is asked for its status. */
export const STATUS_INTERVAL_MS = 5_000;

/** The peer misbehaved (or stalled): penalise it and try another. */
class PeerFault extends Error {
  constructor(
    readonly penalty: number,
    message: string,
  ) {
    super(message);
  }
}

/** Stop syncing from this peer for now, through no fault of its own. */
class SyncPause extends Error {}

export class Syncer extends ProtocolPart {
  private readonly statuses = new Map<string, { peer: PeerId; status: PeerStatus }>();
  private readonly progress: SyncProgress;
  private readonly stopController = new AbortController();
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    parts: NetworkParts,
    /** Largest encoded block accepted in a blocks response. */
    private readonly maxBlockBytes: number,
  ) {
    super(parts);
    this.progress = new SyncProgress(this.log, () => this.chain.head().height);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.refreshAll();
      this.trigger();
    }, STATUS_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopController.abort(new Error("network stopping"));
    clearInterval(this.timer);
    await this.running;
    this.progress.end();
  }

  state(): SyncState {
    return this.progress.state();
  }

  /** The last status a peer reported, if any. */
  statusOf(peerId: string): PeerStatus | undefined {
    return this.statuses.get(peerId)?.status;
  }

  forget(peerId: string): void {
    this.statuses.delete(peerId);
  }

  /** Records a status a peer reported; starts a sync if it is ahead of us. */
  noteStatus(peer: PeerId, status: PeerStatus): void {
    const id = peer.toString();
    if (!equalBytes(status.genesisHash, this.chain.genesisHash)) {
      this.scores.penalize(id, PENALTY_WRONG_NETWORK, "peer has a different genesis block");
      return;
    }
    this.statuses.set(id, { peer, status });
    if (status.work > this.chain.head().work) this.trigger();
  }

  /** Asks a peer for its status (on connect, on the timer, after an unknown-parent block). */
  async refreshStatus(peer: PeerId): Promise<void> {
    const id = peer.toString();
    try {
      const frame = await requestOne(
        this.host,
        peer,
        this.names.status,
        encodeStatus(ourStatus(this.chain)),
        STATUS_BYTES,
        this.stopController.signal,
      );
      this.noteStatus(peer, decodeStatus(frame));
    } catch (e) {
      if (this.stopController.signal.aborted) return;
      if (e instanceof RequestTimeoutError) {
        this.scores.penalize(id, PENALTY_SYNC_TIMEOUT, "status request timed out");
      } else if (isTelchainError(e) && e.code.startsWith("CODEC_")) {
        this.scores.penalize(id, PENALTY_MALFORMED_MESSAGE, `malformed status: ${e.message}`);
      } else {
        this.log.debug({ peer: id, err: (e as Error).message }, "status request failed");
      }
    }
  }

  /** Runs sync rounds until no known peer has more work than us. */
  trigger(): void {
    if (this.stopController.signal.aborted) return;
    this.again = true;
    if (this.running) return;
    this.running = (async () => {
      while (this.again && !this.stopController.signal.aborted) {
        this.again = false;
        await this.round();
      }
    })()
      .catch((e) => this.log.warn({ err: (e as Error).message }, "sync round failed"))
      .finally(() => {
        this.running = undefined;
        this.progress.end();
      });
  }

  private refreshAll(): void {
    for (const peer of this.host.getPeers()) void this.refreshStatus(peer);
  }

  /** Syncs from the best peer ahead of us; on failure from the next best, each at most once. */
  private async round(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      if (this.stopController.signal.aborted) return;
      const best = this.bestPeer(tried);
      if (!best) return;
      const id = best.peer.toString();
      tried.add(id);
      try {
        await this.syncFrom(best.peer, best.status);
        if (this.chain.head().work < best.status.work && this.statusOf(id) === best.status) {
          throw new PeerFault(PENALTY_SYNC_TIMEOUT, "peer did not deliver the work it claimed");
        }
      } catch (e) {
        if (this.stopController.signal.aborted) return;
        if (e instanceof PeerFault) {
          this.log.info({ peer: id, err: e.message }, "sync from peer failed");
          this.scores.penalize(id, e.penalty, e.message);
        } else if (e instanceof RequestTimeoutError) {
          this.log.info({ peer: id }, "sync request timed out");
          this.scores.penalize(id, PENALTY_SYNC_TIMEOUT, e.message);
        } else if (e instanceof SyncPause) {
          this.log.debug({ peer: id, err: e.message }, "sync paused");
        } else {
          this.log.debug({ peer: id, err: (e as Error).message }, "sync from peer interrupted");
        }
      }
    }
  }

  private bestPeer(tried: Set<string>): { peer: PeerId; status: PeerStatus } | undefined {
    let best: { peer: PeerId; status: PeerStatus } | undefined;
    const ourWork = this.chain.head().work;
    for (const [id, entry] of this.statuses) {
      if (tried.has(id) || this.scores.isBanned(id) || entry.status.work <= ourWork) continue;
      if (this.host.getConnections(entry.peer).length === 0) continue;
      if (!best || entry.status.work > best.status.work) best = entry;
    }
    return best;
  }

  private async syncFrom(peer: PeerId, target: PeerStatus): Promise<void> {
    const fork = await this.findForkPoint(peer, target.height);
    this.progress.begin(target.height);
    this.log.info({ peer: peer.toString(), fork, target: target.height }, "syncing from peer");
    let parentHash = this.ourHashAt(fork);
    let next = fork + 1;
    while (next <= target.height) {
      const count = Math.min(MAX_HEADERS_PER_REQUEST, target.height - next + 1);
      const headers = await this.fetchHeaders(peer, next, count);
      if (headers.length === 0) throw new PeerFault(PENALTY_SYNC_TIMEOUT, `no headers from height ${next}`);
      const check = checkHeaderBatch(headers, next, parentHash);
      if (!check.ok) {
        // A batch that does not attach may follow a reorg on the peer; a broken one is a lie.
        throw new PeerFault(check.first ? PENALTY_SYNC_TIMEOUT : PENALTY_BAD_SYNC_DATA, check.reason);
      }
      // What these checked headers prove of the branch from each block on (side-chain rule).
      const proven = provenWorkOf(headers);
      for (let i = 0; i < headers.length; i += MAX_BLOCKS_PER_REQUEST) {
        const end = i + MAX_BLOCKS_PER_REQUEST;
        await this.fetchAndImport(peer, next + i, check.hashes.slice(i, end), proven.slice(i, end));
      }
      parentHash = check.hashes[check.hashes.length - 1];
      next += headers.length;
    }
  }

  /** The highest height at which the peer's main chain and ours hold the same block. */
  private async findForkPoint(peer: PeerId, peerHeight: number): Promise<number> {
    const top = Math.min(this.chain.head().height, peerHeight);
    // Usual case: the peer extends our chain, one request settles it.
    if (await this.sameBlockAt(peer, top)) return top;
    // Invariant: the chains agree at `lo` (genesis, checked by status) and differ at `hi`.
    let lo = 0;
    let hi = top;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await this.sameBlockAt(peer, mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  private async sameBlockAt(peer: PeerId, height: number): Promise<boolean> {
    if (height === 0) return true;
    const [header] = await this.fetchHeaders(peer, height, 1);
    if (!header) throw new PeerFault(PENALTY_SYNC_TIMEOUT, `no header at height ${height}`);
    const check = checkHeaderBatch([header], height, header.parent);
    if (!check.ok) throw new PeerFault(PENALTY_BAD_SYNC_DATA, check.reason);
    return equalBytes(check.hashes[0], this.ourHashAt(height));
  }

  private ourHashAt(height: number): Uint8Array {
    const header = this.chain.headerAt(height);
    if (!header) throw new SyncPause(`our chain has no block at height ${height} any more`);
    return headerHash(header);
  }

  private async fetchHeaders(peer: PeerId, start: number, count: number) {
    const frame = await requestOne(
      this.host,
      peer,
      this.names.headers,
      encodeHeadersRequest({ start, count }),
      HEADERS_MAX_BYTES,
      this.stopController.signal,
    );
    let headers: ReturnType<typeof decodeHeaders>;
    try {
      headers = decodeHeaders(frame);
    } catch (e) {
      throw new PeerFault(PENALTY_MALFORMED_MESSAGE, `malformed headers: ${(e as Error).message}`);
    }
    if (headers.length > count) {
      throw new PeerFault(PENALTY_BAD_SYNC_DATA, `${headers.length} headers for a request of ${count}`);
    }
    return headers;
  }

  /**
   * Fetches the bodies of the (already checked) headers `hashes` from `start` and imports
   * them. A peer may answer with fewer blocks than asked (a response is bounded in bytes):
   * the rest is asked for again; an empty answer ends it.
   */
  private async fetchAndImport(
    peer: PeerId,
    start: number,
    hashes: Uint8Array[],
    provenWork: bigint[],
  ): Promise<void> {
    let done = 0;
    while (done < hashes.length) {
      const count = hashes.length - done;
      const frames = await requestFrames(
        this.host,
        peer,
        this.names.blocks,
        encodeBlocksRequest({ start: start + done, count }),
        { maxFrameBytes: this.maxBlockBytes, maxFrames: count, signal: this.stopController.signal },
      );
      if (frames.length === 0)
        throw new PeerFault(PENALTY_SYNC_TIMEOUT, `no blocks from height ${start + done}`);
      for (const bytes of frames) {
        const height = start + done;
        // The header is the fixed-size first field of an encoded block: hash it in place.
        if (
          bytes.length < HEADER_BYTES ||
          !equalBytes(sha256d(bytes.subarray(0, HEADER_BYTES)), hashes[done])
        ) {
          throw new PeerFault(PENALTY_SYNC_TIMEOUT, `block ${height} does not match its header`);
        }
        await this.importBlock(bytes, height, provenWork[done]);
        this.progress.blockImported();
        done++;
      }
    }
  }

  private async importBlock(bytes: Uint8Array, height: number, provenWork: bigint): Promise<void> {
    try {
      await this.chain.submitBlock(bytes, "sync", { provenWork });
    } catch (e) {
      if (!isTelchainError(e)) throw e;
      if (e.code === "BLOCK_TIME_TOO_NEW") throw new SyncPause(`block ${height}: ${e.message}`);
      // The headers in hand do not prove a branch that overtakes our head: the peer's claimed
      // work is not delivered (as in round()), nothing was stored.
      if (e.code === "BLOCK_SIDE_CHAIN_TOO_WEAK" || e.code === "BLOCK_FORK_TOO_DEEP")
        throw new PeerFault(PENALTY_SYNC_TIMEOUT, `block ${height} refused: ${e.code} ${e.message}`);
      throw new PeerFault(PENALTY_BAD_SYNC_DATA, `block ${height} refused: ${e.code} ${e.message}`);
    }
  }
}
