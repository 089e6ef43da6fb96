/**
 * Channels: one-way payment channels. A payer locks a deposit for a payee until an expiry; off
 * chain it signs vouchers for the cumulative amount it owes; the payee closes with its best
 * voucher, the payer reclaims after the expiry or closes early with a dispute window. Other
 * modules read channels through the keeper (keeper.ts). docs/channels.md.
 */
import type { Module } from "../../module/interface.js";
import { channelsRoutes } from "./check-route.js";
import { channelsCli } from "./cli.js";
import { CHANNELS_ERRORS } from "./errors.js";
import { channelsKeeper } from "./keeper.js";
import { channelsKinds } from "./kinds/index.js";
import { channelsGenesis, devChannelsGenesis } from "./params.js";
import { channelProofs } from "./proofs.js";
import { registerProxyCommands } from "./proxy/cli.js";
import { channelLookup, channelsList } from "./routes.js";

export { channelsCalls } from "./kinds/index.js";
/** The voucher library (sign, digest, verify): the module's public surface for clients and tests. */
export { signVoucher, voucherDigest, voucherSignedBy } from "./voucher.js";

export const channelsModule: Module = {
  name: "channels",
  proofs: channelProofs,
  kinds: channelsKinds,
  errors: CHANNELS_ERRORS,
  keeper: channelsKeeper,
  genesis: channelsGenesis,
  devGenesis: devChannelsGenesis,
  lookups: [channelLookup],
  lists: [channelsList],
  routes: channelsRoutes,
  cli: (program, ctx) => {
    channelsCli(program, ctx);
    registerProxyCommands(program, ctx);
  },
};
