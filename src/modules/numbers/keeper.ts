import type { StateReader } from "../../state/view.js";
import { readRecord } from "./store.js";

/** The numbers keeper: what other modules read of the registry, through ctx.keeper("numbers"). */
export const numbersKeeper = (state: StateReader) => ({
  /** The carrier and routing number serving an ACTIVE number, by its digits (no "+"); else undefined. */
  routeOf(digits: string): { carrier: string; routingNumber: string } | undefined {
    const r = readRecord(state, digits);
    return r?.active && r.routingNumber !== ""
      ? { carrier: r.carrier, routingNumber: r.routingNumber }
      : undefined;
  },
});
export type NumbersKeeper = ReturnType<typeof numbersKeeper>;
