import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { MAX_KNOWN_PEERS, PEERS_FILE, PeerStore, peerIdOfAddr } from "./peer-store.js";

test("known peers persist with /p2p/ ids, are bounded, and survive a damaged file", () => {
  const dir = mkdtempSync(join(tmpdir(), "telchain-peers-"));
  try {
    const store = new PeerStore(dir);
    store.remember("QmA", ["/ip4/10.0.0.1/tcp/7000", "/ip4/10.0.0.1/tcp/7000/p2p/QmOther"]);
    assert.deepEqual(store.addresses(), ["/ip4/10.0.0.1/tcp/7000/p2p/QmA"]);
    assert.equal(peerIdOfAddr(store.addresses()[0]), "QmA");
    assert.deepEqual(new PeerStore(dir).addresses(), ["/ip4/10.0.0.1/tcp/7000/p2p/QmA"]);

    for (let i = 0; i < MAX_KNOWN_PEERS + 10; i++)
      store.remember(`Qm${i}`, [`/ip4/10.0.1.1/tcp/${1000 + i}`]);
    const reloaded = new PeerStore(dir);
    assert.equal(reloaded.addresses().length, MAX_KNOWN_PEERS);
    assert.ok(!reloaded.has("QmA"), "the oldest peers are forgotten first");
    assert.ok(reloaded.has(`Qm${MAX_KNOWN_PEERS + 9}`));

    writeFileSync(join(dir, PEERS_FILE), "{not json");
    assert.deepEqual(new PeerStore(dir).addresses(), []);
    assert.equal(readFileSync(join(dir, PEERS_FILE), "utf8"), "{not json");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
