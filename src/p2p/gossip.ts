/**
 * Transaction and block gossip. Every message passes a topic validator that hands it to
 * the chain: accepted ones are forwarded, duplicates and state-dependent refusals are
 * ignored, and invalid ones are rejected and cost the forwarding peer score. A peer's
 * messages are validated one at a time (PeerQueues), so a ban drops what it still has queued,
 * and within per-peer budgets of messages and (blocks) bytes per second.
 */
import { type Message, TopicValidatorResult } from "@libp2p/gossipsub";
import type { PeerId } from "@libp2p/interface";
import { isTelchainError } from "../errors.js";
import { PeerQueues } from "./peer-queue.js";
import {
  PENALTY_INVALID_BLOCK,
  PENALTY_INVALID_TX,
  PENALTY_MALFORMED_MESSAGE,
  PENALTY_RATE_LIMIT,
  PENALTY_WEAK_SIDE_BLOCK,
} from "./peer-scores.js";
import { type NetworkParts, ProtocolPart } from "./protocol-part.js";
import { PeerRateLimiter } from "./rate-limit.js";
import type { ChainAccess } from "./types.js";

/** Gossip budget per peer: burst and sustained messages per second (first deliveries only). */
export const TX_GOSSIP_BURST = 500;
export const TX_GOSSIP_PER_SECOND = 200;
export const BLOCK_GOSSIP_BURST = 30;
export const BLOCK_GOSSIP_PER_SECOND = 5;
/**
 * Validation budget per peer in bytes of gossiped blocks: burst 8 MiB, then 1 MiB/s. A block
 * is admitted while the peer has any budget left and its size is then spent (so one block
 * larger than the burst still passes, and the debt delays the next). Honest peers stay well
 * inside: the dev chain carries at most one 2 MiB block every 2 s, 1 MiB/s, and gossipsub
 * validates each block once, from the first peer that delivers it.
 */
export const BLOCK_GOSSIP_BYTES_BURST = 8 * 1024 * 1024;
export const BLOCK_GOSSIP_BYTES_PER_SECOND = 1024 * 1024;

/**
 * Transaction refusals that an honest peer may cause: already known, or valid against a
 * different (or older) state than ours. Ignored without penalty.
 */
const IGNORED_TX_CODES = new Set([
  "MEMPOOL_DUPLICATE",
  "MEMPOOL_FULL",
  "MEMPOOL_NONCE_GAP",
  "MEMPOOL_SENDER_LIMIT",
  "MEMPOOL_REPLACEMENT_UNDERPRICED",
  "TX_ALREADY_INCLUDED",
  "TX_NONCE_TOO_LOW",
  "TX_BAD_NONCE",
  "TX_EXPIRED",
  "TX_INSUFFICIENT_FUNDS",
]);

/** Block refusals that are not the sender's fault. */
const IGNORED_BLOCK_CODES = new Set(["BLOCK_TIME_TOO_NEW"]);

/** Block refusals that cost less than an invalid block: the side-chain rule's (side-chain.ts). */
const BLOCK_CODE_PENALTIES: ReadonlyMap<string, number> = new Map([
  ["BLOCK_SIDE_CHAIN_TOO_WEAK", PENALTY_WEAK_SIDE_BLOCK],
  ["BLOCK_FORK_TOO_DEEP", PENALTY_WEAK_SIDE_BLOCK],
]);

export class Gossip extends ProtocolPart {
  private readonly txLimiter = new PeerRateLimiter(TX_GOSSIP_BURST, TX_GOSSIP_PER_SECOND);
  private readonly blockLimiter = new PeerRateLimiter(BLOCK_GOSSIP_BURST, BLOCK_GOSSIP_PER_SECOND);
  private readonly blockBytes = new PeerRateLimiter(BLOCK_GOSSIP_BYTES_BURST, BLOCK_GOSSIP_BYTES_PER_SECOND);
  private readonly txQueues = new PeerQueues();
  private readonly blockQueues = new PeerQueues();
  private stopped = false;

  constructor(
    parts: NetworkParts,
    /** A peer sent a block whose parent we lack: we are behind it. */
    private readonly onUnknownParent: (peer: PeerId) => void,
  ) {
    super(parts);
  }

  /** Installs the validators (before the host starts, so no message slips past them). */
  install(): void {
    const pubsub = this.host.services.pubsub;
    pubsub.topicValidators.set(this.names.txTopic, (peer, msg) => this.validateTx(peer, msg));
    pubsub.topicValidators.set(this.names.blockTopic, (peer, msg) => this.validateBlock(peer, msg));
    this.chain.onLocalTx((bytes) => this.publish(this.names.txTopic, bytes));
    this.chain.onLocalBlock((bytes) => this.publish(this.names.blockTopic, bytes));
  }

  /** Subscribes to both topics (gossipsub must be running). */
  subscribe(): void {
    this.host.services.pubsub.subscribe(this.names.txTopic);
    this.host.services.pubsub.subscribe(this.names.blockTopic);
  }

