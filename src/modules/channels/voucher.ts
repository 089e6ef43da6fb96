/**
 * Vouchers of a payment channel, off chain: the payer signs the cumulative amount it owes the
 * payee; the payee keeps only its best one and closes with it. Used by the module's `close`,
 * the check-voucher route, the CLI, the metering proxy and its client alike.
 *
 *   digest = taggedHash("telchain/channel-voucher/v1", len(chainId) ‖ chainId ‖ u64be(channel) ‖ u64be(amount))
 *
 * signed with Ed25519 by the payer's AUTHORISING key (the payer's address until it rotates its
 * key: a voucher is checked against the key in force where it is checked). The tag separates
 * vouchers from transactions (`telchain/tx/v1`); the chain id binds a voucher to one network.
 */
import { u64be } from "../../bytes.js";
import { sign, verify } from "../../crypto/ed25519.js";
import { taggedHash, utf8 } from "../../crypto/hash.js";
import type { Voucher } from "./schemas.js";

export const VOUCHER_TAG = "telchain/channel-voucher/v1";

export function voucherDigest(chainId: string, channel: number, amount: bigint): Uint8Array {
  const id = utf8(chainId);
  return taggedHash(VOUCHER_TAG, Uint8Array.of(id.length), id, u64be(channel), u64be(amount));
}

/** A voucher for `amount` (cumulative) on `channel`, signed with the payer's key seed. */
export function signVoucher(seed32: Uint8Array, chainId: string, channel: number, amount: bigint): Voucher {
  return { channel, amount, signature: sign(seed32, voucherDigest(chainId, channel, amount)) };
}

/** The voucher's signature verifies under `key` (the payer's authorising key) for this chain. */
export function voucherSignedBy(key: Uint8Array, chainId: string, v: Voucher): boolean {
  return verify(key, voucherDigest(chainId, v.channel, v.amount), v.signature);
}
