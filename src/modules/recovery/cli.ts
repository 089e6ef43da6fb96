/**
 * `telchain recovery …`: the signed commands (--from), each checked as the chain checks it before
 * anything is sent; after inclusion each shows the account's recovery (GET /v1/recovery/:address).
 * `recovery show ADDRESS` and `recovery list --guardian ADDR|--carrier ID` come from the lookup and
 * the list (views.ts).
 *
 *   recovery set-guardians --guardian ADDR|carrier:ID … --threshold N --delay BLOCKS
 *   recovery cancel-change | veto                      (the account: --from signs for it)
 *   recovery propose ACCOUNT --new-key WALLET|ADDR     (a guardian)
 *   recovery lock ACCOUNT | unlock ACCOUNT             (a guardian)
 *   recovery execute ACCOUNT                           (anyone, after the delay)
 */
import type { Command } from "commander";
import { newKeyArgument } from "../../account/index.js";
import { addressArgument, uint64Argument } from "../../cli/arguments.js";
import { type SubmitOutcome, signedCommand } from "../../cli/signed-command.js";
import { accountOfSigner } from "../../client/signer.js";
import { encodeAddress } from "../../crypto/address.js";
import { Keystore } from "../../crypto/keystore.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { checkCall, type ModuleCall } from "../../module/kind.js";
import { carrierIdText } from "../../telephony/carrier-id.js";
import { formatRecovery } from "./format.js";
import { recoveryCalls, recoveryKinds } from "./kinds.js";
import { MAX_GUARDIANS } from "./schemas.js";
import type { RecoveryView } from "./views.js";

type Opts = Record<string, unknown>;
const checked = (call: ModuleCall) => checkCall(recoveryKinds, call);
const bad = (message: string) => new TelchainError("RECOVERY_BAD_OPTION", message);
const CarrierGuardian = carrierIdText("RECOVERY_BAD_GUARDIAN");
const ZERO = new Uint8Array(32);

/** One --guardian: "carrier:ID" or an address. */
function guardianOption(raw: string) {
  if (raw.startsWith("carrier:"))
    return {
      address: ZERO,
      carrier: CarrierGuardian.check(raw.slice("carrier:".length), "--guardian carrier:"),
    };
  return { address: addressArgument(raw, "--guardian"), carrier: "" };
}

const whole = (v: unknown, flag: string, max: number) =>
  Number(uint64Argument(String(v), flag, { min: 1n, max: BigInt(max), code: "RECOVERY_BAD_OPTION" }));

/** The account `--from` signs for (a dev account, or a wallet's recorded account or own address). */
function ownAccount(o: Opts): Uint8Array {
  const account = accountOfSigner(String(o.from));
  if (!account) throw bad(`--from ${o.from} is neither dev0..dev9 nor a wallet in the keystore`);
  return addressArgument(account, "--from");
}

