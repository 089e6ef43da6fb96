/**
 * Fork choice by cumulative work: whether a block beats the head, and the path from the head
 * to it (the blocks to disconnect back to the fork point and the blocks to connect from there).
 * Reads header records only; executing the path is the reorg's job (head-switch.ts).
 */
import { equalBytes, toHex } from "../bytes.js";
import { TelchainError } from "../errors.js";
import { type HeaderRecord, workFromBytes } from "./chain-store.js";

/** A block named by its hash, with its header record. */
export interface ChainLink {
  hash: Uint8Array;
  rec: HeaderRecord;
}

export interface ForkPath {
  /** Main-chain blocks to disconnect, newest first (empty when the tip extends the head). */
  disconnect: ChainLink[];
  /** Blocks to connect after the fork point, oldest first, ending with the tip. */
  connect: ChainLink[];
}

/** A block becomes the head only with strictly more cumulative work (the first seen wins ties). */
export function hasMoreWork(candidate: HeaderRecord, head: HeaderRecord): boolean {
  return workFromBytes(candidate.work) > workFromBytes(head.work);
}

/** Walks the head's branch and the tip's branch back to their common ancestor. */
export function forkPath(
  records: { record(hash: Uint8Array): HeaderRecord | undefined },
  head: ChainLink,
  tip: ChainLink,
): ForkPath {
  const parentOf = (x: ChainLink): ChainLink => {
    const r = records.record(x.rec.header.parent);
    if (!r) throw new TelchainError("STORE_CORRUPT", `missing ancestor ${toHex(x.rec.header.parent)}`);
    return { hash: x.rec.header.parent, rec: r };
  };
  const connect: ChainLink[] = [tip];
  const disconnect: ChainLink[] = [];
  let a = parentOf(tip);
  let b = head;
  while (a.rec.header.height > b.rec.header.height) {
    connect.unshift(a);
    a = parentOf(a);
  }
  while (b.rec.header.height > a.rec.header.height) {
    disconnect.push(b);
    b = parentOf(b);
  }
  while (!equalBytes(a.hash, b.hash)) {
    connect.unshift(a);
    disconnect.push(b);
    a = parentOf(a);
    b = parentOf(b);
  }
  return { disconnect, connect };
}
