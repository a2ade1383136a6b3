import { useEffect, useRef, useState } from "preact/hooks";
import type { AgencyMonthView as MonthView, AgencyTaskView, EvidenceView, ReportVersionView } from "../../services/dashboard-data.ts";
import { ApiError, download, getBlob, getJson } from "./api.ts";
import type { Opened } from "./app.tsx";
import { dateTime, monthLabel, t } from "./texts.ts";

/** An agency's month: whether it has reported, its due tasks, each report with every version, its notes and its evidence. */
export function AgencyMonthView({ opened, months, onMonth, onClose }: { opened: Opened; months: string[]; onMonth: (period: string) => void; onClose: () => void }) {
  const [view, setView] = useState<MonthView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setView(null);
    setError(null);
    getJson<MonthView>(`api/agencies/${opened.agencyId}/months/${opened.period}`).then(setView, (failure: unknown) => setError(failure instanceof ApiError ? failure.reason : "network"));
  }, [opened.agencyId, opened.period]);
  const index = months.indexOf(opened.period);

  return (
    <main class="agency-month">
      <nav class="back">
        <button type="button" class="link" onClick={onClose}>
          {t("dashboard-back")}
        </button>
      </nav>
      <header>
        <h2>{view?.agency.name ?? "…"}</h2>
        <div class="month-nav">
          <button type="button" aria-label={t("dashboard-previous-month")} disabled={index <= 0} onClick={() => onMonth(months[index - 1]!)}>
            ‹
          </button>
          <span>{t("dashboard-month", { month: monthLabel(opened.period) })}</span>
          <button type="button" aria-label={t("dashboard-next-month")} disabled={index < 0 || index >= months.length - 1} onClick={() => onMonth(months[index + 1]!)}>
            ›
          </button>
        </div>
      </header>
      {error ? <p class="notice" role="alert">{t(error === "other-agency" ? "dashboard-refused-other-agency" : "dashboard-refused-network")}</p> : null}
      {!view && !error ? <p class="notice">{t("dashboard-loading")}</p> : null}
      {view ? (
        <>
          <p class={`state s-${view.state}`}>
            <strong>{t(`status-agency-state-${view.state}`, { answered: view.answered, owed: view.owed })}</strong>
          </p>
          {!view.inUse ? <p class="hint">{t("figures-not-in-use")}</p> : null}
          {view.tasks.length === 0 ? <p class="notice">{t("dashboard-no-task")}</p> : null}
          <ol class="tasks">
            {view.tasks.map((task) => (
              <Task task={task} />
            ))}
          </ol>
        </>
      ) : null}
    </main>
  );
}

function Task({ task }: { task: AgencyTaskView }) {
  const [latest, ...earlier] = task.report?.versions ?? [];
  const [showEarlier, setShowEarlier] = useState(false);
  return (
    <li class={`task a-${task.answer}`}>
      <p class="text">
        {task.row ? <span class="row">[{task.row}] </span> : null}
        {task.text}
      </p>
      <p class="meta">
        {t(`role-${task.role}`)} · <span class="answer">{t(`status-${task.answer}`)}</span>
      </p>
      {latest ? <Version version={latest} /> : null}
      {earlier.length > 0 ? (
        <div class="earlier">
          <button type="button" class="link" aria-expanded={showEarlier} onClick={() => setShowEarlier(!showEarlier)}>
            {t("dashboard-earlier-versions", { count: earlier.length })}
          </button>
          {showEarlier ? earlier.map((version) => <Version version={version} />) : null}
        </div>
      ) : null}
    </li>
  );
}

function Version({ version }: { version: ReportVersionView }) {
  return (
    <div class="version">
      <p class="version-head">
        <span>{t("dashboard-version", { version: version.version })}</span> · <strong>{t(`status-${version.status}`)}</strong> {version.percent}% · <time>{dateTime(version.reportedAt)}</time>
        {version.by ? <span> · {version.by}</span> : null}
      </p>
      {version.note ? <blockquote class="note">{version.note}</blockquote> : null}
      {version.evidence.length > 0 ? (
        <div class="evidence">
          {version.evidence.map((item) => (
            <Evidence item={item} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * A photo is fetched with the session (an <img> cannot send it) once it scrolls into view, so a
 * month of photos costs a poor connection only what is looked at; tapping it shows it whole. A
 * file is fetched only when asked for.
 */
function Evidence({ item }: { item: EvidenceView }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [large, setLarge] = useState(false);
  const [visible, setVisible] = useState(false);
  const placeholder = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (item.kind !== "photo" || visible || !placeholder.current) return;
    if (typeof IntersectionObserver === "undefined") return setVisible(true);
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setVisible(true), { rootMargin: "200px" });
    observer.observe(placeholder.current);
    return () => observer.disconnect();
  }, [item.kind, visible]);
  useEffect(() => {
    if (!visible) return;
    let objectUrl: string | null = null;
    let live = true;
    getBlob(item.path).then(
      (blob) => {
        objectUrl = URL.createObjectURL(blob);
        if (live) setUrl(objectUrl);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [item.path, visible]);
  if (failed) return <span class="evidence-missing">{t("dashboard-evidence-unavailable")}</span>;
  if (item.kind === "document")
    return (
      <button type="button" class="link document" onClick={() => download(item.path, item.name ?? "evidence").catch(() => setFailed(true))}>
        📎 {item.name ?? t("dashboard-evidence-document")}
      </button>
    );
  if (!url) return <span ref={placeholder} class="thumb loading" role="img" aria-label={t("dashboard-loading")} />;
  return (
    <>
      <button type="button" class="thumb" onClick={() => setLarge(true)} aria-label={t("dashboard-evidence-open")}>
        <img src={url} alt={t("dashboard-evidence-photo")} />
      </button>
      {large ? (
        <div class="lightbox" role="dialog" aria-label={t("dashboard-evidence-photo")} onClick={() => setLarge(false)}>
          <img src={url} alt={t("dashboard-evidence-photo")} />
        </div>
      ) : null}
    </>
  );
}