export function recoveryCli(program: Command, ctx: CliContext): void {
  const root =
    program.commands.find((c) => c.name() === "recovery") ??
    program
      .command("recovery")
      .description(
        "guardian recovery: guardians approve a new key for a lost one, after a delay the owner can veto",
      );

  const viewOf = (api: string, account: string) =>
    ctx.get(api, `/v1/recovery/${account}`) as Promise<RecoveryView>;
  /** After inclusion: the account's recovery, as JSON and as text. */
  const showAccount =
    (
      accountOf: (args: string[], o: Opts) => string,
      extra?: (v: RecoveryView, r: SubmitOutcome, o: Opts) => string,
    ) =>
    async (r: SubmitOutcome, args: string[], o: Opts) => {
      if (r.status !== "included") return {};
      const v = await viewOf(r.api, accountOf(args, o));
      const more = extra?.(v, r, o);
      return { json: { recovery: v }, human: [...(more ? [more] : []), formatRecovery(v)].join("\n") };
    };
  const argAccount = ([raw]: string[]) => encodeAddress(addressArgument(raw, "the account"));
  const fromAccount = (_: string[], o: Opts) => encodeAddress(ownAccount(o));

  signedCommand(root, ctx, {
    name: "set-guardians",
    description:
      "as the account, name your guardians, how many must approve a new key, and the delay; the first time at once, " +
      "later changes only after your current delay (cancel-change drops them meanwhile)",
    options: (c) =>
      c
        .option(
          "--guardian <address|carrier:ID>",
          `a guardian (repeat, 1 to ${MAX_GUARDIANS}): an address, or carrier:ID (any of its operators acts for it)`,
          (v: string, all: string[]) => [...all, v],
          [] as string[],
        )
        .requiredOption("--threshold <n>", "approvals of one key that start a recovery")
        .requiredOption(
          "--delay <blocks>",
          "blocks between start and execution (also a proposal's life, a change's wait)",
        ),
    build(_, o) {
      const raw = o.guardian as string[];
      if (raw.length === 0) throw bad("name at least one --guardian");
      return checked(
        recoveryCalls["set-guardians"]({
          guardians: raw.map(guardianOption),
          threshold: whole(o.threshold, "--threshold", 255),
          delay: whole(o.delay, "--delay", Number.MAX_SAFE_INTEGER),
        }),
      );
    },
    show: showAccount(fromAccount, (v) =>
      v.pending
        ? `the change applies at height ${v.pending.appliesAt} (cancel-change drops it until then)`
        : "",
    ),
  });

  signedCommand(root, ctx, {
    name: "cancel-change",
    description: "as the account, drop your pending guardian change",
    build: (_, o) => checked(recoveryCalls["cancel-change"]({ account: ownAccount(o) })),
    show: showAccount(fromAccount),
  });

  signedCommand(root, ctx, {
    name: "propose <account>",
    description:
      "as a guardian (or an operator of a carrier guardian), approve a new authorising key for the account; " +
      "at the threshold its recovery starts",
    options: (c) =>
      c.requiredOption("--new-key <wallet|address>", "the new key: a wallet name or a key's address (tel1…)"),
    build: ([raw], o) =>
      checked(
        recoveryCalls.propose({
          account: addressArgument(raw, "the account"),
          key: newKeyArgument(String(o.newKey), new Keystore(), "--new-key").key,
        }),
      ),
    show: showAccount(argAccount, (v) =>
      v.recovery
        ? `the recovery has started: anyone may execute it from height ${v.recovery.executableAt}`
        : "approval recorded; the recovery starts when the threshold is reached",
    ),
  });

  signedCommand(root, ctx, {
    name: "veto",
    description:
      "as the account (also while locked), cancel its started recovery and open proposals; the veto is recorded",
    build: (_, o) => checked(recoveryCalls.veto({ account: ownAccount(o) })),
    show: showAccount(fromAccount),
  });

  for (const [name, description] of [
    [
      "lock",
      "as a guardian, lock the account for its delay: nothing leaves it, it sends only recovery transactions",
    ],
    ["unlock", "as a guardian, lift the account's lock"],
  ] as const)
    signedCommand(root, ctx, {
      name: `${name} <account>`,
      description,
      build: ([raw]) => checked(recoveryCalls[name]({ account: addressArgument(raw, "the account") })),
      show: showAccount(argAccount),
    });

  signedCommand(root, ctx, {
    name: "execute <account>",
    description:
      "after the delay, anyone: make the recovered key the account's authorising key (a --from wallet holding that key then signs for the account)",
    build: ([raw]) => checked(recoveryCalls.execute({ account: addressArgument(raw, "the account") })),
    async show(r, [raw], o) {
      if (r.status !== "included") return {};
      const account = encodeAddress(addressArgument(raw, "the account"));
      const { authorisingKey } = (await ctx.get(r.api, `/v1/accounts/${account}`)) as {
        authorisingKey: string;
      };
      const keystore = new Keystore();
      const from = String(o.from);
      // The wallet that holds the recovered key signs for the account from now on.
      const wallet = keystore.has(from) && keystore.info(from).address === authorisingKey ? from : undefined;
      if (wallet) keystore.setAccount(wallet, account);
      const v = await viewOf(r.api, account);
      return {
        json: { account, authorisingKey, ...(wallet ? { wallet } : {}), recovery: v },
        human: [
          `${account} is now signed for by ${authorisingKey}`,
          wallet
            ? `wallet ${wallet} now signs for ${account} (its --from sends for the account)`
            : `the wallet holding that key signs for the account once it records it: \`telchain wallet set-account NAME ${account}\` where that wallet is`,
          formatRecovery(v),
        ].join("\n"),
      };
    },
  });
}
