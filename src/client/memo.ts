/**
 * Memos for the CLI (docs/wallet.md, "Encrypted memos and view keys"): encrypting one for a transfer (`send --memo`, `voucher
 * transfer --memo`) and the memo key of a wallet (`key memo`, `wallet export-view-key`,
 * `history --from`).
 *
 * A memo is encrypted to the recipient's published memo key (none: MEMO_NO_KEY, with the fix)
 * and to the sender's: the sender account's published memo key if it has one, else the key
 * derived from the signing wallet (which then reads its sent memos with `history --from`).
 */

import { fromHex, toHex } from "../bytes.js";
import type { MemoEnvelope } from "../codec/memo.js";
import { decodeAddress, encodeAddress } from "../crypto/address.js";
import { type MemoKeyPair, memoBytes, memoKeyPair, sealMemo } from "../crypto/memo.js";
import { TelchainError } from "../errors.js";
import { getAccount } from "./actions/accounts.js";
import { getStatus } from "./actions/chain.js";
import { ApiClient } from "./api-client.js";
import { accountOfSigner, resolveSigner, type SignerOptions } from "./signer.js";

/** The memo key pair of the wallet `from` (unlocks it) and the account it signs for. */
export async function walletMemoKey(
  from: string,
  chainId: string,
  opts: SignerOptions = {},
): Promise<MemoKeyPair & { account: string }> {
  const signer = await resolveSigner(from, chainId, opts);
  const pair = memoKeyPair(signer.seed32);
  signer.seed32.fill(0);
  return { ...pair, account: signer.account ?? signer.address };
}

/**
 * The envelope of `text` for a transfer from the account `from` signs for to `to`, as the node
 * at `apiUrl` knows their memo keys. Refuses a memo over 512 bytes before anything else.
 */
export async function memoForTransfer(
  apiUrl: string,
  from: string,
  to: Uint8Array,
  text: string,
  opts: SignerOptions = {},
): Promise<MemoEnvelope> {
  const plaintext = memoBytes(text);
  const api = new ApiClient(apiUrl);
  const recipient = encodeAddress(to);
  const recipientKey = (await getAccount(api, { address: recipient })).memoKey;
  if (recipientKey === null)
    throw new TelchainError(
      "MEMO_NO_KEY",
      `${recipient} has published no memo key, so nothing can be encrypted to it: the recipient publishes one with \`telchain key memo --from THEIR_WALLET\` (or send without --memo)`,
    );
  const { chainId } = await getStatus(api);
  let sender = accountOfSigner(from);
  let senderKey = sender === undefined ? null : (await getAccount(api, { address: sender })).memoKey;
  if (sender === undefined || senderKey === null) {
    // No published key (or an unknown wallet, which resolveSigner refuses): the wallet's own.
    const own = await walletMemoKey(from, chainId, opts);
    sender = own.account;
    senderKey = toHex(own.publicKey);
  }
  return sealMemo(plaintext, {
    chainId,
    sender: decodeAddress(sender),
    recipient: to,
    recipientKey: fromHex(recipientKey),
    senderKey: fromHex(senderKey),
  });
}
