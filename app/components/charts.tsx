// Charts drawn on the server as plain SVG and HTML: readable without JavaScript, each with a text
// alternative (the numbers are always printed beside the bars; the line chart has a description).

export function BarList({ rows, caption }: { rows: { label: string; value: number }[]; caption: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row" className="w-28 py-1 pr-2 text-left font-normal text-slate-700">{r.label}</th>
            <td className="py-1">
              <div className="flex items-center gap-2">
                <div className="h-3 rounded bg-brand-600" style={{ width: `${(r.value / max) * 100}%`, minWidth: r.value ? 2 : 0 }} aria-hidden />
                <span className="tabular-nums">{r.value}</span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface LineChartProps {
  series: { month: string; total: number }[];
  target: number;
  projectedAtDeadline: number;
  deadlineMonth: string;
  title: string;
  description: string;
}

/** Cumulative count by month, the target as a horizontal line, and the projection dashed. */
export function CumulativeChart({ series, target, projectedAtDeadline, deadlineMonth, title, description }: LineChartProps) {
  if (!series.length) return null;
  const width = 640;
  const height = 240;
  const pad = { left: 40, right: 16, top: 16, bottom: 28 };
  const monthIndex = (m: string) => {
    const [y, mo] = m.split("-").map(Number) as [number, number];
    const [y0, m0] = series[0]!.month.split("-").map(Number) as [number, number];
    return (y - y0) * 12 + (mo - m0);
  };
  const lastIndex = Math.max(monthIndex(deadlineMonth), series.length - 1);
  const maxY = Math.max(target, projectedAtDeadline, ...series.map((s) => s.total)) * 1.05;
  const x = (i: number) => pad.left + (i / Math.max(1, lastIndex)) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / maxY) * (height - pad.top - pad.bottom);
  const path = series.map((s, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(s.total).toFixed(1)}`).join(" ");
  const last = series[series.length - 1]!;
  const ticks = series.filter((s) => s.month.endsWith("-01") || s.month.endsWith("-07"));
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="cum-title cum-desc" className="h-auto w-full">
      <title id="cum-title">{title}</title>
      <desc id="cum-desc">{description}</desc>
      <line x1={pad.left} x2={width - pad.right} y1={y(target)} y2={y(target)} stroke="#dc2626" strokeDasharray="4 4" />
      <text x={width - pad.right} y={y(target) - 4} textAnchor="end" fontSize="11" fill="#b91c1c">{target}</text>
      <line x1={x(series.length - 1)} y1={y(last.total)} x2={x(lastIndex)} y2={y(projectedAtDeadline)} stroke="#1d5fbf" strokeDasharray="6 4" />
      <path d={path} fill="none" stroke="#1d5fbf" strokeWidth="2.5" />
      <text x={x(series.length - 1)} y={y(last.total) - 6} fontSize="11" textAnchor="middle" fill="#123b75">{last.total}</text>
      <text x={x(lastIndex)} y={y(projectedAtDeadline) - 6} fontSize="11" textAnchor="end" fill="#123b75">{projectedAtDeadline}</text>
      <line x1={pad.left} x2={pad.left} y1={pad.top} y2={height - pad.bottom} stroke="#94a3b8" />
      <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#94a3b8" />
      {ticks.map((s) => (
        <text key={s.month} x={x(monthIndex(s.month))} y={height - 10} fontSize="10" textAnchor="middle" fill="#475569">{s.month}</text>
      ))}
      <text x={x(lastIndex)} y={height - 10} fontSize="10" textAnchor="end" fill="#475569">{deadlineMonth}</text>
      <text x={pad.left - 6} y={y(0)} fontSize="10" textAnchor="end" fill="#475569">0</text>
    </svg>
  );
}
