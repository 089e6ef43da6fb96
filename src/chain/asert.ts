/**
 * aserti3-2d difficulty adjustment, exactly as specified for Bitcoin Cash (2020-11-15 upgrade):
 * target = anchorTarget * 2^((timeDelta - spacing * (heightDelta + 1)) / halfLife), computed with
 * integer arithmetic only (16-bit fixed-point exponent, cubic approximation of 2^x), so every node
 * derives bit-identical targets.
 */
import { TelchainError } from "../errors.js";

export interface AsertAnchor {
  /** Height of the anchor block. Heights may be bigints for values beyond 2^53 (spec vectors use them). */
  height: number | bigint;
  /** Timestamp of the anchor block's parent. */
  parentTime: number;
  /** Target of the anchor block. */
  target: bigint;
}

export interface AsertParams {
  /** Ideal seconds between blocks. */
  spacing: number;
  /** Seconds of schedule drift that double (or halve) the target. */
  halfLife: number;
  /** Easiest allowed target; results are clamped to [1, powLimit]. */
  powLimit: bigint;
}

const RADIX_BITS = 16n;
const RADIX = 1n << RADIX_BITS;

/** The target for the block at parentHeight + 1, whose parent has the given height and timestamp. */
export function asertTarget(
  anchor: AsertAnchor,
  parentHeight: number | bigint,
  parentTime: number,
  params: AsertParams,
): bigint {
  const { powLimit } = params;
  if (!(params.halfLife > 0) || !(params.spacing > 0)) {
    throw new TelchainError("ASERT_BAD_PARAMS", "spacing and halfLife must be positive");
  }
  if (anchor.target <= 0n || anchor.target > powLimit) {
    throw new TelchainError("ASERT_BAD_ANCHOR", "anchor target must be in [1, powLimit]");
  }
  const heightDelta = BigInt(parentHeight) - BigInt(anchor.height);
  if (heightDelta < 0n) {
    throw new TelchainError("ASERT_BAD_HEIGHT", "parent height is below the anchor height");
  }
  const timeDelta = BigInt(parentTime) - BigInt(anchor.parentTime);
  const spacing = BigInt(params.spacing);
  const halfLife = BigInt(params.halfLife);

  // Fixed-point exponent with 16 fractional bits. Bigint division truncates toward zero, like the
  // spec's C++ int64 division (floor division fails 7 of the 12 reference runs); the floor needed
  // below comes from the arithmetic shift instead.
  const exponent = ((timeDelta - spacing * (heightDelta + 1n)) * RADIX) / halfLife;
  let shifts = exponent >> RADIX_BITS; // floor
  const frac = exponent - (shifts << RADIX_BITS); // in [0, 65536)

  // 65536 * 2^(frac/65536) via the spec's cubic approximation, rounded to nearest.
  const factor =
    RADIX +
    ((195766423245049n * frac + 971821376n * frac * frac + 5127n * frac * frac * frac + (1n << 47n)) >> 48n);
  let next = anchor.target * factor;

  // Multiply by 2^shifts / 65536. With unbounded integers an "overflow" is just a large value,
  // which the clamp below turns into powLimit, as the spec's overflow branch does.
  shifts -= RADIX_BITS;
  next = shifts <= 0n ? next >> -shifts : next << shifts;

  if (next === 0n) return 1n;
  return next > powLimit ? powLimit : next;
}
