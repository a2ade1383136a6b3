import { describe, expect, it } from "vitest";
import { contactPatiently } from "../src/startup-contact.ts";

/** Start-up with Telegram out of reach: it waits, says why in the log, and goes on when reached. */
describe("the first contact with the Bot API", () => {
  it("logs each failed attempt, backs off, and returns once reached", async () => {
    const lines: string[] = [];
    const pauses: number[] = [];
    let calls = 0;
    await contactPatiently(
      "the Bot API",
      async (signal) => {
        calls++;
        if (calls === 1) throw new Error("getaddrinfo ENOTFOUND api.telegram.org");
        if (calls === 2) await new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      },
      { log: (line) => lines.push(line), attemptMs: 20, sleep: async (ms) => void pauses.push(ms) },
    );
    expect(calls).toBe(3);
    expect(lines[0]).toMatch(/not reached \(attempt 1\): getaddrinfo ENOTFOUND/);
    expect(lines[1]).toMatch(/not reached \(attempt 2\): no answer within 0.02 s/);
    expect(lines[2]).toBe("the Bot API: reached after 3 attempts");
    expect(pauses).toEqual([5000, 10000]);
  });

  it("does not retry a token Telegram refuses", async () => {
    const refused = Object.assign(new Error("Unauthorized"), { error_code: 401 });
    await expect(contactPatiently("the Bot API", () => Promise.reject(refused), { log: () => undefined, sleep: async () => undefined })).rejects.toBe(refused);
  });
});
