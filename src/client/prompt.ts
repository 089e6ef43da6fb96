/** Reads a secret from the terminal without echoing it. */
import { TelchainError } from "../errors.js";

/** Prompts on stderr and reads one line from stdin with echo off. Requires a TTY. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new TelchainError(
        "PASSPHRASE_REQUIRED",
        "no terminal to ask for a passphrase: set TELCHAIN_PASSPHRASE",
      ),
    );
  }
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let input = "";
    const finish = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (err) reject(err);
      else resolve(input);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return finish();
        if (ch === "\u0003") return finish(new TelchainError("CANCELLED", "cancelled"));
        if (ch === "\u007f" || ch === "\b") input = input.slice(0, -1);
        else input += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}
