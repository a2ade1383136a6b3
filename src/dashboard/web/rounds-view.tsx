import { useEffect, useState } from "preact/hooks";
import type { RoundView } from "../../services/dashboard-data.ts";
import { ApiError, getJson } from "./api.ts";
import { dateTime, t } from "./texts.ts";

/** The year's rounds, registrations and nominations, with the counts by award (a focal officer: their agency's own). */
export function RoundsView({ year }: { year: number }) {
  const [rounds, setRounds] = useState<RoundView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRounds(null);
    getJson<{ rounds: RoundView[] }>(`api/rounds/${year}`).then(
      (answer) => setRounds(answer.rounds),
      (failure: unknown) => setError(failure instanceof ApiError ? failure.reason : "network"),
    );
  }, [year]);
  if (error) return <p class="notice" role="alert">{t("dashboard-refused-network")}</p>;
  if (!rounds) return <p class="notice">{t("dashboard-loading")}</p>;
  return (
    <main class="rounds">
      <h2>{t("dashboard-rounds-title", { year })}</h2>
      {rounds.length === 0 ? <p>{t("dashboard-rounds-none")}</p> : null}
      {rounds.map((round) => (
        <section class="round">
          <h3>
            {t("dashboard-round-heading", { seq: round.seq, title: round.title })}
          </h3>
          <p class="hint">
            {t(`round-kind-${round.kind}`)} · {t("dashboard-round-deadline", { deadline: dateTime(round.deadline) })} · {t(round.status === "open" ? "dashboard-round-open" : "dashboard-round-closed")} · {t("dashboard-round-submitted", { submitted: round.submitted, asked: round.asked })}
          </p>
          <table class="figures-table">
            <thead>
              <tr>
                <th scope="col">{t("dashboard-round-award")}</th>
                <th scope="col">{t("dashboard-round-collective")}</th>
                <th scope="col">{t("dashboard-round-individual")}</th>
              </tr>
            </thead>
            <tbody>
              {round.byAward.map((line) => (
                <tr>
                  <th scope="row">{line.name}</th>
                  <td>{line.collective}</td>
                  <td>{line.individual}</td>
                </tr>
              ))}
              <tr class="total">
                <th scope="row">{t("dashboard-round-total")}</th>
                <td>{round.total.collective}</td>
                <td>{round.total.individual}</td>
              </tr>
            </tbody>
          </table>
        </section>
      ))}
    </main>
  );
}
