/** coin/transfer: move base units from the sender to another address. */
import { ContainerType } from "@chainsafe/ssz";
import { Bytes32, Uint64 } from "../../../codec/schema.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";

export const TransferPayload = new ContainerType(
  { to: Bytes32, amount: Uint64 },
  { typeName: "TransferPayload" },
);

export const transfer = defineKind({
  payload: TransferPayload,
  parse(p) {
    if (p.amount === 0n) throw new TelchainError("COIN_ZERO_AMOUNT", "transfer amount must be positive");
    return p;
  },
  apply(ctx, p) {
    ctx.accounts.debit(ctx.sender, p.amount);
    ctx.accounts.credit(p.to, p.amount);
  },
  toJSON: (p) => ({ to: encodeAddress(p.to), amount: p.amount.toString() }),
  parties: (p) => [p.to],
});
