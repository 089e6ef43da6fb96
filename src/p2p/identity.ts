/**
 * The node's persistent libp2p identity: an Ed25519 key in `<dir>/identity.key`
 * (libp2p protobuf encoding, file mode 0600), created on first start so the peer id
 * survives restarts and peers can keep it in their bootstrap lists.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from "@libp2p/crypto/keys";
import type { PrivateKey } from "@libp2p/interface";
import { TelchainError } from "../errors.js";

export const IDENTITY_FILE = "identity.key";

export async function loadOrCreateIdentity(dir: string): Promise<PrivateKey> {
  const path = join(dir, IDENTITY_FILE);
  if (existsSync(path)) {
    try {
      return privateKeyFromProtobuf(readFileSync(path));
    } catch (e) {
      throw new TelchainError(
        "P2P_IDENTITY_CORRUPT",
        `${path} does not hold a libp2p private key: ${(e as Error).message}`,
      );
    }
  }
  mkdirSync(dir, { recursive: true });
  const key = await generateKeyPair("Ed25519");
  // Write then rename, so a crash never leaves a half-written key behind.
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, privateKeyToProtobuf(key), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return key;
}
