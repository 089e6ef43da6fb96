/** Human output of the allowances CLI: one grant as aligned lines, a list item as one line. */
import { keyValues } from "../../cli/output.js";
import type { GrantView } from "./views.js";

const blocks = (n: number) => `${n} block${n === 1 ? "" : "s"}`;

export function formatGrant(g: GrantView): string {
  return keyValues([
    ["grant", g.id],
    ["payer", g.payer],
    ["grantee", g.grantee],
    ["limit", `${g.limit} per ${blocks(g.period)} (periods from height ${g.start})`],
    [
      "this period",
      `${g.remainingThisPeriod} left (${g.spentThisPeriod} pulled), next period at height ${g.periodEndsAt}`,
    ],
    ["cap", g.cap === null ? "none" : `${g.cap} (${g.remainingCap} left, ${g.spentTotal} pulled)`],
    ["pulled", g.cap === null ? g.spentTotal : undefined],
    ["expiry", g.expiry === null ? "none" : `height ${g.expiry}${g.expired ? " (EXPIRED)" : ""}`],
    ["recipients", g.recipients.length === 0 ? "any" : g.recipients.join(", ")],
  ]);
}

export const grantLine = (g: GrantView) =>
  `${String(g.id).padEnd(6)} ${g.payer} -> ${g.grantee}  ${g.remainingThisPeriod}/${g.limit} left this period (per ${blocks(g.period)})${g.cap === null ? "" : `  cap ${g.remainingCap} left`}${g.expired ? "  EXPIRED" : g.expiry === null ? "" : `  until ${g.expiry}`}`;
