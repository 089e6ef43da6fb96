/**
 * The routes of the channels module:
 *   GET  /v1/channels/:id                 a channel                               (`channel show`)
 *   GET  /v1/channels?payer= | ?payee=    the channels a payer opened / pay a payee (`channel list`)
 *   GET  /v1/channels/created/tx/:tx         the channel an `open` created (the CLI's open reads it)
 *   POST /v1/channels/:id/check-voucher   { amount, signature } → is it good now? (check.ts)
 * Browser-safe: the SDK's client (client.ts) builds its calls from these declarations; check-route.ts
 * registers the created route and the voucher check, which need the node's signature code.
 */
import { Type } from "@sinclair/typebox";
import { defineCreatedRoute } from "../../api/created-route.js";
import { defineRoute } from "../../api/route.js";
import { fromHexOrUndefined } from "../../bytes.js";
import { TelchainError } from "../../errors.js";
import { idParam, idParser } from "../../module/ids.js";
import type { QueryContext } from "../../module/interface.js";
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import { channelLine, formatChannel } from "./format.js";
import { CREATED } from "./records.js";
import { channelsByPayee, channelsByPayer, readChannel } from "./store.js";
import { ChannelSchema, type ChannelView, channelView } from "./views.js";

export const TAG = "channels";

/** A channel id: 1 to 2^53 − 1 (CHANNELS_BAD_ID). */
export const parseId = idParser("CHANNELS_BAD_ID");

export const channelAt = (q: QueryContext, id: number): ChannelView | undefined => {
  const c = readChannel(q.state(), id);
  return c && channelView(c, q.height());
};

export const channelLookup = defineLookup({
  path: "/v1/channels/:id",
  operationId: "getChannel",
  summary: "A payment channel",
  description:
    "Payer, payee, deposit, expiry, status (open, closing with the payer's stated amount and the height it " +
    "settles at, or closed with what the payee was paid, when and how). Closed channels are kept. " +
    "400 CHANNELS_BAD_ID, 404 NOT_FOUND.",
  param: idParam(parseId, "channel"),
  schema: ChannelSchema,
  get: (q, id) => channelAt(q, Number(id)),
  notFound: (id) => `no channel ${id}`,
  command: "channel",
  about: "a payment channel: deposit, expiry, status and pay-out",
  format: formatChannel,
});

export const channelsList = defineList({
  path: "/v1/channels",
  operationId: "listChannels",
  summary: "The channels a payer opened or that pay a payee",
  noun: "channels",
  order: "id order",
  about: "Open, closing and closed ones, as the channel route shows them.",
  command: "channel",
  filters: {
    payer: { help: "that an address opened (pays)", address: channelsByPayer.prefix },
    payee: { help: "that pay an address", address: channelsByPayee.prefix },
  },
  schema: ChannelSchema,
  item: (q, id) => channelAt(q, Number(id)),
  line: channelLine,
});

export const getCreated = defineCreatedRoute({
  url: "/v1/channels/created/tx/:tx",
  operationId: "getChannelsCreated",
  description:
    "The channel an included `open` transaction created. 400 BAD_REQUEST for a malformed hash, 404 NOT_FOUND.",
  tag: TAG,
  created: CREATED,
  nouns: "channel",
});

export const VoucherCheckSchema = Type.Object({
  valid: Type.Boolean({ description: "the voucher is good for a close in the next block" }),
  reason: Type.Optional(
    Type.String({ description: "not valid: the code a close with it would be refused with" }),
  ),
  message: Type.Optional(Type.String({ description: "not valid: why, in words" })),
  channel: Type.Integer({ minimum: 1 }),
  amount: Type.String({ description: "the voucher's cumulative amount (coin base units, decimal)" }),
  deposit: Type.String({ description: "the channel's deposit (coin base units, decimal)" }),
  payer: Type.String({ description: "the channel's payer (tel1…)" }),
  authorisingKey: Type.String({
    description: "the payer's authorising key the signature was checked under (tel1…)",
  }),
  status: Type.String({ description: "the channel's status: open, closing or closed" }),
  at: Type.Integer({ minimum: 0, description: "the height checked for: the head's + 1" }),
});

export const checkVoucherRoute = defineRoute({
  method: "POST",
  url: "/v1/channels/:id/check-voucher",
  operationId: "checkChannelVoucher",
  summary: "Check a voucher against the chain",
  description:
    "Whether a voucher (cumulative amount, the payer's Ed25519 signature over the voucher digest, docs/channels.md) " +
    "would close the channel in the next block: signed by the payer's authorising key on this chain, for this " +
    "channel, 1 to the deposit, the channel open and not expired (or closing, in the dispute window, at least the " +
    "stated amount). An invalid voucher is a 200 with valid false and the reason's code. 400 CHANNELS_BAD_ID, " +
    "CHANNELS_BAD_AMOUNT (not a whole number 0..2^64 − 1), CHANNELS_BAD_SIGNATURE (not 64 bytes of hex), " +
    "404 CHANNELS_NO_CHANNEL.",
  tags: [TAG],
  params: Type.Object({ id: Type.String({ maxLength: 16 }) }),
  body: Type.Object({
    amount: Type.String({ maxLength: 20, description: "the cumulative amount (coin base units, decimal)" }),
    signature: Type.String({
      maxLength: 130,
      description: "the payer's signature: 64 bytes, hex (0x optional)",
    }),
  }),
  response: VoucherCheckSchema,
});

/** 64 bytes of hex, 0x optional (CHANNELS_BAD_SIGNATURE). */
export function parseSignature(raw: string): Uint8Array {
  const b = fromHexOrUndefined(raw.startsWith("0x") ? raw.slice(2) : raw);
  if (b?.length !== 64)
    throw new TelchainError(
      "CHANNELS_BAD_SIGNATURE",
      "a voucher's signature is 64 bytes of hex (128 digits, 0x optional)",
    );
  return b as Uint8Array;
}
