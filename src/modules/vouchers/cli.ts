/**
 * `telchain voucher …`: the signed commands (--from), each checked as the chain checks it before
 * anything is sent, and the reads. After inclusion each command shows what it changed; --json
 * prints it as one JSON object.
 *
 *   voucher class create|show|list     voucher issue|transfer|redeem <class>   voucher balance <address>
 *   (voucher transfer --memo TEXT: with a memo encrypted to the two parties, docs/wallet.md, "Encrypted memos and view keys")
 *   voucher offer publish|buy|show|list                voucher redemptions --issuer ID [--follow]
 */
import type { Command } from "commander";
import { addressArgument, uint64Argument } from "../../cli/arguments.js";
import { pagingOptions, registerListCommand, runList } from "../../cli/list-command.js";
import { globals, keyValues, toJson } from "../../cli/output.js";
import { registerShowCommand } from "../../cli/show-command.js";
import { type SubmitOutcome, signedCommand } from "../../cli/signed-command.js";
import { memoForTransfer } from "../../client/memo.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { checkCall, type ModuleCall } from "../../module/kind.js";
import { followRedemptions } from "./cli-feed.js";
import { FEED_MAX_PAGE, type FeedPage } from "./feed.js";
import { balanceLine, formatClass, formatOffer, redemptionLine, unitsText } from "./format.js";
import { vouchersCalls, vouchersKinds } from "./kinds/index.js";
import { classesList, classLookup, offerLookup, offersList, parseId } from "./routes.js";
import { CarrierId, ClassName, Description, SubscriberRef, UNITS } from "./schemas.js";
import type { BalanceView, ClassView, OfferView } from "./views.js";

type Opts = Record<string, unknown>;
const checked = (call: ModuleCall) => checkCall(vouchersKinds, call);
const bad = (message: string) => new TelchainError("VOUCHERS_BAD_OPTION", message);

const sub = (parent: Command, name: string, description: string) =>
  parent.commands.find((c) => c.name() === name) ?? parent.command(name).description(description);

/** A whole number of units or coin base units from 1 to 2^64 − 1 (VOUCHERS_BAD_AMOUNT). */
const amount = (v: unknown, flag: string) =>
  uint64Argument(String(v), flag, { min: 1n, code: "VOUCHERS_BAD_AMOUNT" });
/** A whole number from `min` to 2^53 − 1 (VOUCHERS_BAD_OPTION). */
const whole = (v: unknown, flag: string, min = 0) =>
  Number(
    uint64Argument(String(v), flag, {
      min: BigInt(min),
      max: BigInt(Number.MAX_SAFE_INTEGER),
      code: "VOUCHERS_BAD_OPTION",
    }),
  );
const carrier = (v: unknown, flag: string) => CarrierId.check(String(v), flag);

