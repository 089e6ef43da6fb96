/** The record as a block sees it, and a guardian's name: browser-safe (the recovery views use them). */
import { encodeAddress } from "../../crypto/address.js";
import type { AccountRecovery, Guardian } from "./schemas.js";

/** "tel1…" for an address guardian, "carrier:ID" for a carrier guardian. */
export const guardianText = (g: Guardian): string =>
  g.carrier === "" ? encodeAddress(g.address) : `carrier:${g.carrier}`;

/** The record as a block at `height` sees it: a due pending change in force, expired proposals gone. */
export function atHeight(r: AccountRecovery, height: number): AccountRecovery {
  let out = r;
  const p = r.pending[0];
  if (p && height >= p.appliesAt)
    out = { ...r, config: p.config, since: p.appliesAt, pending: [], proposals: [] };
  const delay = out.config.delay;
  const live = out.proposals.filter((x) => height < x.openedAt + delay);
  return live.length === out.proposals.length ? out : { ...out, proposals: live };
}
