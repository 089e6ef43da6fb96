/** enum/commit: publish H(number, owner, salt) now, reveal it with enum/register later. */
import { toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { TxKind } from "../../../module/interface.js";
import { CommitEntry, CommitPayload } from "../schemas.js";
import { commitKey, readCommit, readParams } from "../store.js";

export const commit: TxKind<CommitPayload> = {
  payload: CommitPayload,
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const existing = readCommit(ctx.state, p.hash, ctx.sender);
    // A stale commit may be replaced; a live one would only move its maturity.
    if (existing && ctx.block.height - existing.height <= params.commitMaxAge)
      throw new TelchainError(
        "ENUM_COMMIT_EXISTS",
        `this commit was already made at height ${existing.height}`,
      );
    ctx.state.set(commitKey(p.hash, ctx.sender), CommitEntry.serialize({ height: ctx.block.height }));
  },
  toJSON: (p) => ({ hash: toHex(p.hash) }),
};
