/**
 * The channels module's provable record (Module.proofs, src/module/proof.ts): a payment channel
 * by id (kept after it closes). Browser-safe: the SDK bundles it.
 */
import { proofById } from "../../module/proof.js";
import { ChannelEntry } from "./records.js";
import { channelKey } from "./store.js";

export const channelProofs = [
  proofById({
    record: "channel",
    about: "a payment channel by id: payer, payee, deposit, expiry, status, stated and paid amounts",
    code: "CHANNELS_BAD_ID",
    what: "channel",
    key: channelKey,
    value: ChannelEntry,
  }),
];
