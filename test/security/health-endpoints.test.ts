import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { healthServer, listen } from "../../src/observability/health-server.ts";
import { Metrics } from "../../src/observability/metrics.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * The operator chooses what listens where (issue 18, point 4): the health server listens on the
 * loopback unless HEALTH_HOST says otherwise, /metrics can be kept behind a token, and an
 * anonymous caller never sees this instance's host name or process.
 */
useTestDatabase();
const INSTANCE = "vm-dondoc-01:4242:a1b2c3";
const TOKEN = "metrics-token-0123456789";
const servers: ReturnType<typeof healthServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function start(config: ReturnType<typeof parseConfig>) {
  const server = healthServer(new Metrics(), { leading: () => true, instance: INSTANCE }, new ManualClock(new Date("2026-03-02T01:00:00Z")), { metricsToken: config.metricsToken });
  servers.push(server);
  const address = await listen(server, config.healthHost, 0);
  return { address, url: `http://127.0.0.1:${address.port}` };
}

/** An address of this machine other than the loopback, when it has one. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === "IPv4" && !entry.internal)?.address;

describe("the health endpoints", () => {
  it("listen on the loopback only by default", async () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ healthHost: "127.0.0.1", metricsToken: undefined });
    const { address, url } = await start(config);
    expect(address.address).toBe("127.0.0.1");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    if (outside) await expect(fetch(`http://${outside}:${address.port}/healthz`)).rejects.toThrow();
  });

  it("listen where HEALTH_HOST says, and refuse a host that is no address", async () => {
    const { address } = await start(parseConfig({ HEALTH_HOST: "0.0.0.0" }));
    expect(address.address).toBe("0.0.0.0");
    expect(() => parseConfig({ HEALTH_HOST: "every interface" })).toThrow(/HEALTH_HOST/);
    expect(parseConfig({ BOT_MODE: "webhook", WEBHOOK_URL: "https://x.vn/tg", WEBHOOK_SECRET: "a-secret-of-sixteen" }).mode).toMatchObject({ host: "127.0.0.1" });
    expect(parseConfig({ BOT_MODE: "webhook", WEBHOOK_URL: "https://x.vn/tg", WEBHOOK_SECRET: "a-secret-of-sixteen", WEBHOOK_HOST: "::" }).mode).toMatchObject({ host: "::" });
  });

  it("show no host name or process to an anonymous caller", async () => {
    const { url } = await start(parseConfig({}));
    const ready = await fetch(`${url}/readyz`);
    const body = await ready.text();
    expect(JSON.parse(body)).toMatchObject({ status: "ready", database: "ok", leading: true });
    expect(body).not.toContain("vm-dondoc-01");
    expect(body).not.toContain("4242");
  });

  it("keep /metrics behind METRICS_TOKEN when it is set", async () => {
    const config = parseConfig({ METRICS_TOKEN: TOKEN });
    const { url } = await start(config);
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    const scraped = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("dondoc_updates_total");
    // With the token, /readyz names the instance; without it, not.
    expect(await (await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()).toMatchObject({ instance: INSTANCE });
    expect(await (await fetch(`${url}/readyz`)).json()).not.toHaveProperty("instance");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(() => parseConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
  });
});
