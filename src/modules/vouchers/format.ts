/** Human output of the vouchers CLI: one record as aligned lines, a list item as one line. */
import { keyValues } from "../../cli/output.js";
import type { BalanceView, ClassView, OfferView, RedemptionView } from "./views.js";

/** "3 megabytes", "1 minute". */
export const unitsText = (amount: string, unit: string) => `${amount} ${unit}${amount === "1" ? "" : "s"}`;

export function formatClass(c: ClassView): string {
  const expiry =
    c.status === "live"
      ? `height ${c.expiry} (${c.blocksLeft} more block${c.blocksLeft === 1 ? "" : "s"})`
      : `height ${c.expiry} (${c.status.toUpperCase()}${c.prunedAt === null ? "" : ` at height ${c.prunedAt}`})`;
  return keyValues([
    ["class", c.id],
    ["name", c.name],
    ["description", c.description === "" ? undefined : c.description],
    ["issuer", c.issuer],
    ["unit", c.unit],
    ["expiry", expiry],
    ["transferable", c.transferable ? "yes" : "no"],
    ["cap", c.cap === null ? "none" : unitsText(c.cap, c.unit)],
    ["issued", unitsText(c.issued, c.unit)],
    ["redeemed", unitsText(c.redeemed, c.unit)],
    ["pruned", c.pruned === "0" ? undefined : unitsText(c.pruned, c.unit)],
    ["custody", c.custody === "0" ? undefined : unitsText(c.custody, c.unit)],
    ["supply", `${unitsText(c.supply, c.unit)} (${c.holders} holder${c.holders === 1 ? "" : "s"})`],
    ["created", `height ${c.createdAt} by ${c.creator}`],
  ]);
}

export const classLine = (c: ClassView) =>
  `${String(c.id).padEnd(6)} ${c.issuer.padEnd(8)} ${c.status.padEnd(7)} expiry ${String(c.expiry).padEnd(8)} ${unitsText(c.supply, c.unit)}  ${c.name}`;

export const balanceLine = (b: BalanceView) =>
  `class ${String(b.classId).padEnd(6)} ${unitsText(b.amount, b.unit).padEnd(20)} ${b.issuer.padEnd(8)} ${b.name}${b.status === "live" ? "" : `  (${b.status})`}`;

const publisherText = (o: OfferView) =>
  o.publisher === null ? "none" : `${o.publisher.carrier}, ${o.publisher.feeBps} bps to ${o.publisher.payee}`;

export function formatOffer(o: OfferView): string {
  return keyValues([
    ["offer", o.id],
    ["class", `${o.classId} (${o.name}, ${o.issuer})`],
    ["purchase", `${unitsText(o.units, o.unit)} for ${o.price} base units`],
    ["publisher", publisherText(o)],
    ["split", `issuer ${o.split.issuer}, publisher ${o.split.publisher} (per purchase)`],
    ["payee", o.payee],
    ["stock", `${o.stock} left, ${o.sold} sold`],
    ["end", `height ${o.end}`],
    ["status", o.status.toUpperCase()],
  ]);
}

export const offerLine = (o: OfferView) =>
  `${String(o.id).padEnd(6)} class ${String(o.classId).padEnd(6)} ${unitsText(o.units, o.unit)} for ${o.price}  ${o.status}  stock ${o.stock}  end ${o.end}${o.publisher ? `  via ${o.publisher.carrier} (${o.publisher.feeBps} bps)` : ""}`;

export const redemptionLine = (r: RedemptionView) =>
  `#${String(r.cursor).padEnd(6)} height ${String(r.height).padEnd(8)} class ${String(r.classId).padEnd(6)} ${r.units.padStart(8)} units  ${r.subscriber}  tx ${r.txHash}`;
