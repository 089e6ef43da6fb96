/**
 * Transaction and block gossip. Every message passes a topic validator that hands it to
 * the chain: accepted ones are forwarded, duplicates and state-dependent refusals are
 * ignored, and invalid ones are rejected and cost the forwarding peer score.
 */
import { type Message, TopicValidatorResult } from "@libp2p/gossipsub";
import type { PeerId } from "@libp2p/interface";
import { isTelchainError } from "../errors.js";
import {
  PENALTY_INVALID_BLOCK,
  PENALTY_INVALID_TX,
  PENALTY_MALFORMED_MESSAGE,
  PENALTY_RATE_LIMIT,
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

export class Gossip extends ProtocolPart {
  private readonly txLimiter = new PeerRateLimiter(TX_GOSSIP_BURST, TX_GOSSIP_PER_SECOND);
  private readonly blockLimiter = new PeerRateLimiter(BLOCK_GOSSIP_BURST, BLOCK_GOSSIP_PER_SECOND);
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
      ignored: IGNORED_BLOCK_CODES,
      penalty: PENALTY_INVALID_BLOCK,
      async submit(chain, data) {
        const res = await chain.submitBlock(data, "peer");
        return res.status === "known" ? TopicValidatorResult.Ignore : TopicValidatorResult.Accept;
      },
      // A block whose parent we lack says we are behind that peer: sync from it, no penalty.
      unknownParent: () => this.onUnknownParent(peer),
    });
  }

  /**
   * Gossip validation: rate limit per peer, then the chain's own checks. Refusals a peer
   * could not have known about are ignored; others reject the message and cost the peer
   * (more for a message that does not even decode).
   */
  private async validate(
    peer: PeerId,
    msg: Message,
    k: {
      what: "transaction" | "block";
      limiter: PeerRateLimiter;
      ignored: ReadonlySet<string>;
      penalty: number;
      submit(chain: ChainAccess, data: Uint8Array): Promise<TopicValidatorResult>;
      unknownParent?: () => void;
    },
  ): Promise<TopicValidatorResult> {
    const id = peer.toString();
    if (this.stopped) return TopicValidatorResult.Ignore;
    if (!k.limiter.take(id)) {
      this.scores.penalize(id, PENALTY_RATE_LIMIT, `${k.what} gossip rate exceeded`);
      return TopicValidatorResult.Ignore;
    }
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
      const penalty = e.code.startsWith("CODEC_") ? PENALTY_MALFORMED_MESSAGE : k.penalty;
      this.scores.penalize(id, penalty, `invalid ${k.what}: ${e.code}`);
      // An invalid block is rarer and costlier than an invalid transaction: say so at info.
      const log = k.what === "block" ? this.log.info : this.log.debug;
      log.call(this.log, { peer: id, code: e.code, err: e.message }, `rejected gossiped ${k.what}`);
      return TopicValidatorResult.Reject;
    }
  }
}
