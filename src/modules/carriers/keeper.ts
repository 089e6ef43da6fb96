/** The carriers keeper: what other modules read of the registry, through ctx.keeper("carriers"). */
import type { StateReader } from "../../state/view.js";
import { carrierOfOperator, readCarrier } from "./store.js";

/** The keeper over the carriers module's own state (read-only). */
export const carriersKeeper = (state: StateReader) => ({
  /** The id of the registered carrier that `operator` (a public key) acts for, or undefined. */
  carrierOfOperator: (operator: Uint8Array) =>
    operator.length === 32 ? carrierOfOperator(state, operator) : undefined,
  /** The registered carrier `id` (id, name, operators, routingPrefixes, sipIngress, registeredAt). */
  carrier: (id: string) => readCarrier(state, id),
});
export type CarriersKeeper = ReturnType<typeof carriersKeeper>;
