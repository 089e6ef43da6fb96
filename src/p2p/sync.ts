/**
 * The syncer: keeps every peer's status, and when one claims more work than us, catches up
 * from it. Headers first: find the fork point by binary search over heights, fetch headers
 * in batches and check their linkage and proof of work. The claim is not trusted: only once
 * the headers' own work (from their bits) makes a branch heavier than our head are bodies
 * fetched and imported (phase `importing`, the only one the miner waits for). A peer that
 * stalls or lies is penalised, not retried for a cooldown, and the next best peer is tried.
 */
import type { PeerId } from "@libp2p/interface";
import { equalBytes } from "../bytes.js";
import { workForBits } from "../chain/pow.js";
import { provenWorkOf } from "../chain/side-chain.js";
import { headerHash } from "../codec/hashing.js";
import { HEADER_BYTES } from "../codec/schema.js";
import { sha256d } from "../crypto/hash.js";
import { isTelchainError } from "../errors.js";
import { OversizeFrameError } from "./frames.js";
import { checkHeaderBatch } from "./header-check.js";
import {
  decodeHeaders,
  decodeStatus,
  encodeBlocksRequest,
  encodeHeadersRequest,
  encodeStatus,
  HEADERS_MAX_BYTES,
  MAX_BLOCKS_PER_REQUEST,
  MAX_BLOCKS_RESPONSE_BYTES,
  MAX_HEADERS_PER_REQUEST,
  type PeerStatus,
  STATUS_BYTES,
} from "./messages.js";
import {
  PENALTY_BAD_SYNC_DATA,
  PENALTY_MALFORMED_MESSAGE,
  PENALTY_SYNC_STALL,
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
/** A peer whose sync failed is not synced from again for this long, unless it reports a new head. */
export const SYNC_RETRY_COOLDOWN_MS = 60_000;
/**
 * Headers of a branch fetched (their hashes kept, 32 bytes each) before their work must
 * exceed our head's; a branch that needs more is dropped as a stall.
 */
export const MAX_UNPROVEN_HEADERS = 64 * MAX_HEADERS_PER_REQUEST;

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
  /** Peers whose sync failed: not tried again before `until` while they report the same head. */
  private readonly cooldowns = new Map<string, { until: number; headHash: Uint8Array }>();
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
    this.cooldowns.delete(peerId);
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
      } else if (e instanceof OversizeFrameError) {
        this.scores.penalize(id, PENALTY_MALFORMED_MESSAGE, `oversize status: ${e.message}`);
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
      } catch (e) {
        if (this.stopController.signal.aborted) return;
        if (e instanceof PeerFault) {
          this.log.info({ peer: id, err: e.message, penalty: e.penalty }, "sync from peer failed");
          // Only for a peer still known (forget() on disconnect or ban clears both maps).
          if (this.statuses.has(id)) {
            this.cooldowns.set(id, {
              until: Date.now() + SYNC_RETRY_COOLDOWN_MS,
              headHash: best.status.headHash,
            });
          }
          this.scores.penalize(id, e.penalty, e.message);
        } else if (e instanceof OversizeFrameError) {
          this.log.info({ peer: id, err: e.message }, "oversize sync response");
          this.scores.penalize(id, PENALTY_MALFORMED_MESSAGE, e.message);
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
      if (this.host.getConnections(entry.peer).length === 0 || this.coolingDown(id, entry.status)) continue;
      if (!best || entry.status.work > best.status.work) best = entry;
    }
    return best;
  }

  /** Whether the peer failed a sync lately and still reports the head it failed with. */
  private coolingDown(id: string, status: PeerStatus): boolean {
    const c = this.cooldowns.get(id);
    if (!c) return false;
    if (c.until > Date.now() && equalBytes(c.headHash, status.headHash)) return true;
    this.cooldowns.delete(id);
    return false;
  }

  /**
   * Pending: fork point, then headers until their work makes the peer's branch heavier than
   * our head (the miner keeps mining meanwhile). Importing: the bodies of the proven headers,
   * then header batch by header batch up to the peer's claimed height.
   */
  private async syncFrom(peer: PeerId, target: PeerStatus): Promise<void> {
    this.progress.seek();
    const fork = await this.findForkPoint(peer, target.height);
    let parentHash = this.ourHashAt(fork);
    let work = this.ourWorkAt(fork);
    let next = fork + 1;
    const unproven: { hashes: Uint8Array[]; bits: { bits: number }[] } = { hashes: [], bits: [] };
    while (work <= this.chain.head().work) {
      if (next > target.height) {
        // Our head may have grown past an honest claim meanwhile; short of the claim is the peer's fault.
        if (work >= target.work) throw new SyncPause("our chain overtook the peer's");
        throw new PeerFault(PENALTY_SYNC_STALL, "its headers carry less work than its status claimed");
      }
      if (unproven.hashes.length >= MAX_UNPROVEN_HEADERS) {
        throw new PeerFault(
          PENALTY_SYNC_STALL,
          `${unproven.hashes.length} headers and still less work than ours`,
        );
      }
      const batch = await this.headerBatch(peer, next, target.height, parentHash);
      unproven.hashes.push(...batch.hashes);
      unproven.bits.push(...batch.headers);
      work += batch.work;
      parentHash = batch.hashes[batch.hashes.length - 1];
      next += batch.hashes.length;
    }
    this.progress.begin(target.height);
    this.log.info({ peer: peer.toString(), fork, target: target.height }, "syncing from peer");
    await this.importProven(peer, fork + 1, unproven.hashes, unproven.bits);
    while (next <= target.height) {
      const batch = await this.headerBatch(peer, next, target.height, parentHash);
      work += batch.work;
      await this.importProven(peer, next, batch.hashes, batch.headers);
      parentHash = batch.hashes[batch.hashes.length - 1];
      next += batch.hashes.length;
    }
    if (work < target.work) {
      throw new PeerFault(PENALTY_SYNC_STALL, "its headers carry less work than its status claimed");
    }
  }

  /**
   * The next batch of the peer's headers from `start`: as many as its claimed height promises
   * (at most 512), each checked (height, proof of work, linkage); their work summed from their bits.
   */
  private async headerBatch(
    peer: PeerId,
    start: number,
    claimedHeight: number,
    parentHash: Uint8Array,
  ): Promise<{ hashes: Uint8Array[]; headers: { bits: number }[]; work: bigint }> {
    const count = Math.min(MAX_HEADERS_PER_REQUEST, claimedHeight - start + 1);
    const headers = await this.fetchHeaders(peer, start, count);
    const check = checkHeaderBatch(headers, start, parentHash);
    if (!check.ok) {
      // A batch that does not attach may follow a reorg on the peer; a broken one is a lie.
      throw new PeerFault(check.first ? PENALTY_SYNC_TIMEOUT : PENALTY_BAD_SYNC_DATA, check.reason);
    }
    if (headers.length < count) {
      throw new PeerFault(
        PENALTY_SYNC_STALL,
        `${headers.length} headers from height ${start}, its claimed height ${claimedHeight} promised ${count}`,
      );
    }
    let work = 0n;
    for (const h of headers) work += workForBits(h.bits);
    return { hashes: check.hashes, headers, work };
  }

  /**
   * Fetches and imports the blocks of checked headers `hashes` (with their `headers`' bits) from
   * `start`, 32 at a time. Each block goes with the work its checked headers prove of the branch
   * from it on, so the side-chain rule admits a branch these headers show to be heavier.
   */
  private async importProven(
    peer: PeerId,
    start: number,
    hashes: Uint8Array[],
    headers: { bits: number }[],
  ): Promise<void> {
    const proven = provenWorkOf(headers);
    for (let i = 0; i < hashes.length; i += MAX_BLOCKS_PER_REQUEST) {
      const end = i + MAX_BLOCKS_PER_REQUEST;
      await this.fetchAndImport(peer, start + i, hashes.slice(i, end), proven.slice(i, end));
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
    if (!header) throw new PeerFault(PENALTY_SYNC_STALL, `no header at height ${height}`);
    const check = checkHeaderBatch([header], height, header.parent);
    if (!check.ok) throw new PeerFault(PENALTY_BAD_SYNC_DATA, check.reason);
    return equalBytes(check.hashes[0], this.ourHashAt(height));
  }

  private ourHashAt(height: number): Uint8Array {
    const header = this.chain.headerAt(height);
    if (!header) throw new SyncPause(`our chain has no block at height ${height} any more`);
    return headerHash(header);
  }

  /** Cumulative work of our main-chain block at `height`: the head's, less the work of the blocks above. */
  private ourWorkAt(height: number): bigint {
    const head = this.chain.head();
    let work = head.work;
    for (let h = head.height; h > height; h--) {
      const header = this.chain.headerAt(h);
      if (!header) throw new SyncPause(`our chain has no block at height ${h} any more`);
      work -= workForBits(header.bits);
    }
    return work;
  }

  /**
   * Runs one request to the peer we sync from. Not answering in time, closing or resetting
   * the stream without an answer, or dropping the connection is a stall.
   */
  private async ask<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (e) {
      if (this.stopController.signal.aborted) throw e;
      if (e instanceof OversizeFrameError)
        throw new PeerFault(PENALTY_MALFORMED_MESSAGE, `${what}: ${e.message}`);
      const how =
        e instanceof RequestTimeoutError
          ? "timed out"
          : isTelchainError(e) && e.code === "P2P_NO_RESPONSE"
            ? "was closed without an answer"
            : `failed: ${(e as Error).message}`;
      throw new PeerFault(PENALTY_SYNC_STALL, `${what} ${how}`);
    }
  }

  private async fetchHeaders(peer: PeerId, start: number, count: number) {
    const frame = await this.ask(`headers request (${start}, ${count})`, () =>
      requestOne(
        this.host,
        peer,
        this.names.headers,
        encodeHeadersRequest({ start, count }),
        HEADERS_MAX_BYTES,
        this.stopController.signal,
      ),
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
   * them. A peer may answer with fewer blocks than asked only once it has sent
   * MAX_BLOCKS_RESPONSE_BYTES (as our server does): the rest is asked for again. An empty
   * or otherwise short answer is a stall.
   */
  private async fetchAndImport(
    peer: PeerId,
    start: number,
    hashes: Uint8Array[],
    provenWork: bigint[],
  ): Promise<void> {
    let done = 0;
    while (done < hashes.length) {
      const from = start + done;
      const count = hashes.length - done;
      const frames = await this.ask(`blocks request (${from}, ${count})`, () =>
        requestFrames(this.host, peer, this.names.blocks, encodeBlocksRequest({ start: from, count }), {
          maxFrameBytes: this.maxBlockBytes,
          maxFrames: count,
          signal: this.stopController.signal,
        }),
      );
      if (frames.length === 0) throw new PeerFault(PENALTY_SYNC_STALL, `no blocks from height ${from}`);
      let bytesReceived = 0;
      for (const bytes of frames) {
        bytesReceived += bytes.length;
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
      if (frames.length < count && bytesReceived < MAX_BLOCKS_RESPONSE_BYTES) {
        throw new PeerFault(PENALTY_SYNC_STALL, `${frames.length} of ${count} blocks from height ${from}`);
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
