import type { AddressInfo } from "node:net";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { healthServer } from "../../src/observability/health-server.ts";
import { Metrics } from "../../src/observability/metrics.ts";
import type { ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { createInvite } from "../../src/services/invites.ts";
import type { Harness } from "../support/bot-harness.ts";
import { loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { startZaloHarness, type ZaloHarness } from "../support/zalo-harness.ts";

/** A leader on Zalo reads the weekly digest: its text, and its chart at an address of dondoc's own that expires. */
useTestDatabase();
const MONDAY = new Date("2018-03-12T00:30:00Z");
const leader: ZaloUser = { id: "a1b2c3d4e5f6a7b8c9d0", display_name: "Phó Chủ tịch" };
let z: ZaloHarness;
let harness: Harness;
let server: ReturnType<typeof healthServer>;
let baseUrl: string;

beforeEach(async () => {
  z = await startZaloHarness(MONDAY, [leader]);
  harness = z.harness;
  await loadLaiChau();
  server = healthServer(new Metrics(), { leading: () => true, instance: "test" }, harness.clock);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const invite = await createInvite({ role: "leader", ttlHours: 72, now: MONDAY }, { via: "cli" });
  await z.say(leader, `/start ${invite.code}`);
});
afterEach(async () => {
  server.close();
  await z.stop();
});

async function deliverDigest(publicBaseUrl: string | undefined) {
  await runJob("weekly-digest", jobContext(harness.deps.config, MONDAY), harness.deps.config.schedules);
  await z.deliverOutbox({ publicBaseUrl });
  return z.zalo.sentTo(leader.id).slice(1);
}

describe("a leader on Zalo", () => {
  it("gets the digest's text, then its chart by an unguessable address that serves the PNG", async () => {
    const [text, chart] = await deliverDigest(baseUrl);
    expect(text!.text).toContain("Tổng hợp công tác thi đua, khen thưởng — tháng 3/2018");
    expect(text!.text).not.toMatch(/<\/?b>/);
    expect(chart!.photo).toMatch(new RegExp(`^${baseUrl}/images/[A-Za-z0-9_-]{32}\\.png$`));
    const response = await fetch(chart!.photo!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(PNG.sync.read(Buffer.from(await response.arrayBuffer())).width).toBe(900);
    expect((await fetch(`${baseUrl}/images/${"x".repeat(32)}.png`)).status).toBe(404);

    // Fifteen days later the address no longer works.
    harness.clock.set(new Date(MONDAY.getTime() + 15 * 86_400_000));
    expect((await fetch(chart!.photo!)).status).toBe(404);
  });

  it("without a public address, gets the text and is told where the chart is", async () => {
    const sent = await deliverDigest(undefined);
    expect(sent.every((message) => message.photo === undefined)).toBe(true);
    expect(sent.map((message) => message.text).join("\n")).toContain("Biểu đồ chưa gửi được qua Zalo");
  });
});
