/**
 * A DKFDS file input in its form-group, for the spreadsheet uploads (citizen and plan import):
 * label, optional hint (with its own id, so a page keeps the id it has), and the chosen file.
 */
import type { ReactNode } from 'react';

/** CSV or XLSX, the formats the imports read. */
export const spreadsheetTypes =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function FileField({
  id,
  label,
  hint,
  hintId = `${id}-hint`,
  accept = spreadsheetTypes,
  onFile,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  hintId?: string;
  accept?: string;
  onFile: (file: File | null) => void;
}) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={hintId}>
          {hint}
        </span>
      )}
      <input
        id={id}
        type="file"
        className="form-file-input"
        aria-describedby={hint ? hintId : undefined}
        accept={accept}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
    </div>
  );
}
