/**
 * coin/transfer: move base units from the sender to another address. coin/transfer-memo: the
 * same transfer carrying an encrypted memo (src/codec/memo.ts) that only the two parties and
 * their view keys can read; the chain checks only its sizes.
 */
import { ContainerType } from "@chainsafe/ssz";
import { MemoEnvelope, memoJson } from "../../../codec/memo.js";
import { Bytes32, Uint64 } from "../../../codec/schema.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { defineKind, type ValueOf } from "../../../module/kind.js";

export const TransferPayload = new ContainerType(
  { to: Bytes32, amount: Uint64 },
  { typeName: "TransferPayload" },
);
export const TransferMemoPayload = new ContainerType(
  { to: Bytes32, amount: Uint64, memo: MemoEnvelope },
  { typeName: "TransferMemoPayload" },
);

type Transfer = ValueOf<typeof TransferPayload>;

/** The rules both kinds share: a positive amount, moved from the sender to `to`. */
function parse<P extends Transfer>(p: P): P {
  if (p.amount === 0n) throw new TelchainError("COIN_ZERO_AMOUNT", "transfer amount must be positive");
  return p;
}
function apply(ctx: TxContext, p: Transfer): void {
  ctx.accounts.debit(ctx.sender, p.amount);
  ctx.accounts.credit(p.to, p.amount);
}
const parties = (p: Transfer) => [p.to];

export const transfer = defineKind({
  payload: TransferPayload,
  parse,
  apply,
  toJSON: (p) => ({ to: encodeAddress(p.to), amount: p.amount.toString() }),
  parties,
});

export const transferMemo = defineKind({
  payload: TransferMemoPayload,
  parse,
  apply,
  toJSON: (p) => ({ to: encodeAddress(p.to), amount: p.amount.toString(), memo: memoJson(p.memo) }),
  parties,
});
