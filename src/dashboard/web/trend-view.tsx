import type { DashboardYear } from "../../services/dashboard-data.ts";
import { monthLabel, percent, t } from "./texts.ts";

/**
 * The year month by month: agencies reported in full, in part and not at all (bars, as shares of
 * those that owed a report), and the share of due tasks answered (the line); the table under it
 * says the same in numbers.
 */
const WIDTH = 360;
const HEIGHT = 180;
const TOP = 10;
const BOTTOM = 22;
const LEFT = 38;

export function TrendView({ data }: { data: DashboardYear }) {
  const slot = (WIDTH - LEFT) / Math.max(1, data.totals.length);
  const bar = Math.min(26, slot * 0.6);
  const y = (fraction: number) => TOP + (1 - fraction) * (HEIGHT - TOP - BOTTOM);
  const line = data.totals
    .map((month, index) => (month.share === null ? null : `${LEFT + slot * index + slot / 2},${y(month.share)}`))
    .filter((point): point is string => point !== null)
    .join(" ");
  return (
    <main class="trend">
      <h2>{t("dashboard-trend-title", { year: data.year })}</h2>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t("dashboard-trend-title", { year: data.year })}>
        {[0, 0.5, 1].map((fraction) => (
          <g>
            <line x1={LEFT} x2={WIDTH} y1={y(fraction)} y2={y(fraction)} stroke="currentColor" stroke-opacity="0.15" />
            <text x={LEFT - 4} y={y(fraction) + 4} text-anchor="end">
              {fraction * 100}%
            </text>
          </g>
        ))}
        {data.totals.map((month, index) => {
          const x = LEFT + slot * index + (slot - bar) / 2;
          const parts: [number, string][] = month.owing === 0 ? [] : [
            [month.reported / month.owing, "var(--reported)"],
            [month.partly / month.owing, "var(--partly)"],
            [month.notReported / month.owing, "var(--not-reported)"],
          ];
          let base = 0;
          return (
            <g>
              {parts.map(([fraction, colour]) => {
                const top = y(base + fraction);
                const height = y(base) - top;
                base += fraction;
                return <rect x={x} y={top} width={bar} height={height} fill={colour} />;
              })}
              <text x={x + bar / 2} y={HEIGHT - 6} text-anchor="middle">
                {t("dashboard-month-short", { month: Number(month.period.slice(5, 7)) })}
              </text>
            </g>
          );
        })}
        {line ? <polyline points={line} fill="none" stroke="var(--link)" stroke-width="2.5" /> : null}
      </svg>
      <ul class="legend">
        <li>
          <span class="swatch s3" />
          {t("dashboard-state-reported")}
        </li>
        <li>
          <span class="swatch s2" />
          {t("dashboard-state-partly")}
        </li>
        <li>
          <span class="swatch s1" />
          {t("dashboard-state-not-reported")}
        </li>
        <li>
          <span class="swatch line" />
          {t("dashboard-trend-share")}
        </li>
      </ul>
      <table class="figures-table">
        <thead>
          <tr>
            <th scope="col">{t("dashboard-trend-month")}</th>
            <th scope="col">{t("dashboard-state-reported")}</th>
            <th scope="col">{t("dashboard-state-partly")}</th>
            <th scope="col">{t("dashboard-state-not-reported")}</th>
            <th scope="col">{t("dashboard-trend-share")}</th>
          </tr>
        </thead>
        <tbody>
          {data.totals.map((month) => (
            <tr>
              <th scope="row">{monthLabel(month.period)}</th>
              <td>
                {month.reported}/{month.owing}
              </td>
              <td>{month.partly}</td>
              <td>{month.notReported}</td>
              <td>
                {month.answered}/{month.owed} ({percent(month.answered, month.owed)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
