import { describe, expect, it } from "vitest";
import { MemberModel } from "../../models/member.ts";
import { WriteGenerationModel } from "../../models/write-generation.ts";
import { checkGenerationsAtNextRead } from "../../src/services/kept-while-unchanged.ts";
import { findMember, hasRole } from "../../src/services/members.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Members kept in this process: a write here is seen at once, a write on another instance (here:
 * straight to the database, and its generation raised) at the next check of the generations, and
 * a stranger is looked up every time.
 */
useTestDatabase();

const grant = (role: "focal" | "leader") => ({ role, agency: null, grantedAt: new Date("2026-01-05T00:00:00Z"), grantedBy: "test" });

describe("what a process keeps of members", () => {
  it("follows a write here at once, another instance's at the next check, and never keeps a stranger", async () => {
    await MemberModel.create({ telegramId: 501, displayName: "Lan", roles: [grant("focal")] });
    expect(hasRole(await findMember(501), "focal")).toBe(true);

    // Another instance revokes her: it writes the member and raises the generation, past this process's hooks.
    await MemberModel.collection.updateOne({ telegramId: 501 }, { $set: { status: "revoked" } });
    await WriteGenerationModel.collection.updateOne({ _id: "members" as never }, { $inc: { value: 1 } }, { upsert: true });
    const read = MemberModel.collection.find.bind(MemberModel.collection);
    let lookups = 0;
    MemberModel.collection.find = ((...args: Parameters<typeof read>) => (lookups++, read(...args))) as typeof read;
    try {
      // Within the second: still what was kept, and no lookup.
      expect(hasRole(await findMember(501), "focal")).toBe(true);
      expect(lookups).toBe(0);
      checkGenerationsAtNextRead();
      expect(hasRole(await findMember(501), "focal")).toBe(false);
      expect(lookups).toBe(1);
    } finally {
      MemberModel.collection.find = read;
    }

    // A write here, through the model: seen at the very next read.
    await MemberModel.updateOne({ telegramId: 501 }, { $set: { status: "active", roles: [grant("leader")] } });
    expect(hasRole(await findMember(501), "leader")).toBe(true);

    // A stranger who joins on another instance is a member at their next message.
    expect(await findMember(502)).toBeNull();
    await MemberModel.collection.insertOne({ telegramId: 502, displayName: "Hoa", roles: [grant("focal")], status: "active", locale: "vi" });
    expect(hasRole(await findMember(502), "focal")).toBe(true);
  });
});
