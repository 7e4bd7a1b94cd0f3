import { Form } from "react-router";
import type { ImportField } from "~/domain/import/fields";
import { columnLetter } from "~/domain/import/table";
import { useI18n } from "~/i18n/use-i18n";
import { describeIssue, fieldLabel } from "~/import/describe";
import type { HeldRow } from "~/models/import-held.server";
import { buttonClass } from "./form";

// 待处理 on /admin/import: each held row with its cells as inputs (the imported columns first, the
// cell with an error marked), corrected and imported in place, or dropped.

const cellClass = "w-full rounded border px-2 py-1 text-sm";

export function HeldRows({ held, busyId }: { held: { rows: HeldRow[]; total: number }; busyId: number | null }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="held-title" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="held-title" className="text-xl font-semibold">{t("lists.held.title", { n: held.total })}</h2>
      <p className="text-sm text-slate-700">{t("lists.held.lead")}</p>
      <ul className="space-y-3">
        {held.rows.map((row) => <HeldRowForm key={row.id} row={row} busy={busyId === row.id} />)}
      </ul>
    </section>
  );
}

function HeldRowForm({ row, busy }: { row: HeldRow; busy: boolean }) {
  const { t } = useI18n();
  const badColumns = new Set(row.errors.map((e) => e.column));
  const id = `held-${row.id}`;
  return (
    <li className="rounded border border-amber-200 bg-white p-3">
      <Form method="post" className="space-y-2" aria-labelledby={`${id}-title`}>
        <input type="hidden" name="id" value={row.id} />
        <h3 id={`${id}-title`} className="font-medium">{t("lists.held.row", { file: row.fileName, row: row.rowNumber })}</h3>
        <ul className="text-sm text-red-800" aria-label={t("lists.held.errorsHeader")}>
          {row.errors.map((e, i) => <li key={i}>{e.column ? `${e.column}（${e.header}）：` : ""}{describeIssue(t, e)}</li>)}
        </ul>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {row.headers.map((header, col) => {
            const field = row.mapping[col] as ImportField | null | undefined;
            const bad = badColumns.has(columnLetter(col));
            return (
              <div key={col} className={field ? "" : "opacity-70"}>
                <label htmlFor={`${id}-${col}`} className="block text-xs text-slate-700">
                  {columnLetter(col)} {header}{field ? ` → ${fieldLabel(t, field)}` : ""}
                </label>
                <input
                  id={`${id}-${col}`} name="cell" defaultValue={row.cells[col] ?? ""}
                  aria-invalid={bad || undefined}
                  className={`${cellClass} ${bad ? "border-red-500 bg-red-50" : "border-slate-300"}`}
                />
              </div>
            );
          })}
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="fixHeld" className={buttonClass} disabled={busy}>{t("lists.held.fix")}</button>
          <button type="submit" name="intent" value="dismissHeld" className="text-sm text-slate-700 underline" disabled={busy}>{t("lists.held.dismiss")}</button>
        </div>
      </Form>
    </li>
  );
}
