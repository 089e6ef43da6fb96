/**
 * The channels module's provable record (Module.proofs, src/module/proof.ts): a payment channel
 * by id (kept after it closes). Browser-safe: the SDK bundles it.
 */
import { idParam, idParser } from "../../module/ids.js";
import { defineProof } from "../../module/proof.js";
import { ChannelEntry } from "./records.js";
import { channelKey } from "./store.js";

export const channelProofs = [
  defineProof({
    record: "channel",
    about: "a payment channel by id: payer, payee, deposit, state, closing amounts",
    param: idParam(idParser("CHANNELS_BAD_ID"), "channel"),
    key: (id) => channelKey(Number(id)),
    value: ChannelEntry,
  }),
];
