/**
 * A two-way relay between two sockets through a meter: each chunk passes only as far as the
 * meter grants bytes; the rest waits, with its source paused, until the meter grants more
 * (a new voucher) or the relay is destroyed (a cut-off). Backpressure is kept both ways.
 */
import type { Socket } from "node:net";

export interface Meter {
  /** Grants up to `n` bytes now (counting them) and returns how many. */
  take(n: number): number;
  /** Calls `fn` once when more bytes may be granted. */
  whenCredit(fn: () => void): void;
}

/** A meter without a limit that only counts (the client's side). */
export function countingMeter(onBytes: (n: number) => void): Meter {
  return {
    take(n) {
      onBytes(n);
      return n;
    },
    whenCredit: (fn) => fn(),
  };
}

function pump(src: Socket, dst: Socket, meter: Meter): void {
  let pending: Buffer | undefined;
  let ended = false;
  let draining = false;
  const flush = () => {
    if (dst.destroyed) return;
    while (pending) {
      const n = meter.take(pending.length);
      if (n > 0) {
        const part = pending.subarray(0, n);
        pending = n === pending.length ? undefined : pending.subarray(n);
        if (!dst.write(part)) draining = true;
      }
      if (pending) {
        meter.whenCredit(flush);
        return;
      }
    }
    if (ended) dst.end();
    else if (!draining) src.resume();
  };
  src.on("data", (chunk: Buffer) => {
    src.pause();
    pending = chunk;
    flush();
  });
  src.on("end", () => {
    ended = true;
    if (!pending) flush();
  });
  dst.on("drain", () => {
    draining = false;
    if (!pending && !ended) src.resume();
  });
  src.resume();
}

/**
 * Relays `a` ↔ `b` through `meter`. Each direction ends the other side once its source ended and
 * its bytes went through; a socket that closed ends the other; an error destroys both. Once
 * both sockets closed, `onClose` runs. The sockets should allow half-open connections.
 */
export function relay(a: Socket, b: Socket, meter: Meter, onClose: () => void): void {
  let open = 2;
  const fail = () => {
    a.destroy();
    b.destroy();
  };
  for (const [s, other] of [
    [a, b],
    [b, a],
  ] as const) {
    s.on("error", fail);
    s.on("close", () => {
      other.end();
      if (--open === 0) onClose();
    });
  }
  pump(a, b, meter);
  pump(b, a, meter);
}
