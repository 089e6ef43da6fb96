/**
 * carriers/rotate-keys: an operator removes and adds operator keys (removals first, new
 * keys appended in order). Every removed key must be an operator of the carrier, every
 * added key free (CARRIER_KEY_IN_USE, also for a key already operating this carrier); at
 * least one key must remain (CARRIER_LAST_KEY) and at most 8 may result. An operator may
 * remove its own key.
 */
import { equalBytes, toHex } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { MAX_OPERATORS, RotateKeysPayload } from "../schemas.js";
import { clearOperator, setOperator, writeCarrier } from "../store.js";
import { bad, ensureKeyFree, operatedCarrier } from "./common.js";

export const rotateKeys = defineKind({
  payload: RotateKeysPayload,
  parse(p) {
    if (p.add.length === 0 && p.remove.length === 0) throw bad("give keys to add or remove");
    const all = [...p.add, ...p.remove].map(toHex);
    if (new Set(all).size !== all.length) throw bad("a key appears twice in add/remove (or in both)");
    return p;
  },
  apply(ctx, { id, add, remove }) {
    const entry = operatedCarrier(ctx, id);
    for (const k of remove)
      if (!entry.operators.some((o) => equalBytes(o, k)))
        throw bad(`${encodeAddress(k)} is not an operator key of carrier ${id}`);
    for (const k of add) ensureKeyFree(ctx, k);
    const operators = [...entry.operators.filter((o) => !remove.some((k) => equalBytes(o, k))), ...add];
    if (operators.length === 0)
      throw new TelchainError("CARRIER_LAST_KEY", `carrier ${id} must keep at least one operator key`);
    if (operators.length > MAX_OPERATORS)
      throw bad(`carrier ${id} would have ${operators.length} operator keys, at most ${MAX_OPERATORS}`);
    for (const k of remove) clearOperator(ctx.state, k);
    for (const k of add) setOperator(ctx.state, k, id);
    writeCarrier(ctx.state, { ...entry, operators });
  },
  toJSON: (p) => ({ id: p.id, add: p.add.map(encodeAddress), remove: p.remove.map(encodeAddress) }),
});
