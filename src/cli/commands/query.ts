/** Read-only commands against a node's API: status, block, tx, account, history, mempool. */
import type { Command } from "commander";
import type { AccountTxView } from "../../api/schemas.js";
import { getAccount, listAccountTxs } from "../../client/actions/accounts.js";
import { getBlock, getMempool, getPeers, getStatus } from "../../client/actions/chain.js";
import { getTx } from "../../client/actions/txs.js";
import { ApiClient } from "../../client/api-client.js";
import { addressArgument, blockIdArgument, intOption, txHashArgument } from "../arguments.js";
import { createCliContext } from "../context.js";
import { pagingOptions, runList } from "../list-command.js";
import { globals, keyValues, print, toJson } from "../output.js";

/** Calls one typed action against the --api node and prints its result (JSON or human). */
async function fetchAndPrint<T>(
  cmd: Command,
  call: (client: ApiClient) => Promise<T>,
  human: (value: T) => string,
): Promise<void> {
  const g = globals(cmd);
  const value = await call(new ApiClient(g.api));
  print(g.json, value, () => human(value));
}

function list(title: string, items: string[]): string {
  return items.length === 0 ? `${title}: none` : `${title}:\n${items.map((i) => `  ${i}`).join("\n")}`;
}

/** A line of `telchain history`: height, role, call, hash, then the other side or the payload. */
function historyLine(t: AccountTxView): string {
  const p = (typeof t.payload === "object" && t.payload !== null ? t.payload : {}) as Record<string, unknown>;
  const amount = typeof p.amount === "string" ? ` amount ${p.amount}` : "";
  const other =
    t.role === "received" ? `from ${t.sender}` : typeof p.to === "string" ? `to ${p.to}` : undefined;
  const payload = toJson(t.payload);
  const detail = other ?? (payload.length > 80 ? `${payload.slice(0, 79)}…` : payload);
  return [
    String(t.height).padEnd(6),
    t.role.padEnd(8),
    `${t.module}/${t.kind}`.padEnd(20),
    t.hash,
    `${detail}${amount}`,
  ].join("  ");
}

export function registerQueryCommands(program: Command): void {
  program
    .command("status")
    .description("show the node's chain, head and mining status")
    .action(async (_opts, cmd: Command) =>
      fetchAndPrint(cmd, getStatus, (s) =>
        keyValues([
          ["chain", s.chainId],
          ["height", s.height],
          ["head", s.headHash],
          ["difficulty", s.difficulty],
          ["bits", s.bits],
          ["peers", s.peers],
          ["syncing", s.syncing ? `yes (to height ${s.targetHeight})` : "no"],
          ["peer id", s.peerId ?? "networking off"],
          ...s.listen.map((a, i): [string, string] => [i === 0 ? "listen" : "", a]),
          ["mining", s.mining ? `yes (${s.hashRate.toFixed(0)} H/s)` : "no"],
          ["mempool", `${s.mempool.size} txs, ${s.mempool.bytes} bytes`],
          ["min fee", `${s.minFeePerByte} per byte`],
        ]),
      ),
    );

  program
    .command("peers")
    .description("list connected peers with their score and height")
    .action(async (_opts, cmd: Command) =>
      fetchAndPrint(cmd, getPeers, ({ peers }) =>
        peers.length === 0
          ? "no peers connected"
          : peers
              .map(
                (p) => `${p.peerId}  ${p.direction.padEnd(8)}  height ${p.height ?? "?"}  score ${p.score}
  ${p.address}`,
              )
              .join("\n"),
      ),
    );

  /**
   * `telchain <name> <arg>`: fetch one thing by its argument and print it. `fetch` checks
   * the argument before the node is asked, so a bad one says which forms are accepted.
   */
  const showCommand = <T>(
    spec: string,
    description: string,
    fetch: (client: ApiClient, arg: string) => Promise<T>,
    human: (value: T) => string,
  ) =>
    program
      .command(spec)
      .description(description)
      .action(async (arg: string, _opts, cmd: Command) => fetchAndPrint(cmd, (c) => fetch(c, arg), human));

  showCommand(
    "block <id>",
    "show a block by height or hash",
    (client, id) => getBlock(client, { id: blockIdArgument(id) }),
    (b) =>
      [
        keyValues([
          ["hash", b.hash],
          ["height", b.height],
          ["main chain", b.main ? "yes" : "no (side branch)"],
          ["parent", b.parent],
          ["time", `${new Date(b.timestamp * 1000).toISOString()} (${b.timestamp})`],
          ["miner", b.miner],
          ["reward", b.reward],
          ["fees", b.fees],
          ["bits", b.bits],
          ["nonce", b.nonce],
          ["size", `${b.size} bytes`],
          ["tx root", b.txRoot],
          ["state root", b.stateRoot],
        ]),
        list(`transactions (${b.txs.length})`, b.txs),
      ].join("\n"),
  );

  showCommand(
    "tx <hash>",
    "show a transaction, pending or included",
    (client, hash) => getTx(client, { hash: txHashArgument(hash) }),
    (t) =>
      keyValues([
        ["hash", t.hash],
        ["status", t.status === "included" ? `included in block ${t.height} (${t.blockHash})` : "pending"],
        ["call", `${t.module}.${t.kind}`],
        ["sender", t.sender],
        ["nonce", t.nonce],
        ["fee", t.fee],
        ["expiry", t.expiry === 0 ? "none" : `height ${t.expiry}`],
        ["size", `${t.size} bytes`],
        ["payload", toJson(t.payload)],
      ]),
  );

  showCommand(
    "account <address>",
    "show an account's balance (base units), nonce, the key that signs for it, its lock and memo key",
    (client, address) => {
      addressArgument(address, "the account");
      return getAccount(client, { address });
    },
    (a) =>
      keyValues([
        ["address", a.address],
        ["balance", a.balance],
        ["nonce", a.nonce],
        ["pending nonce", a.pendingNonce === a.nonce ? undefined : a.pendingNonce],
        ["signed by", a.rotated ? `${a.authorisingKey} (key rotated)` : "its own key"],
        [
          "locked",
          a.lockedUntil > 0 ? `${a.locked ? "yes" : "no"}, until height ${a.lockedUntil}` : undefined,
        ],
        ["memo key", a.memoKey ?? "none published"],
      ]),
  );

  pagingOptions(
    program
      .command("history <address>")
      .description(
        "list the transactions an address sent or received (a transfer's recipient, ...), newest first (paged)",
      ),
  ).action(async (address: string, _opts, cmd: Command) => {
    addressArgument(address, "<address>");
    await runList<AccountTxView>(createCliContext(), cmd, {
      fetch: (api, page) => listAccountTxs(new ApiClient(api), { address, ...page }),
      line: historyLine,
      empty: "no transactions",
    });
  });

  program
    .command("mempool")
    .description("list pending transactions")
    .option("--limit <n>", "how many hashes to list (1-1000)", intOption("--limit", 1, 1000), 100)
    .action(async (opts: { limit: number }, cmd: Command) =>
      fetchAndPrint(
        cmd,
        (client) => getMempool(client, { limit: opts.limit }),
        (m) =>
          [keyValues([["pending", `${m.size} txs, ${m.bytes} bytes`]]), list("transactions", m.txs)].join(
            "\n",
          ),
      ),
    );
}
