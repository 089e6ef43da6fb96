/**
 * Registers the channels module's own routes (routes.ts declares them): the channel an `open`
 * created, and the voucher check (check.ts, which needs the node's signature code).
 */
import type { FastifyInstance } from "fastify";
import { registerRoute } from "../../api/route.js";
import { encodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import { checkVoucher } from "./check.js";
import { channelAt, checkVoucherRoute, getCreated, parseId, parseSignature } from "./routes.js";
import { readChannel, readCreated } from "./store.js";

/** A decimal uint64 (CHANNELS_BAD_AMOUNT). */
function parseAmount(raw: string): bigint {
  if (!/^[0-9]{1,20}$/.test(raw) || BigInt(raw) > (1n << 64n) - 1n)
    throw new TelchainError(
      "CHANNELS_BAD_AMOUNT",
      `the amount must be a whole number from 0 to 2^64 − 1; got ${JSON.stringify(raw.slice(0, 24))}`,
    );
  return BigInt(raw);
}

export function channelsRoutes(app: FastifyInstance, q: QueryContext): void {
  getCreated.register(app, (tx) => readCreated(q.state(), tx));
  registerRoute(app, checkVoucherRoute, async ({ params, body }) => {
    const id = parseId(params.id, "the channel id");
    const amount = parseAmount(body.amount);
    const signature = parseSignature(body.signature);
    const view = channelAt(q, id);
    if (!view) throw new TelchainError("CHANNELS_NO_CHANNEL", `no channel ${id}`);
    const c = readChannel(q.state(), id);
    const key = q.authorisingKey(c?.payer ?? new Uint8Array(32));
    const result = checkVoucher(view, q.chainId(), { channel: id, amount, signature }, key);
    return {
      ...result,
      channel: id,
      amount: amount.toString(),
      deposit: view.deposit,
      payer: view.payer,
      authorisingKey: encodeAddress(key),
      status: view.status,
      at: view.at,
    };
  });
}
