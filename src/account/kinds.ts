/**
 * The core's account kinds. `rotate`: the current authorising key names a new one; from the
 * next transaction on, only the new key signs for the address, which keeps everything it holds
 * in every module. `memo-key`: publishes the X25519 key senders encrypt memos to.
 */
import { ContainerType } from "@chainsafe/ssz";
import { equalBytes, toHex } from "../bytes.js";
import { Bytes32 } from "../codec/schema.js";
import { encodeAddress } from "../crypto/address.js";
import { publicKeyRejectReason } from "../crypto/ed25519.js";
import { TelchainError } from "../errors.js";
import type { AccountControl } from "../module/interface.js";
import { defineKind } from "../module/kind.js";

export const RotatePayload = new ContainerType({ key: Bytes32 }, { typeName: "RotatePayload" });
export const MemoKeyPayload = new ContainerType({ key: Bytes32 }, { typeName: "MemoKeyPayload" });

/** The account control the core account module declares (Module.accountControl). */
function control(c: AccountControl | undefined): AccountControl {
  if (!c) throw new Error("the account module runs without account control");
  return c;
}

export const rotate = defineKind({
  payload: RotatePayload,
  parse(p) {
    const why = publicKeyRejectReason(p.key);
    if (why)
      throw new TelchainError("ACCOUNT_BAD_KEY", `the new key ${encodeAddress(p.key)} is unusable: ${why}`);
    return p;
  },
  apply(ctx, p) {
    if (equalBytes(ctx.accounts.authorisingKey(ctx.sender), p.key)) {
      throw new TelchainError("ACCOUNT_SAME_KEY", `${encodeAddress(p.key)} already signs for this account`);
    }
    control(ctx.accountControl).setAuthorisingKey(ctx.sender, p.key);
  },
  toJSON: (p) => ({ key: encodeAddress(p.key) }),
});

export const memoKey = defineKind({
  payload: MemoKeyPayload,
  parse(p) {
    if (p.key.every((b) => b === 0))
      throw new TelchainError("ACCOUNT_BAD_MEMO_KEY", "the memo key is all zero");
    return p;
  },
  apply(ctx, p) {
    control(ctx.accountControl).setMemoKey(ctx.sender, p.key);
  },
  toJSON: (p) => ({ key: toHex(p.key) }),
});
