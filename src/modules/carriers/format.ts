/** The CLI's human output of a carrier (`telchain carrier show`), browser-safe: the lookup declares it. */
import { keyValues } from "../../cli/output.js";
import type { CarrierView } from "./routes.js";

export const formatCarrier = (c: CarrierView) =>
  keyValues([
    ["id", c.id],
    ["name", c.name],
    ["operators", c.operators.join(", ")],
    ["routing prefixes", c.routingPrefixes.join(", ")],
    ["sip ingress", c.sipIngress.length === 0 ? "none" : c.sipIngress.join(", ")],
    ["registered", `height ${c.registeredAt}`],
  ]);
