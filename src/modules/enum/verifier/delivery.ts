/**
 * How a verifier gets a challenge code to the holder of a number. The channel is the
 * verifier's proof of control: whoever reads the code sent to the number controls it.
 *
 * Built in: the console channel (prints the code, for the dev chain or an operator who
 * relays codes by hand) and the command channel (runs a program, e.g. a script calling an
 * SMS or voice gateway, with the number as argument and the code on stdin, so the code
 * never shows up in a process list).
 */
import { spawn } from "node:child_process";
import { TelchainError } from "../../../errors.js";

export interface DeliveryChannel {
  /** Shown to the user: "the code was sent via <name>". */
  readonly name: string;
  /** Sends `code` to `number` (E.164 text); rejects when it could not be sent. */
  deliver(number: string, code: string): Promise<void>;
}

export class ConsoleDeliveryChannel implements DeliveryChannel {
  readonly name = "console (dev)";
  constructor(private readonly out: { write(s: string): unknown } = process.stdout) {}

  async deliver(number: string, code: string): Promise<void> {
    this.out.write(`code for ${number}: ${code}\n`);
  }
}

const COMMAND_TIMEOUT_MS = 30_000;

export class CommandDeliveryChannel implements DeliveryChannel {
  readonly name: string;
  constructor(private readonly program: string) {
    this.name = `command ${program}`;
  }

  deliver(number: string, code: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.program, [number], { stdio: ["pipe", "ignore", "pipe"] });
      const timer = setTimeout(() => child.kill("SIGKILL"), COMMAND_TIMEOUT_MS);
      let stderr = "";
      child.stderr?.on("data", (d) => {
        if (stderr.length < 500) stderr += d;
      });
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new TelchainError("VERIFIER_DELIVERY_FAILED", `could not send the code: ${why}`));
      };
      child.once("error", (e) => fail(e.message));
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else fail(`${this.program} exited with ${signal ?? code}${stderr ? `: ${stderr.trim()}` : ""}`);
      });
      child.stdin?.on("error", () => {}); // the exit status reports the failure
      child.stdin?.end(`${code}\n`);
    });
  }
}
