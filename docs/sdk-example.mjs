// The light client in a dozen lines (docs/sdk.md). Run it against a node:
//   node docs/sdk-example.mjs http://127.0.0.1:8645 490154203237518
// It follows the node's headers from genesis, checking each, then asks for the device's record
// and checks its Merkle proof against a header it checked. src/sdk/docs.test.ts runs it.
import { LightClient } from "telchain/sdk";

const [node = "http://127.0.0.1:8645", imei = "490154203237518"] = process.argv.slice(2);

const lc = new LightClient({ nodes: [node] });
const { head, headers, work } = await lc.sync();
console.log(`followed ${headers} headers, best tip ${head.height} ${head.hash}, work ${work}`);

const r = await lc.verifyRecord("devices", imei);
console.log(
  r.present
    ? `device ${r.id}: ${r.value.flagged ? "STOLEN" : "clean"}, owner ${r.value.owner}`
    : `device ${r.id}: not registered (proven absent)`,
);
console.log(`verified against block ${r.block.height} (${r.block.hash})`);
for (const line of r.checked) console.log(`  checked ${line}`);
