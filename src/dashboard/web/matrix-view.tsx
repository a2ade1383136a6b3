import { useMemo, useState } from "preact/hooks";
import type { DashboardAgency, DashboardYear, MatrixCell, MonthTotals } from "../../services/dashboard-data.ts";
import { download, type Me } from "./api.ts";
import type { Opened } from "./app.tsx";
import { monthLabel, percent, t } from "./texts.ts";

/**
 * Agencies × months: each cell the agency's state that month (colour) and the share of its due
 * tasks answered; grouped by emulation bloc, filtered by bloc, kind and the state in one month.
 */
const STATES = ["nothing-due", "not-reported", "partly", "reported"] as const;
const NO_BLOC = "—";
/** A province this large opens with its blocs folded: a phone draws one bloc at a time. */
const FOLD_ABOVE = 150;

interface Row {
  agency: DashboardAgency;
  cells: MatrixCell[];
}

function groupTotals(rows: Row[], month: number) {
  const totals = { reported: 0, partly: 0, notReported: 0, answered: 0, owed: 0 };
  for (const { cells } of rows) {
    const [state, answered, owed] = cells[month]!;
    if (state === 3) totals.reported++;
    else if (state === 2) totals.partly++;
    else if (state === 1) totals.notReported++;
    totals.answered += answered;
    totals.owed += owed;
  }
  return { ...totals, owing: totals.reported + totals.partly + totals.notReported };
}

function Summary({ totals }: { totals: MonthTotals }) {
  if (totals.owing === 0) return <p class="summary">{t("figures-nothing-owed")}</p>;
  return (
    <div class="summary" data-period={totals.period}>
      {!totals.inUse ? <p class="hint">{t("figures-not-in-use")}</p> : null}
      <p>{t("figures-agencies", { reported: totals.reported, owing: totals.owing, partly: totals.partly, notReported: totals.notReported })}</p>
      <p>{t("figures-tasks", { answered: totals.answered, owed: totals.owed, share: percent(totals.answered, totals.owed) })}</p>
    </div>
  );
}

