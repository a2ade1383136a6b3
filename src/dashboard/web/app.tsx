import { useEffect, useState } from "preact/hooks";
import type { DashboardYear } from "../../services/dashboard-data.ts";
import { ApiError, getJson, type Me } from "./api.ts";
import { AgencyMonthView } from "./agency-month-view.tsx";
import { MatrixView } from "./matrix-view.tsx";
import { RoundsView } from "./rounds-view.tsx";
import { TrendView } from "./trend-view.tsx";
import { currentLang, setLang, t, type Lang } from "./texts.ts";

type Tab = "matrix" | "trend" | "rounds";
const TABS: Tab[] = ["matrix", "trend", "rounds"];

export interface Opened {
  agencyId: string;
  period: string;
}

/** The page once a session is open: the year's matrix, and an agency's month over it when one is opened. */
export function App({ me, current }: { me: Me; current: string }) {
  const [lang, switchLang] = useState<Lang>(currentLang());
  const [year, setYear] = useState(Number(current.slice(0, 4)));
  const [data, setData] = useState<DashboardYear | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [tab, setTab] = useState<Tab>("matrix");

  useEffect(() => {
    setData(null);
    setError(null);
    getJson<DashboardYear>(`api/year/${year}`).then(setData, (failure: unknown) => setError(failure instanceof ApiError ? failure.reason : "network"));
  }, [year]);

  const toggleLang = () => {
    const next: Lang = lang === "vi" ? "en" : "vi";
    setLang(next);
    localStorage.setItem("dondoc-dashboard-lang", next);
    switchLang(next);
  };

  return (
    <div class="page" lang={lang}>
      <header class="top">
        <h1>{t("dashboard-title")}</h1>
        <span class="who">
          {me.name} · {t(`role-name-${me.role}`)}
        </span>
        <span class="tools">
          {data && data.years.length > 1 ? (
            <select aria-label={t("dashboard-year")} value={year} onChange={(event) => setYear(Number(event.currentTarget.value))}>
              {data.years.map((y) => (
                <option value={y}>{y}</option>
              ))}
            </select>
          ) : (
            <span class="year">{year}</span>
          )}
          <button type="button" class="link" onClick={toggleLang}>
            {t("dashboard-other-language")}
          </button>
        </span>
      </header>
      {error ? <p class="notice" role="alert">{t(`dashboard-refused-${error === "forbidden" || error === "other-agency" ? "other-agency" : ["forged", "expired", "missing", "no-role", "not-a-member"].includes(error) ? error : "network"}`)}</p> : null}
      {!data && !error ? <p class="notice">{t("dashboard-loading")}</p> : null}
      {!opened ? (
        <nav class="tabs" role="tablist">
          {TABS.map((name) => (
            <button type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
              {t(`dashboard-tab-${name}`)}
            </button>
          ))}
        </nav>
      ) : null}
      {data && !opened && tab === "matrix" ? <MatrixView data={data} me={me} onOpen={setOpened} /> : null}
      {data && !opened && tab === "trend" ? <TrendView data={data} /> : null}
      {!opened && tab === "rounds" ? <RoundsView year={year} /> : null}
      {data && opened ? <AgencyMonthView opened={opened} months={data.months} onMonth={(period) => setOpened({ ...opened, period })} onClose={() => setOpened(null)} /> : null}
    </div>
  );
}
