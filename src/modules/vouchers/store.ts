/**
 * State layout of the vouchers module (keys relative to m/vouchers/; ids and heights in keys are
 * 16-digit zero-padded decimals, so keys sort by number and a list's key tail reads as text):
 *
 *   t                           -> ClockEntry       last end-of-block height, pruning cursor (prune.ts)
 *   n/c, n/o                    -> Uint53           the last class / offer id
 *   n/x/<tx hash 32>            -> CreatedByTx      the class or offer a transaction created
 *   k/<class>                   -> ClassEntry       a class, kept after expiry (status "pruned")
 *   i/<issuer>/<class>          -> 0x01             index: the classes of an issuer
 *   b/<class>/<holder 32>       -> BalanceEntry     a non-zero balance, with its slot in the holder list
 *   a/<holder 32><class>        -> 0x01             index: the balances of an address
 *   h/<class>/<slot u32 BE>     -> 32 bytes         the class's holder list (slots 0 .. holders − 1)
 *   f/<offer>                   -> OfferEntry       a direct offer, until pruned after its end
 *   o/c/<class>/<offer>, o/i/<issuer>/<offer>, o/p/<publisher>/<offer>  -> 0x01  offer indexes
 *   e/<height>/n                -> u32 BE           items due for pruning after `height`
 *   e/<height>/<i u32 BE>       -> PruneItem        the i-th of them: a class or an offer
 *   s/<issuer>                  -> u32 BE           records in the issuer's redemption log
 *   r/<issuer>/<seq u32 BE>     -> RedemptionEntry  record seq (0, 1, …) of the log: cursor seq + 1
 *
 * The holder list lets the end-of-block step delete every balance of an expired class without a
 * scan (it has none): it pops slots from the end. A balance that drops to 0 frees its slot by
 * moving the last holder into it.
 */
import { concatBytes, utf8 } from "../../bytes.js";
import { Bytes32, Uint53 } from "../../codec/schema.js";
import { TelchainError } from "../../errors.js";
import { createdByTx, entries, eventLog, indexed, indexOn, pad16, U32BE } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { BalanceEntry, ClassEntry, CREATED, OfferEntry, PruneItem, RedemptionEntry } from "./schemas.js";

export const MAX_U64 = (1n << 64n) - 1n;

/** The classes of an issuer: i/<issuer>/<class>. */
export const classesByIssuer = indexOn("i/");
export const CLASS_PREFIX = utf8("k/");
const classes = indexed(
  entries(ClassEntry, (id: number) => utf8(`k/${pad16(id)}`)),
  (id, c) => [classesByIssuer.key(c.issuer, pad16(id))],
);
export const { get: readClass, set: writeClass, key: classKey } = classes;

/** The balances of an address: a/<holder><class>. */
export const balancesByHolder = indexOn("a/");
type BalanceId = [classId: number, holder: Uint8Array];
const balances = indexed(
  entries(BalanceEntry, ([classId, holder]: BalanceId) => concatBytes(utf8(`b/${pad16(classId)}/`), holder)),
  ([classId, holder]) => [balancesByHolder.key(holder, pad16(classId))],
);
/** The state key of a holder's balance of a class. */
export const balanceKey = balances.key;
const holderSlots = entries(Bytes32, ([classId, slot]: [number, number]) =>
  concatBytes(utf8(`h/${pad16(classId)}/`), U32BE.serialize(slot)),
);

/** The raw balance entry of a holder (whatever the class's expiry). */
export const readBalanceEntry = (state: StateReader, classId: number, holder: Uint8Array) =>
  balances.get(state, [classId, holder]);

/** The holder in slot `slot` of a class's holder list. */
export const readHolderSlot = (state: StateReader, classId: number, slot: number) =>
  holderSlots.get(state, [classId, slot]);

/** Adds units to a holder (a new holder takes the next slot); `c.holders` is updated, the caller writes `c`. */
export function addUnits(state: StateView, c: ClassEntry, holder: Uint8Array, amount: bigint): void {
  const b = balances.get(state, [c.id, holder]);
  if (b) {
    if (b.amount + amount > MAX_U64)
      throw new TelchainError("VOUCHERS_OVERFLOW", `the balance would pass 2^64 − 1 units of class ${c.id}`);
    balances.set(state, [c.id, holder], { amount: b.amount + amount, slot: b.slot });
    return;
  }
  const slot = c.holders;
  holderSlots.set(state, [c.id, slot], holder);
  balances.set(state, [c.id, holder], { amount, slot });
  c.holders = slot + 1;
}

