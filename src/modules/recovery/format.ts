/** The CLI's human text of the recovery views. */
import { keyValues } from "../../cli/output.js";
import type { GuardedView, RecoveryView } from "./views.js";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function formatRecovery(v: RecoveryView): string {
  const rows: [string, string | number | null][] = [
    ["account", v.account],
    ["guardians", v.guardians.join(", ")],
    ["threshold", `${v.threshold} of ${v.guardians.length} approve a new key`],
    ["delay", `${plural(v.delay, "block")} (a recovery's wait, a proposal's life, a change's wait)`],
    ["since", v.since],
  ];
  if (v.pending)
    rows.push([
      "pending change",
      `guardians ${v.pending.guardians.join(", ")}; threshold ${v.pending.threshold}; delay ${v.pending.delay} — applies at height ${v.pending.appliesAt} unless cancelled (cancel-change)`,
    ]);
  for (const p of v.proposals)
    rows.push([
      "proposal",
      `${p.key}: ${p.approvals} of ${v.threshold} (${p.approvers.join(", ")}), expires at height ${p.expiresAt}`,
    ]);
  if (v.recovery)
    rows.push([
      "recovery",
      `to ${v.recovery.key}, started at ${v.recovery.startedAt}; ${v.recovery.executable ? "executable now" : `executable from height ${v.recovery.executableAt}`} (the account may veto until then)`,
    ]);
  else if (v.proposals.length === 0) rows.push(["recovery", "none"]);
  if (v.lockedUntil !== null) rows.push(["locked", `until height ${v.lockedUntil} (by a guardian)`]);
  rows.push(["vetoes", v.vetoes.count === 0 ? "none" : `${v.vetoes.count}`]);
  for (const x of v.vetoes.latest)
    rows.push([
      "veto",
      `at ${x.height}: ${x.started ? "a started recovery" : "proposals"} to ${x.keys.join(", ")}`,
    ]);
  return keyValues(rows);
}

export const guardedLine = (g: GuardedView): string =>
  `${g.account}  ${g.threshold} of ${g.guardians.length}, delay ${g.delay}  recovery ${g.recovery}${g.pendingAppliesAt === null ? "" : `  (change pending until ${g.pendingAppliesAt})`}`;
