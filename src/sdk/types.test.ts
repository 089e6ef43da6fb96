/**
 * The package ships type declarations for its SDK entry points ("telchain" and "telchain/sdk",
 * package.json `exports` → dist/src/sdk/index.d.ts): a TypeScript project that depends on
 * telchain is checked against them by the real `tsc`. One file uses the SDK as documented and
 * compiles; one misuses it and must fail, which it could not if the imports were untyped.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const project = mkdtempSync(join(tmpdir(), "telchain-sdk-types-"));
after(() => rmSync(project, { recursive: true, force: true }));

// The consumer depends on telchain as an installed package would be: node_modules/telchain.
mkdirSync(join(project, "node_modules"));
symlinkSync(ROOT, join(project, "node_modules", "telchain"), "dir");

const USES = `
import {
  ApiClient, LightClient, getStatus, modules, verifyStateProof,
  type StateProof, type VerifiedRecord,
} from "telchain/sdk";
import { HeaderChain } from "telchain";

export async function demo(proof: StateProof): Promise<number> {
  const client = new ApiClient("http://127.0.0.1:8645");
  const status = await getStatus(client);
  const lc = new LightClient({ nodes: ["http://127.0.0.1:8645"] });
  await lc.sync();
  const record: VerifiedRecord = await lc.verifyRecord("devices", "490154203237518");
  const device = await modules.devices.getDevice(client, { imei: "490154203237518" });
  const checked = verifyStateProof(proof);
  const ok: boolean = checked.ok && device !== undefined && HeaderChain !== undefined;
  return status.height + record.block.height + (ok ? 1 : 0);
}
`;

const MISUSES = `
import { ApiClient, getStatus, verifyStateProof } from "telchain/sdk";

export async function wrong(): Promise<void> {
  const status = await getStatus(new ApiClient("http://127.0.0.1:8645"));
  const height: string = status.height;
  verifyStateProof("not a proof");
  void height;
}
`;

/** Runs tsc on one file of the consumer project; returns its exit status and output. */
function typeCheck(name: string, source: string): { status: number | null; output: string } {
  writeFileSync(join(project, name), source);
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: [name],
    }),
  );
  const run = spawnSync(process.execPath, [TSC, "-p", join(project, "tsconfig.json")], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test("the SDK's declarations are where package.json says", () => {
  assert.ok(existsSync(join(ROOT, "dist", "src", "sdk", "index.d.ts")), "dist/src/sdk/index.d.ts");
});

test("a TypeScript consumer of telchain/sdk compiles against its declarations", () => {
  const { status, output } = typeCheck("uses.ts", USES);
  assert.equal(status, 0, output);
});

test("a consumer that misuses the SDK fails to compile, with the types of the declarations", () => {
  const { status, output } = typeCheck("misuses.ts", MISUSES);
  assert.notEqual(status, 0);
  assert.match(output, /misuses\.ts\(6,9\): error TS2322: Type 'number' is not assignable to type 'string'/);
  assert.match(output, /misuses\.ts\(7,20\): error TS2345: Argument of type 'string' is not assignable/);
});
