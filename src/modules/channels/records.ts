/**
 * What the channels module stores (keys: store.ts), beside the payload contract in schemas.ts.
 * Amounts are coin base units (uint64, bigint); ids and heights Uint53.
 */
import type { ValueOf } from "@chainsafe/ssz";
import { Bytes32, container, Uint8, Uint53, Uint64 } from "../../codec/schema.js";

/** A channel's status: its index in a record. */
export const STATUSES = ["open", "closing", "closed"] as const;
export type Status = (typeof STATUSES)[number];
/** How a closed channel ended (0: not closed). */
export const HOW = ["", "close", "settle", "reclaim"] as const;
export type How = Exclude<(typeof HOW)[number], "">;

/**
 * A channel at c/<id>, kept after it closes. `deposit` is what the payer locked (top-ups added).
 * Closing (an early close by the payer): `stated` is the amount the payer says it owes, and
 * `settlesAt` the first height `settle` may run at. Closed: `paid` went to the payee (the rest of
 * the deposit back to the payer) at `closedAt`, by `how` (HOW index).
 */
export const ChannelEntry = container("ChannelsChannel", {
  id: Uint53,
  payer: Bytes32,
  payee: Bytes32,
  deposit: Uint64,
  expiry: Uint53,
  openedAt: Uint53,
  status: Uint8,
  stated: Uint64,
  settlesAt: Uint53,
  paid: Uint64,
  closedAt: Uint53,
  how: Uint8,
});
export type ChannelEntry = ValueOf<typeof ChannelEntry>;

/** The module's parameters (key p), from the genesis section (params.ts). */
export const ParamsEntry = container("ChannelsParams", {
  maxChannelLife: Uint53,
  disputeWindow: Uint53,
  maxOpenPerPayer: Uint53,
});
export type ChannelsParams = ValueOf<typeof ParamsEntry>;

/** What a transaction can create (n/x/<tx hash>): so the CLI finds the id its open got. */
export const CREATED = ["channel"] as const;
