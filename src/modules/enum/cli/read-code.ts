/** Reads the verifier's code from the user: a prompt on a terminal, else one line of stdin. */
import { createInterface } from "node:readline";
import { TelchainError } from "../../../errors.js";

export function readCode(question: string): Promise<string> {
  const terminal = process.stdin.isTTY === true;
  if (terminal) process.stderr.write(question);
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let done = false;
    rl.once("line", (line) => {
      done = true;
      rl.close();
      // An open stdin pipe would keep the process alive after the command is done.
      process.stdin.pause();
      (process.stdin as { unref?: () => void }).unref?.();
      resolve(line.trim());
    });
    rl.once("close", () => {
      if (!done)
        reject(
          new TelchainError(
            "ENUM_CODE_REQUIRED",
            "no code was entered: type it at the prompt, pipe it on stdin, or pass --challenge ID --code CODE",
          ),
        );
    });
  });
}
