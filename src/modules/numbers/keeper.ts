/**
 * The numbers keeper: what other modules may read of the portability registry (the ENUM
 * zone adds a number's routing number to its answers), through ctx.keeper("numbers") /
 * q.keeper("numbers"). Consumers declare the part they use in their own expected-keepers.ts.
 */
import type { StateReader } from "../../state/view.js";
import { readRecord } from "./store.js";

export interface NumbersKeeper {
  /**
   * The carrier and routing number (digits) serving an ACTIVE number, by its E.164 digits
   * (no "+"); undefined when the number is unknown or its claim is still pending.
   */
  routeOf(digits: string): { carrier: string; routingNumber: string } | undefined;
}

/** The keeper over the numbers module's own state (read-only). */
export function numbersKeeper(state: StateReader): NumbersKeeper {
  return {
    routeOf(digits) {
      const r = readRecord(state, digits);
      return r?.active && r.routingNumber !== ""
        ? { carrier: r.carrier, routingNumber: r.routingNumber }
        : undefined;
    },
  };
}
