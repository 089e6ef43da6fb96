/**
 * `telchain key rotate` through the real CLI on a real dev node: a wallet rotates its account to
 * another wallet's key; that wallet then signs for the account (the keystore records it), the
 * old one is told clearly that its key was rotated away, and `telchain account` shows it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../crypto/mnemonic.js";
import { devCliFile, json, refusal, words } from "../testing/dev-cli.js";

const f = devCliFile("telchain-key-cli-");
const PASS = { TELCHAIN_PASSPHRASE: "correct horse battery staple" };

test("a wallet's account rotates to another wallet, which signs for it from then on", async () => {
  const cli = (...args: string[]) => f.h.cli(...args);
  const withPass = (...args: string[]) => {
    Object.assign(f.h.env, PASS);
    return cli(...args);
  };
  const old = json(await withPass(...words`wallet new phone --json`));
  const fresh = json(await withPass(...words`wallet new phone2 --json`));
  const account = old.address as string;
  const bob = devAccount(4).address;
  json(await cli(...words`send --to ${account} --amount 50000 --from dev0 --json`));

  const rotated = json(await withPass(...words`key rotate --to phone2 --from phone --json`));
  assert.equal(rotated.status, "included");
  assert.equal(rotated.account, account);
  assert.equal(rotated.authorisingKey, fresh.address);

  // The keystore knows that phone2 signs for the account now.
  const shown = json(await cli(...words`wallet show phone2 --json`));
  assert.equal(shown.account, account);
  const view = json(await cli(...words`account ${account} --json`));
  assert.equal(view.authorisingKey, fresh.address);
  assert.equal(view.rotated, true);
  const human = await cli(...words`account ${account}`);
  assert.match(human.stdout, new RegExp(`signed by +${fresh.address} \\(key rotated\\)`));

  // The old wallet is refused before anything is signed, with what to do instead.
  const refused = refusal(await withPass(...words`send --to ${bob} --amount 5 --from phone --json`));
  assert.equal(refused.code, "SIGNER_KEY_ROTATED");
  assert.match(refused.message, new RegExp(fresh.address as string));
  assert.match(refused.message, /wallet set-account/);

  // The new wallet sends the account's coins.
  const before = json(await cli(...words`account ${account} --json`));
  const sent = json(await withPass(...words`send --to ${bob} --amount 7 --from phone2 --json`));
  assert.equal(sent.status, "included");
  const after = json(await cli(...words`account ${account} --json`));
  assert.ok(BigInt(after.balance as string) < BigInt(before.balance as string) - 6n);
  assert.equal(after.nonce, (before.nonce as number) + 1, "the account's nonce, not the new key's");
  const newKeysOwn = json(await cli(...words`account ${fresh.address} --json`));
  assert.equal(newKeysOwn.nonce, 0, "the new key's own address sent nothing");

  // set-account without an address returns the wallet to its own address.
  const reset = json(await cli(...words`wallet set-account phone2 --json`));
  assert.equal(reset.account, fresh.address);
});
