/**
 * The carriers keeper: what other modules may read of the carrier registry, through
 * ctx.keeper("carriers") / q.keeper("carriers"). Consumers declare the part they use in
 * their own expected-keepers.ts; none of them reads the carriers module's keys.
 */
import type { StateReader } from "../../state/view.js";
import { carrierOfOperator, readCarrier } from "./store.js";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** A registered carrier as other modules see it. */
export interface CarrierFacts {
  id: string;
  name: string;
  /** Operator public keys (1..8). */
  operators: Uint8Array[];
  /** Routing-number prefixes (digits), in the carrier's order; the first is its default. */
  routingPrefixes: string[];
  sipIngress: string[];
  registeredAt: number;
}

export interface CarriersKeeper {
  /** The id of the registered carrier that `operator` (a public key) acts for, or undefined. */
  carrierOfOperator(operator: Uint8Array): string | undefined;
  /** The registered carrier `id`, or undefined. */
  carrier(id: string): CarrierFacts | undefined;
}

/** The keeper over the carriers module's own state (read-only). */
export function carriersKeeper(state: StateReader): CarriersKeeper {
  return {
    carrierOfOperator: (operator) =>
      operator.length === 32 ? carrierOfOperator(state, operator) : undefined,
    carrier(id) {
      const e = readCarrier(state, id);
      return (
        e && {
          id: text(e.id),
          name: text(e.name),
          operators: e.operators,
          routingPrefixes: e.routingPrefixes.map(text),
          sipIngress: e.sipIngress.map(text),
          registeredAt: e.registeredAt,
        }
      );
    },
  };
}
