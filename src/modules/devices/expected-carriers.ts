/**
 * What the devices module expects of the carriers module (an "expected keeper", Cosmos-style):
 * the one fact it reads, as a small interface over the carriers module's read-only state.
 *
 * CONTRACT (owned by src/modules/carriers): in the `carriers` module state, key
 *   k/<operator public key, 32 bytes>  ->  carrier id (UTF-8)
 * exists exactly when that public key is an operator of that registered carrier.
 *
 * Devices only reads it; if the carriers module changes this layout, only this file changes.
 */
import { concatBytes } from "../../bytes.js";
import type { StateReader } from "../../state/view.js";

export const CARRIERS_MODULE = "carriers";
const OPERATOR_PREFIX = new TextEncoder().encode("k/");

export interface CarriersReader {
  /** The id of the registered carrier that `operator` operates, or undefined. */
  carrierOf(operator: Uint8Array): string | undefined;
}

export const operatorKey = (operator: Uint8Array) => concatBytes(OPERATOR_PREFIX, operator);

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The contract over the carriers module's state (ctx.moduleState("carriers") or q.moduleState(...)). */
export function carriersReader(state: StateReader): CarriersReader {
  return {
    carrierOf(operator) {
      if (operator.length !== 32) return undefined;
      const v = state.get(operatorKey(operator));
      if (!v || v.length === 0) return undefined;
      try {
        return decoder.decode(v);
      } catch {
        return undefined; // not an id this contract knows: treat as no carrier
      }
    },
  };
}