/** Takes units from a holder (VOUCHERS_INSUFFICIENT); a balance that reaches 0 leaves the holder list. */
export function removeUnits(state: StateView, c: ClassEntry, holder: Uint8Array, amount: bigint): void {
  const b = balances.get(state, [c.id, holder]);
  const have = b?.amount ?? 0n;
  if (!b || have < amount)
    throw new TelchainError(
      "VOUCHERS_INSUFFICIENT",
      `the holder has ${have} units of class ${c.id}, fewer than ${amount}`,
    );
  if (have > amount) {
    balances.set(state, [c.id, holder], { amount: have - amount, slot: b.slot });
    return;
  }
  const last = c.holders - 1;
  if (b.slot !== last) {
    const moved = holderSlots.get(state, [c.id, last]) as Uint8Array;
    const mb = balances.get(state, [c.id, moved]) as BalanceEntry;
    holderSlots.set(state, [c.id, b.slot], moved);
    balances.set(state, [c.id, moved], { amount: mb.amount, slot: b.slot });
  }
  holderSlots.delete(state, [c.id, last]);
  balances.delete(state, [c.id, holder]);
  c.holders = last;
}

/** Deletes the last holder of the list and its balance (pruning); returns the units it held. */
export function popHolder(state: StateView, c: ClassEntry): bigint {
  const last = c.holders - 1;
  const holder = holderSlots.get(state, [c.id, last]) as Uint8Array;
  const amount = balances.get(state, [c.id, holder])?.amount ?? 0n;
  holderSlots.delete(state, [c.id, last]);
  balances.delete(state, [c.id, holder]);
  c.holders = last;
  return amount;
}

/** Offers by class, issuer and publisher: o/c/<class>/<offer>, o/i/<issuer>/<offer>, o/p/<publisher>/<offer>. */
export const offersByClass = indexOn("o/c/");
export const offersByIssuer = indexOn("o/i/");
export const offersByPublisher = indexOn("o/p/");
const offers = indexed(
  entries(OfferEntry, (id: number) => utf8(`f/${pad16(id)}`)),
  (id, o) => [
    offersByClass.key(pad16(o.classId), pad16(id)),
    offersByIssuer.key(o.issuer, pad16(id)),
    ...o.publisher.map((p) => offersByPublisher.key(p.carrier, pad16(id))),
  ],
);
export const { get: readOffer, set: writeOffer, delete: deleteOffer, key: offerKey } = offers;

const counters = entries(Uint53, (what: "c" | "o") => utf8(`n/${what}`));

/** The last class or offer id given (0 before the first). */
export const lastId = (state: StateReader, what: "class" | "offer"): number =>
  counters.get(state, what === "class" ? "c" : "o") ?? 0;

/** The next id of a class or an offer (1, 2, 3, …), counted. */
export function nextId(state: StateView, what: "class" | "offer"): number {
  const id = lastId(state, what) + 1;
  counters.set(state, what === "class" ? "c" : "o", id);
  return id;
}

const created = createdByTx(CREATED);

/** Records that transaction `tx` created a class or an offer. */
export const recordCreated = created.record;

/** What transaction `tx` created, if anything. */
export const readCreated = created.read;

const dueCount = entries(U32BE, (height: number) => utf8(`e/${pad16(height)}/n`));
const dueItems = entries(PruneItem, ([height, i]: [number, number]) =>
  concatBytes(utf8(`e/${pad16(height)}/`), U32BE.serialize(i)),
);

/** Queues `item` for pruning after `height` (in the end of block of a later height). */
export function queuePrune(state: StateView, height: number, item: PruneItem): void {
  const n = dueCount.get(state, height) ?? 0;
  dueItems.set(state, [height, n], item);
  dueCount.set(state, height, n + 1);
}
export const dueAt = (state: StateReader, height: number): number => dueCount.get(state, height) ?? 0;
export const readDue = (state: StateReader, height: number, i: number) => dueItems.get(state, [height, i]);
export const deleteDue = (state: StateView, height: number, i: number) => dueItems.delete(state, [height, i]);
export const deleteDueCount = (state: StateView, height: number) => dueCount.delete(state, height);

const logCount = entries(U32BE, (issuer: string) => utf8(`s/${issuer}`));
const log = eventLog(RedemptionEntry, "r/");

/** Records in the issuer's redemption log. */
export const redemptionCount = (state: StateReader, issuer: string): number =>
  logCount.get(state, issuer) ?? 0;

/** Appends a record to the issuer's log; returns its cursor (its position, from 1). */
export function appendRedemption(state: StateView, issuer: string, r: RedemptionEntry): number {
  const n = redemptionCount(state, issuer);
  if (n >= 0xffff_ffff)
    throw new TelchainError(
      "VOUCHERS_OVERFLOW",
      `issuer ${issuer}'s redemption log is full (2^32 − 1 records)`,
    );
  logCount.set(state, issuer, log.append(state, issuer, n, r));
  return n + 1;
}

/** Record `seq` (0-based; its cursor is seq + 1) of the issuer's log. */
export function readRedemption(state: StateReader, issuer: string, seq: number): RedemptionEntry | undefined {
  const v = state.get(log.key(issuer, seq));
  return v && RedemptionEntry.deserialize(v);
}
