/**
 * `telchain channel …`: the signed commands (--from), each checked as the chain checks it before
 * anything is sent; after inclusion each shows the channel as it is now (--json: one JSON object).
 * `channel show ID` and `channel list --payer ADDR | --payee ADDR` come from the lookup and the
 * list (routes.ts).
 *
 *   channel open --to ADDR --deposit N --expiry-in BLOCKS       channel top-up ID --amount N [--expiry-in BLOCKS]
 *   channel voucher ID --amount N --from NAME                    (signs off chain, prints the voucher)
 *   channel check ID --amount N --signature HEX                  (POST /v1/channels/:id/check-voucher)
 *   channel close ID --amount N --signature HEX                  channel start-close ID --amount N
 *   channel settle ID                                            channel reclaim ID
 */

import type { Static } from "@sinclair/typebox";
import type { Command } from "commander";
import { toHex } from "../../bytes.js";
import { addressArgument, uint64Argument } from "../../cli/arguments.js";
import { commandGroup } from "../../cli/context.js";
import { globals, keyValues } from "../../cli/output.js";
import { FROM_HELP, type SubmitOutcome, signedCommand } from "../../cli/signed-command.js";
import { getStatus } from "../../client/actions/chain.js";
import { ApiClient } from "../../client/api-client.js";
import { resolveSigner } from "../../client/signer.js";
import type { CliContext } from "../../module/interface.js";
import { checkCall, type ModuleCall } from "../../module/kind.js";
import { formatChannel } from "./format.js";
import { channelsCalls, channelsKinds } from "./kinds/index.js";
import type { VoucherCheckSchema } from "./routes.js";
import { parseId, parseSignature } from "./routes.js";
import type { ChannelView } from "./views.js";
import { signVoucher, voucherDigest } from "./voucher.js";

const checked = (call: ModuleCall) => checkCall(channelsKinds, call);

/** Coin base units from `min` to 2^64 − 1 (CHANNELS_BAD_AMOUNT). */
const amount = (v: unknown, flag: string, min = 1n) =>
  uint64Argument(String(v), flag, { min, code: "CHANNELS_BAD_AMOUNT", unit: "base units" });
/** A number of blocks from 1 (CHANNELS_BAD_EXPIRY). */
const blocks = (v: unknown, flag: string) =>
  Number(
    uint64Argument(String(v), flag, {
      min: 1n,
      max: 100_000_000n,
      code: "CHANNELS_BAD_EXPIRY",
      unit: "blocks",
    }),
  );
const id = (raw: string) => parseId(raw, "the channel id");

/** The head's height and the chain id. */
const head = (api: string) => getStatus(new ApiClient(api));