export function MatrixView({ data, me, onOpen }: { data: DashboardYear; me: Me; onOpen: (opened: Opened) => void }) {
  const last = data.months.length - 1;
  const [focus, setFocus] = useState(last);
  const [bloc, setBloc] = useState("all");
  const [kind, setKind] = useState("all");
  const [state, setState] = useState("all");
  const [unfolded, setUnfolded] = useState<Set<string>>(new Set());
  const month = Math.min(focus, last);

  const blocName = useMemo(() => new Map(data.blocs.map((b) => [b.code, b.name])), [data]);
  const kinds = useMemo(() => [...new Set(data.agencies.map((a) => a.kind))], [data]);
  const rows = useMemo(
    () =>
      data.agencies
        .map((agency, index): Row => ({ agency, cells: data.cells[index]! }))
        .filter(({ agency, cells }) => (bloc === "all" || (agency.bloc ?? NO_BLOC) === bloc) && (kind === "all" || agency.kind === kind) && (state === "all" || month < 0 || STATES[cells[month]![0]] === state)),
    [data, bloc, kind, state, month],
  );
  const groups = useMemo(() => {
    const byBloc = new Map<string, Row[]>();
    for (const row of rows) {
      const key = row.agency.bloc ?? NO_BLOC;
      byBloc.set(key, [...(byBloc.get(key) ?? []), row]);
    }
    const order = [...data.blocs.map((b) => b.code), ...[...byBloc.keys()].filter((key) => !blocName.has(key) && key !== NO_BLOC).sort(), NO_BLOC];
    return order.filter((key) => byBloc.has(key)).map((key) => ({ key, name: key === NO_BLOC ? t("dashboard-no-bloc") : (blocName.get(key) ?? key), rows: byBloc.get(key)! }));
  }, [rows, data, blocName]);

  if (data.months.length === 0) return <p class="notice">{t("dashboard-year-not-begun")}</p>;
  const folded = (key: string) => data.agencies.length > FOLD_ABOVE && !unfolded.has(key) && groups.length > 1;
  const toggle = (key: string) => setUnfolded((previous) => new Set(previous.has(key) ? [...previous].filter((k) => k !== key) : [...previous, key]));
  const period = data.months[month]!;
  const notInUse = data.totals.filter((totals) => !totals.inUse).map((totals) => monthLabel(totals.period));

  return (
    <main class="matrix-view">
      <section class="headline" aria-label={t("dashboard-month-figures", { month: monthLabel(period) })}>
        <h2>{t("dashboard-month-figures", { month: monthLabel(period) })}</h2>
        <Summary totals={data.totals[month]!} />
        {me.mayExport ? (
          <button type="button" class="action" onClick={() => void download(`api/export/${period}`, `bao-cao-thi-dua-${period}.xlsx`)}>
            {t("dashboard-export-excel", { month: monthLabel(period) })}
          </button>
        ) : null}
      </section>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        {data.blocs.length > 0 ? (
          <label>
            {t("dashboard-filter-bloc")}
            <select value={bloc} onChange={(event) => setBloc(event.currentTarget.value)}>
              <option value="all">{t("dashboard-filter-all")}</option>
              {data.blocs.map((b) => (
                <option value={b.code}>{b.name}</option>
              ))}
              {data.agencies.some((a) => !a.bloc) ? <option value={NO_BLOC}>{t("dashboard-no-bloc")}</option> : null}
            </select>
          </label>
        ) : null}
        {kinds.length > 1 ? (
          <label>
            {t("dashboard-filter-kind")}
            <select value={kind} onChange={(event) => setKind(event.currentTarget.value)}>
              <option value="all">{t("dashboard-filter-all")}</option>
              {kinds.map((k) => (
                <option value={k}>{t(`agency-kind-${k}`)}</option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t("dashboard-filter-state", { month: monthLabel(period) })}
          <select value={state} onChange={(event) => setState(event.currentTarget.value)}>
            <option value="all">{t("dashboard-filter-all")}</option>
            {STATES.map((s) => (
              <option value={s}>{t(`dashboard-state-${s}`)}</option>
            ))}
          </select>
        </label>
      </form>
      <ul class="legend" aria-hidden="true">
        {[...STATES].reverse().map((s, index) => (
          <li>
            <span class={`swatch s${3 - index}`} />
            {t(`dashboard-state-${s}`)}
          </li>
        ))}
      </ul>
      <p class="hint">{t("dashboard-matrix-hint", { shown: rows.length, total: data.agencies.length })}</p>
      {notInUse.length > 0 ? <p class="hint">{t("dashboard-months-not-in-use", { months: notInUse.join(", ") })}</p> : null}
      <div class="matrix-scroll">
        <table class="matrix">
          <thead>
            <tr>
              <th scope="col" class="agency">
                {t("dashboard-agency")}
              </th>
              {data.months.map((p, index) => (
                <th scope="col" class={`${index === month ? "focus" : ""}${data.totals[index]!.inUse ? "" : " unused"}`}>
                  <button type="button" aria-pressed={index === month} onClick={() => setFocus(index)} title={t("dashboard-focus-month", { month: monthLabel(p) })}>
                    {t("dashboard-month-short", { month: Number(p.slice(5, 7)) })}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((group) => {
            const sums = groupTotals(group.rows, month);
            const isFolded = folded(group.key);
            return (
              <tbody key={group.key}>
                <tr class="group">
                  <th colSpan={data.months.length + 1} scope="rowgroup">
                    <button type="button" aria-expanded={!isFolded} onClick={() => toggle(group.key)} disabled={data.agencies.length <= FOLD_ABOVE || groups.length <= 1}>
                      <span class="name">{group.name}</span>
                      <span class="sums">{t("dashboard-group-sums", { reported: sums.reported, owing: sums.owing, share: percent(sums.answered, sums.owed), month: monthLabel(period) })}</span>
                    </button>
                  </th>
                </tr>
                {isFolded
                  ? null
                  : group.rows.map(({ agency, cells }) => (
                      <tr key={agency.id}>
                        <th scope="row" class="agency" title={agency.name}>
                          {agency.name}
                        </th>
                        {cells.map(([s, answered, owed], index) => {
                          const label = t("dashboard-cell-label", { agency: agency.name, month: monthLabel(data.months[index]!), state: t(`dashboard-state-${STATES[s]}`), answered, owed });
                          return (
                            <td class={`s${s}${index === month ? " focus" : ""}${data.totals[index]!.inUse ? "" : " unused"}`}>
                              <button type="button" aria-label={label} title={label} onClick={() => onOpen({ agencyId: agency.id, period: data.months[index]! })}>
                                {s === 0 ? "·" : percent(answered, owed)}
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </main>
  );
}