/** --<name> H or --<name>s-in N blocks from the next block (exactly one). */
async function heightOption(
  ctx: CliContext,
  api: string,
  o: Opts,
  at: string,
  inBlocks: string,
): Promise<number> {
  const [abs, rel] = [o[at], o[inBlocks]];
  const flag = (k: string) => `--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;
  if ((abs === undefined) === (rel === undefined))
    throw bad(`give ${flag(at)} HEIGHT or ${flag(inBlocks)} BLOCKS (one of them)`);
  if (abs !== undefined) return whole(abs, flag(at), 1);
  const status = (await ctx.get(api, "/v1/status")) as { height: number };
  return status.height + whole(rel, flag(inBlocks), 1);
}

function unitOption(v: unknown): number {
  const i = UNITS.indexOf(String(v) as (typeof UNITS)[number]);
  if (i < 0) throw new TelchainError("VOUCHERS_BAD_UNIT", `--unit must be ${UNITS.join(", ")}; got "${v}"`);
  return i;
}

export function vouchersCli(program: Command, ctx: CliContext): void {
  const root = sub(program, "voucher", "vouchers: carrier classes of minutes, messages and megabytes");
  const get = <T>(api: string, path: string) => ctx.get(api, path) as Promise<T>;
  const classAt = (api: string, id: number) => get<ClassView>(api, `/v1/vouchers/classes/${id}`);
  const offerAt = (api: string, id: number) => get<OfferView>(api, `/v1/vouchers/offers/${id}`);
  const balanceAt = (api: string, id: number, address: string) =>
    get<BalanceView>(api, `/v1/vouchers/classes/${id}/balances/${address}`);
  const senderOf = async (r: SubmitOutcome) =>
    (await get<{ sender: string }>(r.api, `/v1/txs/${r.hash}`)).sender;

  /** The class or offer a transaction created, once included. */
  async function created(r: SubmitOutcome) {
    if (r.status !== "included") return {};
    const c = await get<{ kind: "class" | "offer"; id: number }>(r.api, `/v1/vouchers/created/${r.hash}`);
    if (c.kind === "offer") {
      const offer = await offerAt(r.api, c.id);
      return { json: { offer }, human: formatOffer(offer) };
    }
    const cls = await classAt(r.api, c.id);
    return { json: { class: cls }, human: formatClass(cls) };
  }
  /** The balance of `who` in the class of the first argument, once included. */
  const showBalance =
    (who: (r: SubmitOutcome, o: Opts) => Promise<string>) =>
    async (r: SubmitOutcome, [raw]: string[], o: Opts) => {
      if (r.status !== "included") return {};
      const balance = await balanceAt(r.api, parseId(raw, "the class id"), await who(r, o));
      return {
        json: { balance },
        human: keyValues([
          ["class", `${balance.classId} (${balance.name})`],
          ["holder", balance.holder],
          ["balance", unitsText(balance.amount, balance.unit)],
        ]),
      };
    };
  const recipient = async (_r: SubmitOutcome, o: Opts) => String(o.to);

  // ---------------------------------------------------------------- class
  const cls = sub(root, "class", "voucher classes: issuer, unit, expiry, cap");
  signedCommand(cls, ctx, {
    name: "create",
    description: "as a carrier's operator, create a class your carrier issues",
    options: (c) =>
      c
        .requiredOption("--unit <unit>", UNITS.join(" | "))
        .requiredOption("--name <text>", 'a short name, 1 to 32 bytes (e.g. "1 GB roaming data")')
        .option("--description <text>", "at most 256 bytes", "")
        .option("--expiry <height>", "the last block its units are good in")
        .option("--expires-in <blocks>", "or: that many blocks after the head")
        .option("--non-transferable", "holders cannot transfer or sell its units (only redeem)")
        .option("--cap <units>", "the most units ever issued (default: no cap)"),
    async build(_, o, api) {
      const base = {
        unit: unitOption(o.unit),
        name: ClassName.check(String(o.name), "--name"),
        description: Description.check(String(o.description), "--description"),
        transferable: o.nonTransferable !== true,
        cap: o.cap === undefined ? [] : [amount(o.cap, "--cap")],
      };
      const expiry = await heightOption(ctx, api, o, "expiry", "expiresIn");
      return checked(vouchersCalls["class-create"]({ ...base, expiry }));
    },
    show: created,
  });
  registerShowCommand(root, ctx, classLookup);
  registerListCommand(root, ctx, classesList);

  // ---------------------------------------------------------------- units
  const moveOptions = (c: Command) =>
    c
      .requiredOption("--to <address>", "the recipient (tel1…)")
      .requiredOption("--amount <units>", "whole units");
  const moveOf = ([raw]: string[], o: Opts) => ({
    classId: parseId(raw, "the class id"),
    to: addressArgument(String(o.to), "--to"),
    amount: amount(o.amount, "--amount"),
  });
  signedCommand(root, ctx, {
    name: "issue <class>",
    description: "as an operator of the class's issuer, issue units to an address (within the cap)",
    options: moveOptions,
    build: (args, o) => checked(vouchersCalls.issue(moveOf(args, o))),
    show: showBalance(recipient),
  });
  signedCommand(root, ctx, {
    name: "transfer <class>",
    description: "send units you hold to an address (transferable classes only)",
    options: (c) =>
      moveOptions(c).option(
        "--memo <text>",
        "a memo of up to 512 bytes, encrypted to the recipient and to you (the recipient must have published a memo key)",
      ),
    async build(args, o, api) {
      const move = moveOf(args, o);
      if (o.memo === undefined) return checked(vouchersCalls.transfer(move));
      const memo = await memoForTransfer(api, String(o.from), move.to, String(o.memo));
      return checked(vouchersCalls["transfer-memo"]({ ...move, memo }));
    },
    show: showBalance(recipient),
  });
  signedCommand(root, ctx, {
    name: "redeem <class>",
    description: "burn units you hold for the issuer to serve the subscriber named",
    options: (c) =>
      c
        .requiredOption("--amount <units>", "whole units")
        .requiredOption(
          "--subscriber <ref>",
          "the issuer's reference of the subscriber: an MSISDN, an account id",
        ),
    build: ([raw], o) =>
      checked(
        vouchersCalls.redeem({
          classId: parseId(raw, "the class id"),
          amount: amount(o.amount, "--amount"),
          subscriber: SubscriberRef.check(String(o.subscriber), "--subscriber"),
        }),
      ),
    show: showBalance(senderOf),
  });

  const balance = root
    .command("balance <address>")
    .description("the units an address holds: of every class (paged), or of one with --class")
    .option("--class <id>", "one class only");
  pagingOptions(balance).action(async (address: string, o: Opts, c: Command) => {
    const g = globals(c);
    addressArgument(address, "the address");
    if (o.class !== undefined) {
      const b = await balanceAt(g.api, parseId(String(o.class), "--class"), address);
      ctx.print(g.json, b, () => balanceLine(b));
      return;
    }
    await runList(ctx, c, {
      path: `/v1/vouchers/balances?holder=${encodeURIComponent(address)}`,
      line: balanceLine,
      empty: "no vouchers",
    });
  });

  // ---------------------------------------------------------------- offer
  const offer = sub(root, "offer", "direct offers: units for coin, optionally marketed by another carrier");
  signedCommand(offer, ctx, {
    name: "publish",
    description:
      "as an operator of the class's issuer, offer units for coin (you receive the issuer's share)",
    options: (c) =>
      c
        .requiredOption("--class <id>", "the class")
        .requiredOption("--units <n>", "units per purchase")
        .requiredOption("--price <base units>", "coin base units per purchase")
        .requiredOption("--stock <n>", "purchases on offer")
        .option("--end <height>", "the last block it can be bought in (at most the class's expiry)")
        .option("--ends-in <blocks>", "or: that many blocks after the head")
        .option("--publisher <carrier>", "the carrier that markets it to its subscribers")
        .option("--fee-bps <n>", "the publisher's fee, basis points of the price (0-10000)", "0")
        .option(
          "--publisher-payee <address>",
          "the publisher's payout address, one of its operator keys (default: its first operator)",
        ),
    async build(_, o, api) {
      const publisher: { carrier: string; payee: Uint8Array; feeBps: number }[] = [];
      if (o.publisher !== undefined) {
        const id = carrier(o.publisher, "--publisher");
        let payee = o.publisherPayee as string | undefined;
        if (payee === undefined) {
          const found = (await get<{ operators: string[] }>(api, `/v1/carriers/${id}`)).operators[0];
          if (!found) throw bad(`carrier ${id} has no operator key: give --publisher-payee`);
          payee = found;
        }
        const feeBps = whole(o.feeBps, "--fee-bps");
        if (feeBps > 65_535)
          throw new TelchainError("VOUCHERS_BAD_FEE", `--fee-bps is 0 to 10000; got ${feeBps}`);
        publisher.push({ carrier: id, payee: addressArgument(payee, "--publisher-payee"), feeBps });
      } else if (o.publisherPayee !== undefined || o.feeBps !== "0") {
        throw bad("--fee-bps and --publisher-payee go with --publisher");
      }
      const fields = {
        classId: parseId(String(o.class), "--class"),
        units: amount(o.units, "--units"),
        price: amount(o.price, "--price"),
        publisher,
        stock: whole(o.stock, "--stock", 1),
      };
      const end = await heightOption(ctx, api, o, "end", "endsIn");
      return checked(vouchersCalls["offer-publish"]({ ...fields, end }));
    },
    show: created,
  });
  signedCommand(offer, ctx, {
    name: "buy <offer>",
    description: "pay for purchases of an offer: the units are yours in the same transaction",
    options: (c) => c.option("--count <n>", "purchases", "1"),
    build: ([raw], o) =>
      checked(
        vouchersCalls["offer-buy"]({
          offerId: parseId(raw, "the offer id"),
          count: Number(
            uint64Argument(String(o.count), "--count", {
              min: 1n,
              max: 0xffff_ffffn,
              code: "VOUCHERS_BAD_OPTION",
            }),
          ),
        }),
      ),
    async show(r, [raw]) {
      if (r.status !== "included") return {};
      const o = await offerAt(r.api, parseId(raw, "the offer id"));
      const b = await balanceAt(r.api, o.classId, await senderOf(r));
      return {
        json: { offer: o, balance: b },
        human: keyValues([
          ["offer", `${o.id}: ${o.stock} left, ${o.sold} sold`],
          ["class", `${b.classId} (${b.name})`],
          ["balance", unitsText(b.amount, b.unit)],
        ]),
      };
    },
  });
  registerShowCommand(root, ctx, offerLookup);
  registerListCommand(root, ctx, offersList);

  // ---------------------------------------------------------------- redemptions
  root
    .command("redemptions")
    .description("an issuer's redemption feed: the records after a cursor, or --follow them as they come")
    .requiredOption("--issuer <carrier>", "the issuing carrier")
    .option("--after <cursor>", "continue after this record's cursor (0: from the start)", "0")
    .option("--limit <n>", `records per page, 1 to ${FEED_MAX_PAGE}`, String(FEED_MAX_PAGE))
    .option("--all", "every record to the end of the log")
    .option("--follow", "stay connected and print each new record as blocks include it (Ctrl-C to stop)")
    .action(async (o: Opts, c: Command) => {
      const g = globals(c);
      const issuer = carrier(o.issuer, "--issuer");
      let after = whole(o.after, "--after");
      const limit = whole(o.limit, "--limit", 1);
      if (limit > FEED_MAX_PAGE) throw bad(`--limit is 1 to ${FEED_MAX_PAGE}; got ${limit}`);
      if (o.follow) {
        await followRedemptions({
          api: g.api,
          issuer,
          after,
          onRecord: (r) => process.stdout.write(`${g.json ? toJson(r) : redemptionLine(r)}\n`),
          onReorg: (cursor) =>
            process.stderr.write(`reorganisation: records after cursor ${cursor} taken back\n`),
        });
      }
      const page = (from: number) =>
        get<FeedPage>(g.api, `/v1/vouchers/redemptions?issuer=${issuer}&after=${from}&limit=${limit}`);
      let p = await page(after);
      const items = [...p.items];
      while (o.all && p.next < p.total) {
        after = p.next;
        p = await page(after);
        items.push(...p.items);
      }
      const shown = { ...p, items };
      ctx.print(g.json, shown, () => {
        const lines = items.map(redemptionLine);
        if (lines.length === 0) lines.push(`no redemptions after cursor ${after}`);
        lines.push(`next: --after ${shown.next} (${shown.total} in the log)`);
        return lines.join("\n");
      });
    });
}
