/**
 * `telchain allowance …`: the signed commands (--from), each checked as the chain checks it before
 * anything is sent; after inclusion each shows the grant as it is now (--json: one JSON object).
 * `allowance show ID` and `allowance list --payer ADDR | --grantee ADDR` come from the lookup and
 * the list (routes.ts).
 *
 *   allowance grant --to GRANTEE --limit N --period BLOCKS [--cap N] [--expiry H] [--recipient ADDR]…
 *   allowance change ID --expect N --limit N      allowance revoke ID      allowance pull ID --amount N [--to ADDR]
 */
import type { Command } from "commander";
import { addressArgument, uint64Argument } from "../../cli/arguments.js";
import { type SubmitOutcome, signedCommand } from "../../cli/signed-command.js";
import { isTelchainError, TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { checkCall, type ModuleCall } from "../../module/kind.js";
import { formatGrant } from "./format.js";
import { ZERO_ADDRESS } from "./kinds/common.js";
import { MAX_PERIOD_BLOCKS } from "./kinds/grant.js";
import { allowancesCalls, allowancesKinds } from "./kinds/index.js";
import { parseId } from "./routes.js";
import { MAX_RECIPIENTS } from "./schemas.js";
import type { GrantView } from "./views.js";

const checked = (call: ModuleCall) => checkCall(allowancesKinds, call);

/** Coin base units from 1 to 2^64 − 1 (ALLOWANCES_BAD_AMOUNT). */
const amount = (v: unknown, flag: string) =>
  uint64Argument(String(v), flag, { min: 1n, code: "ALLOWANCES_BAD_AMOUNT", unit: "base units" });
/** A whole number from `min` to `max` with the option's code. */
const whole = (v: unknown, flag: string, min: number, max: number, code: string) =>
  Number(uint64Argument(String(v), flag, { min: BigInt(min), max: BigInt(max), code }));
const collect = (v: string, all: string[]) => [...all, v];

export function allowancesCli(program: Command, ctx: CliContext): void {
  const root = program
    .command("allowance")
    .description("allowances: grants a grantee pulls from every period");
  const grantAt = (api: string, id: number) => ctx.get(api, `/v1/allowances/${id}`) as Promise<GrantView>;

  /** The grant after the transaction, or what happened to it when it is gone. */
  const showGrant = (id: number, gone: string) => async (r: SubmitOutcome) => {
    if (r.status !== "included") return {};
    try {
      const grant = await grantAt(r.api, id);
      return { json: { grant }, human: formatGrant(grant) };
    } catch (e) {
      if (!isTelchainError(e) || e.code !== "NOT_FOUND") throw e;
      return { json: { grant: null }, human: `grant ${id} ${gone}` };
    }
  };

  signedCommand(root, ctx, {
    name: "grant",
    description: "let a grantee pull up to --limit base units of your coins every --period blocks",
    options: (c) =>
      c
        .requiredOption("--to <address>", "the grantee: who may pull (tel1…)")
        .requiredOption("--limit <base units>", "the most pulled per period")
        .requiredOption("--period <blocks>", `blocks per period, 1 to ${MAX_PERIOD_BLOCKS}, from this block`)
        .option("--cap <base units>", "the most pulled in total (default: no cap)")
        .option("--expiry <height>", "no pull at or after this height (default: none)")
        .option(
          "--recipient <address>",
          "a pull may pay only the addresses given (repeat; at most 8)",
          collect,
          [],
        ),
    build(_, o) {
      const recipients = (o.recipient as string[]).map((r) => addressArgument(r, "--recipient"));
      if (recipients.length > MAX_RECIPIENTS)
        throw new TelchainError(
          "ALLOWANCES_BAD_RECIPIENTS",
          `at most ${MAX_RECIPIENTS} --recipient; got ${recipients.length}`,
        );
      return checked(
        allowancesCalls.grant({
          grantee: addressArgument(String(o.to), "--to"),
          limit: amount(o.limit, "--limit"),
          period: whole(o.period, "--period", 1, MAX_PERIOD_BLOCKS, "ALLOWANCES_BAD_PERIOD"),
          cap: o.cap === undefined ? 0n : amount(o.cap, "--cap"),
          expiry:
            o.expiry === undefined
              ? 0
              : whole(o.expiry, "--expiry", 1, Number.MAX_SAFE_INTEGER, "ALLOWANCES_BAD_EXPIRY"),
          recipients,
        }),
      );
    },
    async show(r) {
      if (r.status !== "included") return {};
      const c = (await ctx.get(r.api, `/v1/allowances/created/${r.hash}`)) as { id: number };
      const grant = await grantAt(r.api, c.id);
      return { json: { grant }, human: `granted: grant ${grant.id}\n${formatGrant(grant)}` };
    },
  });

  signedCommand(root, ctx, {
    name: "change <id>",
    description:
      "set a grant's limit, if it still is --expect (compare-and-set); what was pulled stays counted",
    options: (c) =>
      c
        .requiredOption("--expect <base units>", "the limit the grant has now")
        .requiredOption("--limit <base units>", "the new limit per period"),
    build: ([raw], o) =>
      checked(
        allowancesCalls.change({
          grant: parseId(raw, "the grant id"),
          expectedLimit: amount(o.expect, "--expect"),
          limit: amount(o.limit, "--limit"),
        }),
      ),
    show: (r, [raw]) => showGrant(parseId(raw, "the grant id"), "is gone")(r),
  });

  signedCommand(root, ctx, {
    name: "revoke <id>",
    description: "end a grant you gave, at once",
    build: ([raw]) => checked(allowancesCalls.revoke({ grant: parseId(raw, "the grant id") })),
    show: async (r, [raw]) =>
      r.status === "included"
        ? { json: { revoked: parseId(raw, "the grant id") }, human: `grant ${raw} revoked` }
        : {},
  });

  signedCommand(root, ctx, {
    name: "pull <id>",
    description: "as the grantee, take coins from the payer within what is left this period",
    options: (c) =>
      c
        .requiredOption("--amount <base units>", "how much")
        .option("--to <address>", "pay this address (one of the grant's recipients; default: yourself)"),
    build: ([raw], o) =>
      checked(
        allowancesCalls.pull({
          grant: parseId(raw, "the grant id"),
          amount: amount(o.amount, "--amount"),
          to: o.to === undefined ? ZERO_ADDRESS : addressArgument(String(o.to), "--to"),
        }),
      ),
    show: (r, [raw]) =>
      showGrant(parseId(raw, "the grant id"), "is exhausted (its cap is reached): removed")(r),
  });
}
