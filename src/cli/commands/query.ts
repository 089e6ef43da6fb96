/** Read-only commands against a node's API: status, block, tx, account, history, mempool. */
import type { Command } from "commander";
import { MAX_PAGE, type Page, type PageQuery } from "../../api/paging.js";
import { getAccount, listAccountTxs } from "../../client/actions/accounts.js";
import { getBlock, getMempool, getPeers, getStatus } from "../../client/actions/chain.js";
import { getTx } from "../../client/actions/txs.js";
import { ApiClient } from "../../client/api-client.js";
import { walletMemoKey } from "../../client/memo.js";
import { decodeAddress } from "../../crypto/address.js";
import { checkViewKeyFor, decodeViewKey } from "../../crypto/memo.js";
import { TelchainError } from "../../errors.js";
import { addressArgument, blockIdArgument, intOption, txHashArgument } from "../arguments.js";
import { createCliContext } from "../context.js";
import { pagingOptions, runList } from "../list-command.js";
import { csv, type MemoHistoryItem, memoText, withMemo } from "../memo-history.js";
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
function historyLine(t: MemoHistoryItem): string {
  const p = (typeof t.payload === "object" && t.payload !== null ? t.payload : {}) as Record<string, unknown>;
  const amount = typeof p.amount === "string" ? ` amount ${p.amount}` : "";
  const other =
    t.role === "received" ? `from ${t.sender}` : typeof p.to === "string" ? `to ${p.to}` : undefined;
  const payload = toJson(t.payload);
  const detail = other ?? (payload.length > 80 ? `${payload.slice(0, 79)}…` : payload);
  const memo = memoText(t);
  return [
    String(t.height).padEnd(6),
    t.role.padEnd(8),
    `${t.module}/${t.kind}`.padEnd(20),
    t.hash,
    `${detail}${amount}${memo === "" ? "" : `  memo ${t.memo?.opened ? toJson(memo) : memo}`}`,
  ].join("  ");
}

/**
 * The memo secret `history` opens memos with (a view key's or a wallet's, checked against the
 * address before the node is asked anything) and the chain id memos are bound to.
 */
async function historyMemoSecret(
  address: string,
  o: { viewKey?: string; from?: string },
  client: ApiClient,
): Promise<{ secret?: Uint8Array; chainId: string }> {
  if (o.viewKey !== undefined && o.from !== undefined)
    throw new TelchainError("BAD_ARGUMENT", "give --view-key KEY or --from WALLET, not both");
  if (o.viewKey !== undefined) {
    const view = decodeViewKey(o.viewKey);
    checkViewKeyFor(view, decodeAddress(address));
    return { secret: view.secret, chainId: (await getStatus(client)).chainId };
  }
  if (o.from !== undefined) {
    const { chainId } = await getStatus(client);
    const own = await walletMemoKey(o.from, chainId);
    checkViewKeyFor({ address: decodeAddress(own.account), secret: own.secret }, decodeAddress(address));
    return { secret: own.secret, chainId };
  }
  return { chainId: "" };
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
        "list the transactions an address sent or received (a transfer's recipient, ...), newest first (paged); with --view-key or --from, their memos opened",
      )
      .option(
        "--view-key <key>",
        "open the address's memos with its view key (telview1…, from `wallet export-view-key`)",
      )
      .option("--from <wallet>", "open the address's memos with this wallet's own memo key (unlocks it)")
      .option(
        "--csv",
        "print CSV for an accountant (time, height, tx, role, counterparty, module, kind, amount, fee, memo)",
      ),
  ).action(async (address: string, o: { viewKey?: string; from?: string; csv?: boolean }, cmd: Command) => {
    addressArgument(address, "<address>");
    const g = globals(cmd);
    if (o.csv && g.json) throw new TelchainError("BAD_ARGUMENT", "give --csv or --json, not both");
    const client = new ApiClient(g.api);
    const { secret, chainId } = await historyMemoSecret(address, o, client);
    const fetch = async (_api: string, page: PageQuery): Promise<Page<MemoHistoryItem>> => {
      const p = await listAccountTxs(client, { address, ...page });
      return { ...p, items: p.items.map((t) => withMemo(t, chainId, secret)) };
    };
    if (!o.csv) {
      await runList<MemoHistoryItem>(createCliContext(), cmd, {
        fetch,
        line: historyLine,
        empty: "no transactions",
      });
      return;
    }
    const paging = cmd.opts() as { limit?: number; cursor?: string; all?: boolean };
    let page = await fetch(g.api, {
      limit: paging.all ? (paging.limit ?? MAX_PAGE) : paging.limit,
      cursor: paging.cursor,
    });
    const items = [...page.items];
    while (paging.all && page.next !== null) {
      page = await fetch(g.api, { limit: paging.limit ?? MAX_PAGE, cursor: page.next });
      items.push(...page.items);
    }
    process.stdout.write(csv(items));
    if (!paging.all && page.next !== null) process.stderr.write(`more: --cursor ${page.next} (or --all)\n`);
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
