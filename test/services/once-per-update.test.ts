import { describe, expect, it } from "vitest";
import { ProcessedUpdateModel } from "../../models/processed-update.ts";
import { oncePerUpdate } from "../../src/middleware/once-per-update.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();

/** Runs the middleware on an update and says whether the handlers after it ran. */
async function handled(middleware: ReturnType<typeof oncePerUpdate>, updateId: number): Promise<boolean> {
  let ran = false;
  await middleware({ update: { update_id: updateId } } as never, async () => {
    ran = true;
  });
  return ran;
}

describe("each update once", () => {
  it("skips a second delivery, and takes again an update whose instance died before finishing it", async () => {
    const a = oncePerUpdate({ instance: "a", exclusive: true });
    const b = oncePerUpdate({ instance: "b", exclusive: true });
    expect(await handled(a, 1)).toBe(true);
    expect(await handled(a, 1)).toBe(false);
    expect(await handled(b, 1)).toBe(false);
    // Instance a took update 2 and was killed before it finished: polling, b took over the lease.
    await ProcessedUpdateModel.create({ _id: 2, instance: "a", at: new Date() });
    expect(await handled(b, 2)).toBe(true);
    expect(await ProcessedUpdateModel.findById(2).lean()).toMatchObject({ instance: "b", done: true });
  });

  it("with webhooks, waits before taking over an update another instance may still be handling", async () => {
    const b = oncePerUpdate({ instance: "b", exclusive: false, staleMs: 60_000 });
    await ProcessedUpdateModel.create({ _id: 3, instance: "a", at: new Date() });
    expect(await handled(b, 3)).toBe(false);
    await ProcessedUpdateModel.create({ _id: 4, instance: "a", at: new Date(Date.now() - 120_000) });
    expect(await handled(b, 4)).toBe(true);
  });
});
