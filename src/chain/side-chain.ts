/**
 * Anti-DoS rule for side chains, in the spirit of Bitcoin Core's refusal to store blocks of
 * less-work chains it did not ask for (and its nMinimumChainWork): a block that does not beat
 * the head is stored only when its branch could plausibly still overtake the head. Without
 * it, a fork from genesis whose timestamps let its own ASERT fall to the easiest target costs
 * almost no work, yet every node would store each of its blocks (up to maxBlockBytes each).
 *
 * A block that does not beat the head is stored when its branch's prospects, i.e. its own
 * cumulative work, or more when the caller proved by headers what the branch carries beyond
 * it (`provenWork`, given by sync), are
 *  - more than the head's work: the branch will overtake the head, so it is stored however
 *    deep its fork (a heavier chain must always be reachable; refusing it would split the
 *    network); otherwise both
 *  - (a) its fork point with the main chain is at most MAX_SIDE_DEPTH blocks below the head
 *    (BLOCK_FORK_TOO_DEEP otherwise), and
 *  - (b) they are at least the cumulative work of the main-chain block SIDE_WORK_SLACK_BLOCKS
 *    below the head, i.e. the branch lags by less than that many recent main-chain blocks of
 *    work (BLOCK_SIDE_CHAIN_TOO_WEAK otherwise). Checked before (a): two record reads.
 *
 * So every stored side block costs about one main-chain block of real work at the current
 * difficulty (its ASERT bits follow from a parent near the tip), the same price as a block
 * of the chain itself. Blocks are imported in order, so a cheap branch is refused at its
 * first block and its later blocks meet BLOCK_UNKNOWN_PARENT, which costs no work to check.
 */
import { equalBytes, toHex } from "../bytes.js";
import { TelchainError } from "../errors.js";
import { type HeaderRecord, workFromBytes } from "./chain-store.js";
import type { ChainLink } from "./fork-choice.js";
import { workForBits } from "./pow.js";

/**
 * How many main-chain blocks of work a side branch may lag behind the head and still be
 * stored. Six, as Bitcoin's usual confirmation depth: an honest branch six blocks of work
 * behind has a negligible chance to overtake unless it has most of the hash rate, and then
 * its blocks arrive by sync (which proves by headers that the branch is heavier and passes
 * `provenWork`) anyway. Races of one or two blocks, the usual honest forks, are well inside.
 */
export const SIDE_WORK_SLACK_BLOCKS = 6;

/**
 * Deepest fork point below the head (in blocks) of a side branch that does not prove it will
 * overtake the head. 100 blocks (200 s on the dev chain, 50 min at 30 s blocks): far more than
 * any race, bounding the walk to the fork point and the reorg such a branch could cause.
 */
export const MAX_SIDE_DEPTH = 100;

/** What the rule reads: header records and the main-chain index. */
export interface SideChainStore {
  record(hash: Uint8Array): HeaderRecord | undefined;
  mainHash(height: number): Uint8Array | undefined;
}

/**
 * Throws BLOCK_SIDE_CHAIN_TOO_WEAK or BLOCK_FORK_TOO_DEEP unless the new block `tip` (whose
 * record `tip.rec` does not carry more work than `head`) may be stored as a side block.
 * `provenWork`: the work of the headers from `tip` (included) to the end of its branch, as
 * far as the caller checked them (linked, each meeting its own bits); absent for a block
 * that came alone (gossip, API).
 */
export function checkSideBlock(
  store: SideChainStore,
  head: ChainLink,
  tip: ChainLink,
  provenWork?: bigint,
): void {
  const own = workFromBytes(tip.rec.work);
  const parentWork = own - workForBits(tip.rec.header.bits);
  const prospects = provenWork !== undefined && parentWork + provenWork > own ? parentWork + provenWork : own;
  const headWork = workFromBytes(head.rec.work);
  if (prospects > headWork) return;

  const headHeight = head.rec.header.height;
  const anchorHeight = Math.max(0, headHeight - SIDE_WORK_SLACK_BLOCKS);
  const bound = workFromBytes(mainRecord(store, anchorHeight).work);
  if (prospects < bound) {
    throw new TelchainError(
      "BLOCK_SIDE_CHAIN_TOO_WEAK",
      `block ${tip.rec.header.height} (${toHex(tip.hash)}) is on a branch with work ${prospects}, less than ${bound} of main-chain block ${anchorHeight} (${SIDE_WORK_SLACK_BLOCKS} below the head)`,
    );
  }

  // Walk the branch down to the main chain; stop as soon as the fork is known to be too deep.
  const floor = Math.max(0, headHeight - MAX_SIDE_DEPTH);
  let hash = tip.rec.header.parent;
  let rec = store.record(hash);
  for (;;) {
    if (!rec) throw new TelchainError("STORE_CORRUPT", `missing ancestor ${toHex(hash)}`);
    const height = rec.header.height;
    const main = store.mainHash(height);
    if (main && equalBytes(main, hash) && height >= floor) return; // the fork point, deep enough
    // On the main chain below the floor, or off it at the floor: the fork is below the floor.
    if (height <= floor) {
      throw new TelchainError(
        "BLOCK_FORK_TOO_DEEP",
        `block ${tip.rec.header.height} (${toHex(tip.hash)}) forks from the main chain more than ${MAX_SIDE_DEPTH} blocks under the head at ${headHeight}`,
      );
    }
    hash = rec.header.parent;
    rec = store.record(hash);
  }
}

/** For each header, the work of it and every header after it: what sync has proven of a branch. */
export function provenWorkOf(headers: readonly { bits: number }[]): bigint[] {
  const out: bigint[] = new Array(headers.length);
  let sum = 0n;
  for (let i = headers.length - 1; i >= 0; i--) {
    sum += workForBits(headers[i].bits);
    out[i] = sum;
  }
  return out;
}

function mainRecord(store: SideChainStore, height: number): HeaderRecord {
  const hash = store.mainHash(height);
  const rec = hash && store.record(hash);
  if (!rec) throw new TelchainError("STORE_CORRUPT", `no main-chain block at height ${height}`);
  return rec;
}
