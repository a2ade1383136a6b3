import type { Credential } from "./launch.ts";

/**
 * The dashboard's API, with the session it opened: kept for the tab's life (sessionStorage),
 * so a reload does not need the launch data again, which works only once.
 */
const STORE = "dondoc-dashboard-session";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`${status} ${reason}`);
  }
}

export interface Me {
  name: string;
  role: "leader" | "secretariat" | "admin" | "focal";
  locale: "vi" | "en";
  scope: { kind: "province" } | { kind: "agency"; agencyId: string };
  mayExport: boolean;
}

let session: string | null = null;

function stored(): string | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE) ?? "null") as { session: string; expiresAt: string } | null;
    return saved && new Date(saved.expiresAt).getTime() > Date.now() ? saved.session : null;
  } catch {
    return null;
  }
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { reason?: string; error?: string };
  if (response.status === 401) forget();
  return new ApiError(response.status, body.reason ?? body.error ?? "error");
}

export function forget(): void {
  session = null;
  try {
    sessionStorage.removeItem(STORE);
  } catch {
    // Private browsing without storage: the session lives in memory only.
  }
}

/** Opens a session with the credential the page was opened with; without one, the tab's saved session. */
export async function start(credential: Credential | null): Promise<{ me: Me; current: string }> {
  if (credential) {
    const response = await fetch("api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(credential) });
    if (!response.ok) throw await failure(response);
    const opened = (await response.json()) as { session: string; expiresAt: string };
    session = opened.session;
    try {
      sessionStorage.setItem(STORE, JSON.stringify(opened));
    } catch {
      // As above.
    }
  } else session = stored();
  if (!session) throw new ApiError(401, "missing");
  return getJson<{ me: Me; current: string }>("api/me");
}

async function get(path: string): Promise<Response> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${session ?? ""}` } });
  if (!response.ok) throw await failure(response);
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await get(path)).json()) as T;
}

export async function getBlob(path: string): Promise<Blob> {
  return (await get(path)).blob();
}

/** Saves a file the API gives (the Excel report) under a name. */
export async function download(path: string, name: string): Promise<void> {
  const url = URL.createObjectURL(await getBlob(path));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
