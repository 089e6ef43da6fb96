/**
 * The read keeper of the channels module (ctx.keeper("channels")), for the services module's
 * ratings ("a closed channel the rater paid"):
 *
 *   channel(id)  { payer, payee, deposit, paid, status, expiry, closedAt } | undefined
 *
 * `paid` is what the payee received (0 until closed); `closedAt` 0 until closed. Closed channels
 * are kept, so the answer never disappears.
 */
import type { StateReader } from "../../state/view.js";
import { STATUSES, type Status } from "./records.js";
import { readChannel } from "./store.js";

export const channelsKeeper = (state: StateReader) => ({
  channel(id: number):
    | {
        payer: Uint8Array;
        payee: Uint8Array;
        deposit: bigint;
        paid: bigint;
        status: Status;
        expiry: number;
        closedAt: number;
      }
    | undefined {
    const c = readChannel(state, id);
    return (
      c && {
        payer: c.payer,
        payee: c.payee,
        deposit: c.deposit,
        paid: c.paid,
        status: STATUSES[c.status] ?? "open",
        expiry: c.expiry,
        closedAt: c.closedAt,
      }
    );
  },
});
export type ChannelsKeeper = ReturnType<typeof channelsKeeper>;
