import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataFolder, unlockDataFolder } from "../../src/db/running-database.ts";

describe("the data folder's lock", () => {
  const folder = mkdtempSync(join(tmpdir(), "dondoc-lock-"));
  afterEach(() => rmSync(join(folder, "bot.lock"), { force: true }));

  it("is taken by one bot, refused while its holder lives, and taken over from a dead one", () => {
    // Another live process (the test runner's parent) holds it.
    writeFileSync(join(folder, "bot.lock"), String(process.ppid));
    expect(lockDataFolder(folder)).toBe(process.ppid);
    // A process that died left it behind.
    writeFileSync(join(folder, "bot.lock"), "2147483646");
    expect(lockDataFolder(folder)).toBeNull();
    expect(readFileSync(join(folder, "bot.lock"), "utf8")).toBe(String(process.pid));
    unlockDataFolder(folder);
    expect(lockDataFolder(folder)).toBeNull();
  });
});
