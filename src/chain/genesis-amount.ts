/**
 * A uint64 amount in a genesis config. Its own file, without node: imports, because module
 * parameter files (which their stores and browser-safe proofs import) parse amounts with it.
 */

/**
 * A uint64 amount in a genesis config (a decimal string, or a JSON number); `fail` throws the
 * caller's GENESIS_INVALID error. Modules parse their amount params with it too.
 */
export function parseGenesisAmount(v: unknown, what: string, fail: (msg: string) => never): bigint {
  if (typeof v !== "string" && typeof v !== "number") fail(`${what} must be a decimal string`);
  if (!/^[0-9]{1,20}$/.test(String(v))) fail(`${what} must be a non-negative integer, got ${String(v)}`);
  const b = BigInt(v);
  if (b >= 1n << 64n) fail(`${what} does not fit in 64 bits`);
  return b;
}
