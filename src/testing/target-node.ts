/**
 * A node process for tests that play hostile peers against it: on a given genesis, not
 * mining unless told, listening for peers on a free port, logging JSON lines the test can read back.
 */
import { join } from "node:path";
import { chainNodeArgs, NodeProcess } from "./node-process.js";

/** Starts the node (in `dir`/node) with `extra` flags (`--mine …` makes it mine); fails with its output if it does not come up. */
export async function startTargetNode(
  dir: string,
  genesisFile: string,
  extra: string[] = [],
): Promise<NodeProcess> {
  const node = await NodeProcess.start([
    ...(await chainNodeArgs(genesisFile, join(dir, "node"))),
    ...(extra.includes("--mine") ? [] : ["--no-mine"]),
    "--log-format",
    "json",
    ...extra,
  ]);
  if (!(await node.ready())) {
    await node.kill("SIGKILL");
    throw new Error(`node did not start:\n${node.output}`);
  }
  return node;
}

/** The node's JSON log lines with message `msg`, parsed. */
export function logLines<T extends object>(node: NodeProcess, msg: string): T[] {
  return node.output
    .split("\n")
    .filter((l) => l.includes(`"msg":${JSON.stringify(msg)}`))
    .map((l) => JSON.parse(l) as T);
}
