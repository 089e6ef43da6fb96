/**
 * The numbers keeper: what other modules may read of the portability registry (the ENUM
 * zone adds a number's routing number to its answers), through ctx.keeper("numbers") /
 * q.keeper("numbers"). Consumers declare the part they use in their own expected-keepers.ts.
 */
import type { StateReader } from "../../state/view.js";
import { readRecord } from "./store.js";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

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
      if (!r?.active || r.routingNumber.length === 0) return undefined;
      return { carrier: text(r.carrier), routingNumber: text(r.routingNumber) };
    },
  };
}
