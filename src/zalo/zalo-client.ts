/**
 * The Zalo Bot API over HTTP: https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>, JSON in
 * and out, answers shaped { ok, result } or { ok: false, error_code, description }.
 */
export const ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";

export type ZaloResponse<T = unknown> = { ok: true; result: T } | { ok: false; error_code: number; description: string };

export class ZaloClient {
  constructor(
    readonly token: string,
    readonly apiRoot = ZALO_API_ROOT,
  ) {}

  async call<T = unknown>(method: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<ZaloResponse<T>> {
    const response = await fetch(`${this.apiRoot}/bot${this.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
      signal,
    });
    const body = (await response.json().catch(() => null)) as ZaloResponse<T> | null;
    if (body && typeof body === "object" && "ok" in body) return body;
    return { ok: false, error_code: response.status, description: `Zalo answered ${response.status} without a readable body` };
  }
}
