/**
 * The commitment of the commit → reveal registration (like Namecoin's name_new /
 * name_firstupdate): the commit tx publishes only this hash, so nobody watching the
 * mempool learns the number before the committer's reveal, and the hash binds the owner,
 * so a copied commit is useless to anyone else.
 *
 *   commitHash = taggedHash("telchain/enum/commit/v1", number (UTF-8 "+digits") || owner(32) || salt(32))
 */
import { taggedHash, utf8 } from "../../crypto/hash.js";

export const COMMIT_DOMAIN = "telchain/enum/commit/v1";

export function commitHash(number: string, owner: Uint8Array, salt: Uint8Array): Uint8Array {
  if (owner.length !== 32 || salt.length !== 32) throw new RangeError("owner and salt must be 32 bytes");
  return taggedHash(COMMIT_DOMAIN, utf8(number), owner, salt);
}
