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

  private async validateTx(peer: PeerId, msg: Message): Promise<TopicValidatorResult> {
    const id = peer.toString();
    if (this.stopped) return TopicValidatorResult.Ignore;
    if (!this.txLimiter.take(id)) {
      this.scores.penalize(id, PENALTY_RATE_LIMIT, "transaction gossip rate exceeded");
      return TopicValidatorResult.Ignore;
    }
    try {
      await this.chain.submitTx(msg.data, "peer");
      return TopicValidatorResult.Accept;
    } catch (e) {
      if (!isTelchainError(e)) {
        this.log.warn({ err: (e as Error).message }, "could not check a gossiped transaction");
        return TopicValidatorResult.Ignore;
      }
      if (IGNORED_TX_CODES.has(e.code)) return TopicValidatorResult.Ignore;
      const penalty = e.code.startsWith("CODEC_") ? PENALTY_MALFORMED_MESSAGE : PENALTY_INVALID_TX;
      this.scores.penalize(id, penalty, `invalid transaction: ${e.code}`);
      this.log.debug({ peer: id, code: e.code, err: e.message }, "rejected gossiped transaction");
      return TopicValidatorResult.Reject;
    }
  }

  private async validateBlock(peer: PeerId, msg: Message): Promise<TopicValidatorResult> {
    const id = peer.toString();
    if (this.stopped) return TopicValidatorResult.Ignore;
    if (!this.blockLimiter.take(id)) {
      this.scores.penalize(id, PENALTY_RATE_LIMIT, "block gossip rate exceeded");
      return TopicValidatorResult.Ignore;
    }
    try {
      const res = await this.chain.submitBlock(msg.data, "peer");
      return res.status === "known" ? TopicValidatorResult.Ignore : TopicValidatorResult.Accept;
    } catch (e) {
      if (!isTelchainError(e)) {
        this.log.warn({ err: (e as Error).message }, "could not check a gossiped block");
        return TopicValidatorResult.Ignore;
      }
      if (e.code === "BLOCK_UNKNOWN_PARENT") {
        this.onUnknownParent(peer);
        return TopicValidatorResult.Ignore;
      }
      if (IGNORED_BLOCK_CODES.has(e.code)) return TopicValidatorResult.Ignore;
      const penalty = e.code.startsWith("CODEC_") ? PENALTY_MALFORMED_MESSAGE : PENALTY_INVALID_BLOCK;
      this.scores.penalize(id, penalty, `invalid block: ${e.code}`);
      this.log.info({ peer: id, code: e.code, err: e.message }, "rejected gossiped block");
      return TopicValidatorResult.Reject;
    }
  }
}