export function channelsCli(program: Command, ctx: CliContext): void {
  const root = commandGroup(
    program,
    "channel",
    "payment channels: a deposit for a payee, paid off chain with vouchers",
  );
  const channelAt = (api: string, n: number) => ctx.get(api, `/v1/channels/${n}`) as Promise<ChannelView>;
  const showChannel =
    (what: string) =>
    async (r: SubmitOutcome, [raw]: string[]) => {
      if (r.status !== "included") return {};
      const channel = await channelAt(r.api, id(raw));
      return { json: { channel }, human: `${what}\n${formatChannel(channel)}` };
    };

  signedCommand(root, ctx, {
    name: "open",
    description: "lock --deposit base units for a payee (--to) until --expiry-in blocks from now",
    options: (c) =>
      c
        .requiredOption("--to <address>", "the payee: who is paid (tel1…)")
        .requiredOption("--deposit <base units>", "coins locked: the most the payee can be paid")
        .requiredOption(
          "--expiry-in <blocks>",
          "the payee may close until the head's height + this; then you may reclaim",
        ),
    async build(_, o, api) {
      const payee = addressArgument(String(o.to), "--to");
      const deposit = amount(o.deposit, "--deposit");
      const life = blocks(o.expiryIn, "--expiry-in");
      const { height } = await head(api);
      return checked(channelsCalls.open({ payee, deposit, expiry: height + life }));
    },
    async show(r) {
      if (r.status !== "included") return {};
      const c = (await ctx.get(r.api, `/v1/channels/created/${r.hash}`)) as { id: number };
      const channel = await channelAt(r.api, c.id);
      return { json: { channel }, human: `opened: channel ${channel.id}\n${formatChannel(channel)}` };
    },
  });

  signedCommand(root, ctx, {
    name: "top-up <id>",
    description: "add --amount base units to a channel you pay, and/or move its expiry later",
    options: (c) =>
      c
        .requiredOption("--amount <base units>", "coins added (0: only move the expiry)")
        .option("--expiry-in <blocks>", "the new expiry: the head's height + this (default: keep it)"),
    async build([raw], o, api) {
      const channel = id(raw);
      const add = amount(o.amount, "--amount", 0n);
      const expiry =
        o.expiryIn === undefined ? 0 : (await head(api)).height + blocks(o.expiryIn, "--expiry-in");
      return checked(channelsCalls["top-up"]({ channel, amount: add, expiry }));
    },
    show: showChannel("topped up"),
  });

  root
    .command("voucher <id>")
    .description(
      "sign a voucher (off chain, nothing sent): the cumulative --amount you owe on a channel you pay",
    )
    .requiredOption("--amount <base units>", "the cumulative amount (only grows)")
    .requiredOption("--from <name>", FROM_HELP)
    .action(async (raw: string, o: { amount: string; from: string }, c: Command) => {
      const g = globals(c);
      const channel = id(raw);
      const owed = amount(o.amount, "--amount");
      const { chainId } = await head(g.api);
      const signer = await resolveSigner(o.from, chainId);
      const v = signVoucher(signer.seed32, chainId, channel, owed);
      const out = {
        chainId,
        channel,
        amount: owed.toString(),
        signature: toHex(v.signature),
        signedBy: signer.address,
        digest: toHex(voucherDigest(chainId, channel, owed)),
      };
      ctx.print(g.json, out, () =>
        keyValues([
          ["channel", channel],
          ["amount", out.amount],
          ["signature", out.signature],
          ["signed by", `${out.signedBy} on ${chainId}`],
          [
            "close with",
            `telchain channel close ${channel} --amount ${out.amount} --signature ${out.signature}`,
          ],
        ]),
      );
    });

  root
    .command("check <id>")
    .description("check a voucher against the chain: would it close the channel in the next block?")
    .requiredOption("--amount <base units>", "the voucher's cumulative amount")
    .requiredOption("--signature <hex>", "the payer's signature (64 bytes of hex)")
    .action(async (raw: string, o: { amount: string; signature: string }, c: Command) => {
      const g = globals(c);
      const channel = id(raw);
      const body = {
        amount: amount(o.amount, "--amount", 0n).toString(),
        signature: toHex(parseSignature(o.signature)),
      };
      const r = await new ApiClient(g.api).post<Static<typeof VoucherCheckSchema>>(
        `/v1/channels/${channel}/check-voucher`,
        body,
      );
      ctx.print(g.json, r, () =>
        keyValues([
          ["voucher", r.valid ? "VALID" : `NOT VALID: ${r.reason} (${r.message})`],
          ["channel", `${r.channel} (${r.status}, deposit ${r.deposit}, checked for height ${r.at})`],
          ["amount", r.amount],
          ["payer", `${r.payer} (authorising key ${r.authorisingKey})`],
        ]),
      );
    });

  signedCommand(root, ctx, {
    name: "close <id>",
    description: "as the payee, close with the best voucher you hold: you get its amount, the payer the rest",
    options: (c) =>
      c
        .requiredOption("--amount <base units>", "the voucher's cumulative amount")
        .requiredOption("--signature <hex>", "the payer's signature (64 bytes of hex)"),
    build: ([raw], o) =>
      checked(
        channelsCalls.close({
          channel: id(raw),
          amount: amount(o.amount, "--amount"),
          signature: parseSignature(String(o.signature)),
        }),
      ),
    show: showChannel("closed"),
  });

  signedCommand(root, ctx, {
    name: "start-close <id>",
    description:
      "as the payer, close early stating what you owe: the payee may still claim more in the dispute window",
    options: (c) =>
      c.requiredOption("--amount <base units>", "what you owe: your latest voucher's amount (0 allowed)"),
    build: ([raw], o) =>
      checked(channelsCalls["start-close"]({ channel: id(raw), amount: amount(o.amount, "--amount", 0n) })),
    show: showChannel("closing"),
  });

  signedCommand(root, ctx, {
    name: "settle <id>",
    description:
      "after an early close's dispute window: pay the stated amount to the payee, the rest to the payer",
    build: ([raw]) => checked(channelsCalls.settle({ channel: id(raw) })),
    show: showChannel("settled"),
  });

  signedCommand(root, ctx, {
    name: "reclaim <id>",
    description: "as the payer, after the expiry: take the whole deposit back",
    build: ([raw]) => checked(channelsCalls.reclaim({ channel: id(raw) })),
    show: showChannel("reclaimed"),
  });
}
