import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { MemberModel } from "../../models/member.ts";
import { UsedCredentialModel } from "../../models/used-credential.ts";
import { scopeOf, type DashboardScope } from "../dashboard/dashboard-scope.ts";
import { keyIdOf, readToken, signToken, type TokenPurpose, type TokenReading } from "../dashboard/signed-token.ts";
import { MAX_AGE_SECONDS, readInitData, readLoginQuery, type LaunchReading } from "../dashboard/telegram-launch.ts";
import { findMember, type MemberRecord } from "./members.ts";
import { signingKey, verifyingSecret } from "./dashboard-keys.ts";

/**
 * Who is asking the dashboard, and what they may see. A page opens a session once, with what
 * it was opened with — Telegram's launch data, a login button's authorisation, or a signed link
 * the bot sent — and each of those works once: shown again it is refused as replayed. Every
 * request then shows the session, and the member's roles are read again from the database, so a
 * role taken away stops the dashboard at the next request.
 */
export const SESSION_HOURS = 8;

export type Credential = { kind: "telegram"; initData: string } | { kind: "login"; query: string } | { kind: "link"; token: string };

export type Refusal = { ok: false; status: 401; reason: "missing" | "forged" | "expired" | "replayed" } | { ok: false; status: 403; reason: "not-a-member" | "no-role" };

export interface Viewer {
  member: MemberRecord;
  scope: DashboardScope;
}

export type SessionOpened = { ok: true; session: string; expiresAt: Date; viewer: Viewer } | Refusal;
export type SessionChecked = ({ ok: true } & Viewer) | Refusal;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const digest = (text: string) => createHash("sha256").update(text).digest("base64url");

/** Records a credential as used; false when it was used before (here or on another instance). */
async function useOnce(key: string, expireAt: Date): Promise<boolean> {
  try {
    await UsedCredentialModel.create({ key, expireAt });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

async function checkToken(token: string, purpose: TokenPurpose, now: Date): Promise<TokenReading> {
  const kid = keyIdOf(token);
  if (kid === null) return { ok: false, reason: "forged" };
  const reading = readToken(token, purpose, await verifyingSecret(kid, now), seconds(now));
  // Another instance may have rotated the keys a moment ago: read them again once before refusing.
  if (!reading.ok && reading.reason === "forged") return readToken(token, purpose, await verifyingSecret(kid, now, true), seconds(now));
  return reading;
}

function admitted(member: MemberRecord | null): ({ ok: true } & Viewer) | Refusal {
  if (!member) return { ok: false, status: 403, reason: "not-a-member" };
  const scope = scopeOf(member);
  if (!scope) return { ok: false, status: 403, reason: "no-role" };
  return { ok: true, member, scope };
}

async function memberById(id: string): Promise<MemberRecord | null> {
  return Types.ObjectId.isValid(id) ? await MemberModel.findById(id).lean() : null;
}

async function identify(credential: Credential, botToken: string, now: Date): Promise<{ ok: true; member: MemberRecord | null } | Refusal> {
  if (credential.kind === "link") {
    const reading = await checkToken(credential.token, "link", now);
    if (!reading.ok) return { ok: false, status: 401, reason: reading.reason };
    if (!(await useOnce(`link:${reading.claims.nonce}`, new Date(reading.claims.expiresAt * 1000)))) return { ok: false, status: 401, reason: "replayed" };
    return { ok: true, member: await memberById(reading.claims.memberId) };
  }
  const launch: LaunchReading = credential.kind === "telegram" ? readInitData(credential.initData, botToken, seconds(now)) : readLoginQuery(credential.query, botToken, seconds(now));
  if (!launch.ok) return { ok: false, status: 401, reason: launch.reason };
  const usable = new Date((launch.authDate + MAX_AGE_SECONDS + 60) * 1000);
  if (!(await useOnce(`${credential.kind}:${digest(launch.hash)}`, usable))) return { ok: false, status: 401, reason: "replayed" };
  return { ok: true, member: await findMember(launch.telegramUserId) };
}

export async function openSession(credential: Credential, botToken: string, now: Date): Promise<SessionOpened> {
  const empty = credential.kind === "telegram" ? !credential.initData : credential.kind === "login" ? !credential.query : !credential.token;
  if (empty) return { ok: false, status: 401, reason: "missing" };
  const identified = await identify(credential, botToken, now);
  if (!identified.ok) return identified;
  const viewer = admitted(identified.member);
  if (!viewer.ok) return viewer;
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  const session = signToken({ purpose: "session", memberId: String(viewer.member._id), expiresAt: seconds(expiresAt) }, await signingKey(now));
  return { ok: true, session, expiresAt, viewer: { member: viewer.member, scope: viewer.scope } };
}

/** The viewer behind `Authorization: Bearer <session>`, with their roles as they are now. */
export async function checkSession(authorization: string | undefined, now: Date): Promise<SessionChecked> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
  if (!token) return { ok: false, status: 401, reason: "missing" };
  const reading = await checkToken(token, "session", now);
  if (!reading.ok) return { ok: false, status: 401, reason: reading.reason };
  return admitted(await memberById(reading.claims.memberId));
}

/** A signed link to the dashboard for one member, working once until `hours` from now. */
export async function dashboardLink(memberId: string, baseUrl: string, now: Date, hours: number): Promise<{ url: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  const token = signToken({ purpose: "link", memberId, expiresAt: seconds(expiresAt) }, await signingKey(now));
  // In the fragment: the browser never sends it to a server, a proxy's log or a link preview.
  return { url: `${dashboardUrl(baseUrl)}#link=${token}`, expiresAt };
}

export const dashboardUrl = (baseUrl: string) => `${baseUrl.replace(/\/+$/, "")}/dashboard/`;
