/**
 * State layout of the channels module (keys relative to m/channels/; ids in keys are 16-digit
 * zero-padded decimals, so keys sort by number and a list's key tail reads as text):
 *
 *   p                      -> ParamsEntry    the genesis parameters (absent: the defaults)
 *   n/c                    -> Uint53         the last channel id (ids are never reused)
 *   n/x/<tx hash 32>       -> CreatedByTx    the channel an `open` created
 *   c/<id>                 -> ChannelEntry   a channel, kept after it closes
 *   i/p/<payer 32><id>     -> 0x01           index: the channels a payer opened
 *   i/r/<payee 32><id>     -> 0x01           index: the channels paying a payee
 *   o/<payer 32>           -> u32 BE         the payer's channels not closed (bounded: maxOpenPerPayer)
 *   t                      -> Uint128        coins in the module's custody: Σ deposits of channels not closed
 */
import { concatBytes, utf8 } from "../../bytes.js";
import { Uint53, Uint128 } from "../../codec/schema.js";
import { createdByTx, entries, indexed, indexOn, pad16, U32BE } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { ChannelEntry, CREATED } from "./records.js";

export const PARAMS_KEY = utf8("p");

export const channelsByPayer = indexOn("i/p/");
export const channelsByPayee = indexOn("i/r/");
const channels = indexed(
  entries(ChannelEntry, (id: number) => utf8(`c/${pad16(id)}`)),
  (id, c) => [channelsByPayer.key(c.payer, pad16(id)), channelsByPayee.key(c.payee, pad16(id))],
);
export const { get: readChannel, set: writeChannel, key: channelKey } = channels;

const lastIdEntry = entries(Uint53, () => utf8("n/c"));
/** The last channel id given (0 before the first). */
export const lastChannelId = (state: StateReader): number => lastIdEntry.get(state, undefined) ?? 0;

const openCount = entries(U32BE, (payer: Uint8Array) => concatBytes(utf8("o/"), payer));
/** The payer's channels that are not closed (open or closing). */
export const openChannelsOf = (state: StateReader, payer: Uint8Array): number =>
  openCount.get(state, payer) ?? 0;

const custodyEntry = entries(Uint128, () => utf8("t"));
/** Coins the module holds: the deposits of every channel not closed. */
export const custodyOf = (state: StateReader): bigint => custodyEntry.get(state, undefined) ?? 0n;
/** Adds `delta` (negative: takes) to the custody total; deleted at 0. */
export function addCustody(state: StateView, delta: bigint): void {
  const next = custodyOf(state) + delta;
  if (next === 0n) custodyEntry.delete(state, undefined);
  else custodyEntry.set(state, undefined, next);
}

const created = createdByTx(CREATED);
/** The channel transaction `tx` created, if any. */
export const readCreated = created.read;

/** Stores a new channel (its id counted), the payer's open count and the custody; returns the id. */
export function createChannel(state: StateView, tx: Uint8Array, c: Omit<ChannelEntry, "id">): number {
  const id = lastChannelId(state) + 1;
  lastIdEntry.set(state, undefined, id);
  writeChannel(state, id, { id, ...c });
  openCount.set(state, c.payer, openChannelsOf(state, c.payer) + 1);
  addCustody(state, c.deposit);
  created.record(state, tx, "channel", id);
  return id;
}

/** Marks a channel closed (kept), drops the payer's open count and the custody by its deposit. */
export function markClosed(state: StateView, c: ChannelEntry): void {
  writeChannel(state, c.id, c);
  const n = openChannelsOf(state, c.payer);
  if (n > 1) openCount.set(state, c.payer, n - 1);
  else openCount.delete(state, c.payer);
  addCustody(state, -c.deposit);
}
