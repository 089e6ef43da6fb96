/**
 * State layout of the allowances module (keys relative to m/allowances/; ids and heights in keys
 * are 16-digit zero-padded decimals, so keys sort by number and a list's key tail reads as text):
 *
 *   n/g                          -> Uint53        the last grant id (ids are never reused)
 *   n/x/<tx hash 32>             -> CreatedByTx   the grant a transaction created
 *   g/<id>                       -> GrantEntry    an open grant (deleted when revoked, exhausted or pruned)
 *   p/<payer 32><id>             -> 0x01          index: the grants a payer gave
 *   r/<grantee 32><id>           -> 0x01          index: the grants a grantee holds
 *   o/<payer 32>                 -> u32 BE        the payer's open grants (bounded: MAX_GRANTS_PER_PAYER)
 *   e/<height>/n                 -> u32 BE        grants queued to expire at `height`
 *   e/<height>/<i u32 BE>        -> Uint53        the i-th of them (a grant id; gone already is fine)
 *   t                            -> QueueCursor   the next bucket and item the end of block prunes
 */
import { concatBytes, utf8 } from "../../bytes.js";
import { Uint53 } from "../../codec/schema.js";
import { heightQueue } from "../../module/height-queue.js";
import { createdByTx, entries, indexed, indexOn, pad16, U32BE } from "../../module/store.js";
import type { StateReader, StateView } from "../../state/view.js";
import { CREATED, GrantEntry } from "./schemas.js";

/** The grants a payer gave: p/<payer><id>; those a grantee holds: r/<grantee><id>. */
export const grantsByPayer = indexOn("p/");
export const grantsByGrantee = indexOn("r/");
const grants = indexed(
  entries(GrantEntry, (id: number) => utf8(`g/${pad16(id)}`)),
  (id, g) => [grantsByPayer.key(g.payer, pad16(id)), grantsByGrantee.key(g.grantee, pad16(id))],
);
export const { get: readGrant, set: writeGrant, key: grantKey } = grants;

const lastIdEntry = entries(Uint53, () => utf8("n/g"));
/** The last grant id given (0 before the first). */
export const lastGrantId = (state: StateReader): number => lastIdEntry.get(state, undefined) ?? 0;

const openCount = entries(U32BE, (payer: Uint8Array) => concatBytes(utf8("o/"), payer));
/** The open grants of a payer (expired ones count until they are pruned). */
export const openGrantsOf = (state: StateReader, payer: Uint8Array): number =>
  openCount.get(state, payer) ?? 0;

/** Grants queued by expiry height, pruned at the end of blocks (src/module/height-queue.ts). */
export const expiryQueue = heightQueue("e/", "t");
export const dueAt = expiryQueue.dueAt;

const created = createdByTx(CREATED);
/** The grant transaction `tx` created, if any. */
export const readCreated = created.read;

/** Stores a new grant: its id (counted), the payer's open count, its place in the expiry queue. */
export function createGrant(state: StateView, tx: Uint8Array, g: Omit<GrantEntry, "id">): number {
  const id = lastGrantId(state) + 1;
  lastIdEntry.set(state, undefined, id);
  writeGrant(state, id, { id, ...g });
  openCount.set(state, g.payer, openGrantsOf(state, g.payer) + 1);
  if (g.expiry !== 0) {
    expiryQueue.push(state, g.expiry, id);
  }
  created.record(state, tx, "grant", id);
  return id;
}

/** Deletes a grant (revoked, exhausted, expired) with its index keys; the payer's open count drops. */
export function removeGrant(state: StateView, g: GrantEntry): void {
  grants.delete(state, g.id);
  const n = openGrantsOf(state, g.payer);
  if (n > 1) openCount.set(state, g.payer, n - 1);
  else openCount.delete(state, g.payer);
}
