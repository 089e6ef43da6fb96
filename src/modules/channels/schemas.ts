/**
 * SSZ schemas of the channels module (one-way payment channels): the payloads of its kinds and
 * the signed voucher. Amounts are coin base units (uint64, bigint); ids and heights Uint53.
 *
 * Contract shared by the module's kinds, its CLI, the metering proxy and the client library:
 * change it only together with docs/channels.md.
 */
import type { ValueOf } from "@chainsafe/ssz";
import { Bytes32, Bytes64, container, Uint53, Uint64 } from "../../codec/schema.js";

/** `open`: the sender (payer) locks `deposit` for `payee` until `expiry` (a height). The channel gets an id from a counter (1, 2, …). */
export const OpenPayload = container("ChannelOpen", { payee: Bytes32, deposit: Uint64, expiry: Uint53 });
/** `top-up`: the payer adds `amount` (may be 0) and moves the expiry to `expiry` (0 keeps it; never earlier). */
export const TopUpPayload = container("ChannelTopUp", { channel: Uint53, amount: Uint64, expiry: Uint53 });
/**
 * `close`: the payee, before expiry (also during an early close's dispute window), with the best
 * voucher it holds: it receives `amount`, the payer the rest; the channel is closed.
 */
export const ClosePayload = container("ChannelClose", {
  channel: Uint53,
  amount: Uint64,
  signature: Bytes64,
});
/**
 * `start-close`: the payer, before expiry, closes early, naming the `amount` it owes (its latest
 * voucher's): a dispute window opens (genesis param) in which the payee may still `close` with a
 * higher voucher; after it, `settle` pays `amount` to the payee and the rest to the payer.
 */
export const StartClosePayload = container("ChannelStartClose", { channel: Uint53, amount: Uint64 });
/** `settle` (anyone, after the dispute window) and `reclaim` (the payer, after expiry): the channel id. */
export const ChannelIdPayload = container("ChannelId", { channel: Uint53 });

/** A voucher: the payer's signature over (chain id, channel, cumulative amount); amounts only grow. */
export const Voucher = container("ChannelVoucher", { channel: Uint53, amount: Uint64, signature: Bytes64 });
export type Voucher = ValueOf<typeof Voucher>;
