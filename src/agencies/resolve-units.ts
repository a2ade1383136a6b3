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
  /** In an emulation bloc (cụm, khối thi đua). */
  bloc?: string | null;
  /** False for an agency merged away or retired. */
  active?: boolean;
  /** The agency it was merged into: its names and work lead there. */
  successorId?: string | null;
}

export interface UnitResolution {
  name: string;
  agencyIds: string[];
  /** How it matched: a name or alias, comma-separated parts, a group of kinds, or not at all. */
  match: "name" | "parts" | "group" | "none";
}

/** Group phrases of plans, in nameKey() form; "bloc" means every agency in an emulation bloc. */
const GROUPS: { pattern: RegExp; kinds: AgencyKind[] | "bloc" }[] = [
  { pattern: /^(các )?sở ban ngành đoàn thể( lực lượng vũ trang| llvt)?( tỉnh)?$/, kinds: ["department", "mass-organization"] },
  { pattern: /^(các )?sở ban ngành( tỉnh)?$/, kinds: ["department"] },
  { pattern: /^(các )?sở ngành( tỉnh)?$/, kinds: ["department"] },
  { pattern: /^(ubnd|ủy ban nhân dân) (các )?huyện( thị xã)?( thành phố)?$/, kinds: ["district"] },
  { pattern: /^(các )?huyện( thị xã)?( thành phố)?$/, kinds: ["district"] },
  { pattern: /^(ubnd|ủy ban nhân dân) (các )?(xã phường( đặc khu)?|phường xã( đặc khu)?|xã phường thị trấn)$/, kinds: ["commune"] },
  { pattern: /^(các )?(xã phường( đặc khu)?|phường xã( đặc khu)?)$/, kinds: ["commune"] },
  { pattern: /^(các )?(cụm khối|khối cụm) thi đua( của tỉnh| tỉnh)?$/, kinds: "bloc" },
  { pattern: /^(các )?cơ quan (thông tin đại chúng|báo chí)( của tỉnh| tỉnh)?$/, kinds: ["press"] },
  { pattern: /^(các )?đoàn thể( chính trị - xã hội)?( tỉnh)?$/, kinds: ["mass-organization"] },
  { pattern: /^(các )?doanh nghiệp( trên địa bàn tỉnh)?$/, kinds: ["enterprise"] },
  { pattern: /^(các )?cơ quan trung ương( trên địa bàn tỉnh)?$/, kinds: ["central"] },
];

export class AgencyDirectory {
  private readonly byKey = new Map<string, DirectoryAgency>();
  private readonly byId: Map<string, DirectoryAgency>;

  constructor(private readonly agencies: DirectoryAgency[]) {
    this.byId = new Map(agencies.map((agency) => [agency.id, agency]));
    // Agencies in force first, so a name that passed to a successor finds it before the old one.
    const inForce = (agency: DirectoryAgency) => agency.active !== false;
    for (const agency of [...agencies.filter(inForce), ...agencies.filter((a) => !inForce(a))]) {
      for (const name of [agency.name, agency.code, ...agency.aliases]) {
        const key = nameKey(name);
        if (key && !this.byKey.has(key)) this.byKey.set(key, agency);
      }
    }
  }

  /** The agency in force that `agency` is (itself, or its successor after merges); null when retired without one. */
  private current(agency: DirectoryAgency): DirectoryAgency | null {
    let found: DirectoryAgency | undefined = agency;
    for (let hops = 0; found && found.active === false && hops < 10; hops++) found = found.successorId ? this.byId.get(found.successorId) : undefined;
    return found && found.active !== false ? found : null;
  }

  find(name: string): DirectoryAgency | undefined {
    const agency = this.byKey.get(nameKey(name));
    return agency ? (this.current(agency) ?? undefined) : undefined;
  }

  /** A group phrase's agencies in force: districts merged into communes lead to those communes. */
  private group(name: string): string[] | null {
    const key = nameKey(name);
    const group = GROUPS.find(({ pattern }) => pattern.test(key));
    if (!group) return null;
    const members = this.agencies.filter((agency) => (group.kinds === "bloc" ? !!agency.bloc : group.kinds.includes(agency.kind)));
    const ids = [...new Set(members.map((agency) => this.current(agency)?.id).filter((id): id is string => !!id))];
    return ids.length > 0 ? ids : null;
  }

  resolve(name: string): UnitResolution {
    const direct = this.find(name);
    if (direct) return { name, agencyIds: [direct.id], match: "name" };
    const group = this.group(name);
    if (group) return { name, agencyIds: group, match: "group" };

    // Comma-joined names and groups ("Các sở, ban, ngành, UBND các huyện, thành phố"): the
    // longest run of parts that names something, then the rest.
    const parts = name.split(",").map((part) => part.trim()).filter(Boolean);
    if (parts.length > 1) {
      const ids: string[] = [];
      let grouped = false;
      for (let start = 0; start < parts.length; ) {
        let matched = 0;
        for (let end = parts.length; end > start && matched === 0; end--) {
          const phrase = parts.slice(start, end).join(", ");
          const agency = this.find(phrase);
          const members = agency ? null : this.group(phrase);
          if (agency) ids.push(agency.id);
          else if (members) {
            ids.push(...members);
            grouped = true;
          } else continue;
          matched = end - start;
        }
        if (matched === 0) return { name, agencyIds: [], match: "none" };
        start += matched;
      }
      return { name, agencyIds: [...new Set(ids)], match: grouped ? "group" : "parts" };
    }
    return { name, agencyIds: [], match: "none" };
  }
}
