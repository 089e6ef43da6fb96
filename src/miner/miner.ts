/**
 * The mining loop: build a template on the head, search a nonce in worker threads,
 * import the block. A new head or new transactions restart the search on a fresh template.
 */
import { toHex } from "../bytes.js";
import { bitsToTarget } from "../chain/compact.js";
import { Header } from "../codec/schema.js";
import type { NodeService } from "../node/service.js";
import { readAccount } from "../state/accounts.js";
import { PowSearch } from "./pow-search.js";

export interface MinerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MinerOptions {
  /** Worker threads searching nonces (default 1). */
  threads?: number;
  /**
   * Paced mining (the dev node's default): search only once the head is this many seconds
   * old, so blocks come every block time and the node idles in between. The proof of work
   * is real; ASERT keeps the target where blocks at that pace leave it (low on the dev chain).
   */
  paceSeconds?: number;
}

export class Miner {
  private readonly search: PowSearch;
  private readonly paceSeconds?: number;
  private running = false;
  private loop?: Promise<void>;
  /** Set when the current template is stale (new head, new transactions). */
  private stale = false;
  private refreshTimer?: NodeJS.Timeout;
  /** Ends the current pause (stop, new head). */
  private wake?: () => void;

  constructor(
    private readonly node: NodeService,
    private readonly minerAddress: Uint8Array,
    private readonly log: MinerLog,
    opts: MinerOptions = {},
  ) {
    this.search = new PowSearch(opts.threads ?? 1);
    this.paceSeconds = opts.paceSeconds;
    node.on("head", () => this.restart());
    // New transactions: refresh the template at most once a second.
    node.on("tx", () => {
      if (this.refreshTimer) return;
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = undefined;
        this.restart();
      }, 1000);
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.node.mining = true;
    this.node.hashRate = () => this.search.hashRate();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.node.mining = false;
    clearTimeout(this.refreshTimer);
    this.wake?.();
    this.search.cancel();
    await this.loop;
    await this.search.close();
  }

  /** Sleeps up to `ms`, waking early on stop or a new head. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.node.off("head", wake);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.node.once("head", wake);
      this.wake = wake;
    });
  }

  private restart(): void {
    this.stale = true;
    this.search.cancel();
  }

  private async run(): Promise<void> {
    const { chain, pool } = this.node;
    while (this.running) {
      if (this.node.network?.syncState().syncing) {
        // A heavier chain, proven by its headers, is being imported: mining on a head we know
        // to be behind would only produce orphans. (While a peer's claim of more work is still
        // being checked, phase "pending", mining goes on: a claim alone stops nothing.)
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (this.paceSeconds !== undefined) {
        const due = (chain.headHeader().timestamp + this.paceSeconds) * 1000 - Date.now();
        if (due > 0) {
          await this.pause(due); // wakes early on a new head: then wait for that one
          continue;
        }
      }
      this.stale = false;
      const candidates = pool.select({
        maxBytes: chain.params.maxBlockBytes,
        maxTxs: chain.params.maxBlockTxs,
        height: chain.height() + 1,
        nonceOf: (sender) => readAccount(chain.state, sender).nonce,
      });
      const template = chain.buildTemplate(this.minerAddress, candidates);
      for (const r of template.rejected) {
        pool.remove(r.hash);
        this.log.warn(
          { tx: toHex(r.hash), code: r.error.code },
          `dropped a transaction that no longer applies: ${r.error.message}`,
        );
      }
      const header = template.block.header;
      // The median-time-past rule can push the template's timestamp past the allowed future
      // drift (blocks found faster than the clock moves): wait for the clock instead of
      // mining a block every node would refuse.
      const ahead = header.timestamp - (Math.floor(Date.now() / 1000) + chain.params.maxFutureDrift);
      if (ahead > 0) {
        await this.pause(ahead * 1000);
        continue;
      }
      const found = await this.search.search(Header.serialize(header), bitsToTarget(header.bits));
      if (!found || this.stale || !this.running) continue;
      const block = { header: { ...header, nonce: found.nonce }, txs: template.block.txs };
      try {
        const res = await this.node.importBlock(block);
        this.log.info(
          { height: header.height, hash: toHex(res.hash), txs: block.txs.length },
          `mined block ${header.height}`,
        );
      } catch (e) {
        this.log.warn({ err: (e as Error).message }, "mined block was refused");
      }
    }
  }
}
