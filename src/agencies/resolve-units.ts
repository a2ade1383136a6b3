import type { AgencyKind } from "./agency-kinds.ts";
import { nameKey } from "./name-key.ts";

/**
 * Finds the agencies a plan's unit names mean. A name matches an agency's name or one of its
 * aliases; a name that does not match may be two agencies joined by a comma ("Hội đồng TĐKT
 * tỉnh, Ban TĐKT"), or a group ("Các sở, ban, ngành", "UBND các huyện, thành phố").
 */
export interface DirectoryAgency {
  id: string;
  code: string;
  name: string;
  aliases: string[];
  kind: AgencyKind;
}

export interface UnitResolution {
  name: string;
  agencyIds: string[];
  /** How it matched: a name or alias, comma-separated parts, a group of kinds, or not at all. */
  match: "name" | "parts" | "group" | "none";
}

const GROUPS: { pattern: RegExp; kinds: AgencyKind[] }[] = [
  { pattern: /^(các )?sở ban ngành đoàn thể( tỉnh)?$/, kinds: ["department", "mass-organization"] },
  { pattern: /^(các )?sở ban ngành( tỉnh)?$/, kinds: ["department"] },
  { pattern: /^(các )?sở ngành( tỉnh)?$/, kinds: ["department"] },
  { pattern: /^(ubnd|ủy ban nhân dân) (các )?huyện( thị xã)?( thành phố)?$/, kinds: ["district"] },
  { pattern: /^(các )?huyện( thị xã)?( thành phố)?$/, kinds: ["district"] },
  { pattern: /^(các )?cơ quan (thông tin đại chúng|báo chí)( của tỉnh| tỉnh)?$/, kinds: ["press"] },
  { pattern: /^(các )?đoàn thể( chính trị - xã hội)?( tỉnh)?$/, kinds: ["mass-organization"] },
  { pattern: /^(các )?doanh nghiệp( trên địa bàn tỉnh)?$/, kinds: ["enterprise"] },
  { pattern: /^(các )?cơ quan trung ương( trên địa bàn tỉnh)?$/, kinds: ["central"] },
];

export class AgencyDirectory {
  private readonly byKey = new Map<string, DirectoryAgency>();

  constructor(private readonly agencies: DirectoryAgency[]) {
    for (const agency of agencies) {
      for (const name of [agency.name, agency.code, ...agency.aliases]) {
        const key = nameKey(name);
        if (key && !this.byKey.has(key)) this.byKey.set(key, agency);
      }
    }
  }

  find(name: string): DirectoryAgency | undefined {
    return this.byKey.get(nameKey(name));
  }

  resolve(name: string): UnitResolution {
    const direct = this.find(name);
    if (direct) return { name, agencyIds: [direct.id], match: "name" };

    const parts = name.split(",").map((part) => part.trim()).filter(Boolean);
    if (parts.length > 1) {
      const found = parts.map((part) => this.find(part));
      if (found.every((agency) => agency !== undefined)) {
        return { name, agencyIds: [...new Set(found.map((agency) => agency.id))], match: "parts" };
      }
    }

    const key = nameKey(name);
    const group = GROUPS.find(({ pattern }) => pattern.test(key));
    if (group) {
      const ids = this.agencies.filter((agency) => group.kinds.includes(agency.kind)).map((agency) => agency.id);
      if (ids.length > 0) return { name, agencyIds: ids, match: "group" };
    }
    return { name, agencyIds: [], match: "none" };
  }
}
