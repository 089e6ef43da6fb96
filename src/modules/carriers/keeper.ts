/**
 * The carriers keeper: what other modules may read of the carrier registry, through
 * ctx.keeper("carriers") / q.keeper("carriers"). Consumers declare the part they use in
 * their own expected-keepers.ts; none of them reads the carriers module's keys.
 */
import type { StateReader } from "../../state/view.js";
import type { CarrierEntry } from "./schemas.js";
import { carrierOfOperator, readCarrier } from "./store.js";

export interface CarriersKeeper {
  /** The id of the registered carrier that `operator` (a public key) acts for, or undefined. */
  carrierOfOperator(operator: Uint8Array): string | undefined;
  /** The registered carrier `id` (operators 1..8, routing prefixes in order: the first is its default). */
  carrier(id: string): CarrierEntry | undefined;
}

/** The keeper over the carriers module's own state (read-only). */
export function carriersKeeper(state: StateReader): CarriersKeeper {
  return {
    carrierOfOperator: (operator) =>
      operator.length === 32 ? carrierOfOperator(state, operator) : undefined,
    carrier: (id) => readCarrier(state, id),
  };
}
