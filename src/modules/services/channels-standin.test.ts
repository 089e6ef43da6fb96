/**
 * A test-only stand-in for the channels module (no tests here): a module named "channels" that
 * implements exactly THE CONTRACT services consumes (expected-keepers.ts: the read keeper's
 * `channel(id)`), over its own state, with one test kind `set` that writes a channel as given.
 * The services tests run on it; the real channels module replaces it after the merge (the
 * fixtures drop a real "channels" module from the list and add this one).
 */
import { ContainerType, type ValueOf } from "@chainsafe/ssz";
import { Bytes32, Uint8, Uint53, Uint64 } from "../../codec/schema.js";
import { utf8 } from "../../crypto/hash.js";
import type { Module } from "../../module/interface.js";
import { calls, defineKind } from "../../module/kind.js";
import { entries } from "../../module/store.js";
import type { ExpectedChannels } from "./expected-keepers.js";

const STATUS = ["open", "closing", "closed"] as const;
const Channel = new ContainerType({
  id: Uint53,
  payer: Bytes32,
  payee: Bytes32,
  deposit: Uint64,
  paid: Uint64,
  status: Uint8,
  expiry: Uint53,
  closedAt: Uint53,
});
export type StandInChannel = ValueOf<typeof Channel>;
const channels = entries(Channel, (id: number) => utf8(`c/${id}`));

const standInKinds = {
  set: defineKind({ payload: Channel, parse: (p) => p, apply: (ctx, p) => channels.set(ctx.state, p.id, p) }),
};
export const standInChannelCalls = calls("channels", standInKinds);

export const standInChannels: Module = {
  name: "channels",
  kinds: standInKinds,
  keeper: (state): ExpectedChannels => ({
    channel(id) {
      const c = channels.get(state, id);
      return c && { ...c, status: STATUS[c.status] ?? "open" };
    },
  }),
};