  stop(): void {
    this.stopped = true;
    const pubsub = this.host.services.pubsub;
    pubsub.topicValidators.delete(this.names.txTopic);
    pubsub.topicValidators.delete(this.names.blockTopic);
  }

  forget(peer: string): void {
    this.txLimiter.forget(peer);
    this.blockLimiter.forget(peer);
    this.blockBytes.forget(peer);
  }

  private publish(topic: string, bytes: Uint8Array): void {
    if (this.stopped) return;
    // Without subscribed peers there is nobody to tell yet; sync covers them later.
    this.host.services.pubsub.publish(topic, bytes).catch((e) => {
      this.log.debug({ topic, err: (e as Error).message }, "gossip publish failed");
    });
  }

  private validateTx(peer: PeerId, msg: Message): Promise<TopicValidatorResult> {
    return this.validate(peer, msg, {
      what: "transaction",
      limiter: this.txLimiter,
      queues: this.txQueues,
      ignored: IGNORED_TX_CODES,
      penalty: PENALTY_INVALID_TX,
      async submit(chain, data) {
        await chain.submitTx(data, "peer");
        return TopicValidatorResult.Accept;
      },
    });
  }

  private validateBlock(peer: PeerId, msg: Message): Promise<TopicValidatorResult> {
    return this.validate(peer, msg, {
      what: "block",
      limiter: this.blockLimiter,
      bytes: this.blockBytes,
      queues: this.blockQueues,
      ignored: IGNORED_BLOCK_CODES,
      penalty: PENALTY_INVALID_BLOCK,
      penalties: BLOCK_CODE_PENALTIES,
      async submit(chain, data) {
        const res = await chain.submitBlock(data, "peer");
        return res.status === "known" ? TopicValidatorResult.Ignore : TopicValidatorResult.Accept;
      },
      // A block whose parent we lack says we are behind that peer: sync from it, no penalty.
      unknownParent: () => this.onUnknownParent(peer),
    });
  }

  /**
   * Gossip validation: nothing from a banned peer, then its budgets (messages, and bytes of
   * blocks, per second), then in the peer's queue the chain's own checks. Refusals a peer
   * could not have known about are ignored; others reject the message and cost the peer
   * (more for a message that does not even decode).
   */
  private validate(peer: PeerId, msg: Message, k: Validation): Promise<TopicValidatorResult> {
    const id = peer.toString();
    if (this.stopped || this.scores.isBanned(id)) return Promise.resolve(TopicValidatorResult.Ignore);
    if (!k.limiter.take(id)) {
      this.scores.penalize(id, PENALTY_RATE_LIMIT, `${k.what} gossip rate exceeded`);
      return Promise.resolve(TopicValidatorResult.Ignore);
    }
    if (k.bytes && !k.bytes.spend(id, msg.data.length)) {
      this.scores.penalize(id, PENALTY_RATE_LIMIT, `${k.what} gossip byte budget exceeded`);
      return Promise.resolve(TopicValidatorResult.Ignore);
    }
    return k.queues.run(id, () => this.check(id, msg, k));
  }

  /** The chain's checks of one message, when its turn in the peer's queue comes. */
  private async check(id: string, msg: Message, k: Validation): Promise<TopicValidatorResult> {
    // An earlier message of this peer may have banned it while this one waited.
    if (this.stopped || this.scores.isBanned(id)) return TopicValidatorResult.Ignore;
    try {
      return await k.submit(this.chain, msg.data);
    } catch (e) {
      if (!isTelchainError(e)) {
        this.log.warn({ err: (e as Error).message }, `could not check a gossiped ${k.what}`);
        return TopicValidatorResult.Ignore;
      }
      if (k.unknownParent && e.code === "BLOCK_UNKNOWN_PARENT") {
        k.unknownParent();
        return TopicValidatorResult.Ignore;
      }
      if (k.ignored.has(e.code)) return TopicValidatorResult.Ignore;
      const penalty = e.code.startsWith("CODEC_")
        ? PENALTY_MALFORMED_MESSAGE
        : (k.penalties?.get(e.code) ?? k.penalty);
      this.scores.penalize(id, penalty, `invalid ${k.what}: ${e.code}`);
      // An invalid block is rarer and costlier than an invalid transaction: say so at info.
      const log = k.what === "block" ? this.log.info : this.log.debug;
      log.call(this.log, { peer: id, code: e.code, err: e.message }, `rejected gossiped ${k.what}`);
      return TopicValidatorResult.Reject;
    }
  }
}

/** How one topic is validated. */
interface Validation {
  what: "transaction" | "block";
  /** Messages per second per peer. */
  limiter: PeerRateLimiter;
  /** Bytes per second per peer (blocks). */
  bytes?: PeerRateLimiter;
  queues: PeerQueues;
  ignored: ReadonlySet<string>;
  /** Penalty of a refusal (a CODEC_ one costs PENALTY_MALFORMED_MESSAGE)... */
  penalty: number;
  /** ...unless its code has its own here. */
  penalties?: ReadonlyMap<string, number>;
  submit(chain: ChainAccess, data: Uint8Array): Promise<TopicValidatorResult>;
  unknownParent?: () => void;
}
