// A list of a user's objects (LUIS apps, CLU projects): a link and a few
// columns per row, with Export and Delete actions named after the object.
import type { ReactNode } from 'react';

export interface Column<T> {
  title: string;
  /** Hidden on narrow screens. */
  narrow?: boolean;
  cell: (item: T) => ReactNode;
}

export function ExportDeleteTable<T>({ label, items, rowKey, name, columns, onExport, onDelete }: {
  label: string;
  items: T[];
  rowKey: (item: T) => string;
  name: (item: T) => string;
  columns: Column<T>[];
  onExport: (item: T) => void;
  onDelete: (item: T) => void;
}) {
  return (
    <div className="card card-flush">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => <th key={c.title} scope="col" className={c.narrow ? 'hide-narrow' : undefined}>{c.title}</th>)}
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={rowKey(item)}>
              {columns.map((c) => <td key={c.title} className={c.narrow ? 'hide-narrow' : undefined}>{c.cell(item)}</td>)}
              <td className="row-actions">
                <button type="button" className="button button-link" onClick={() => onExport(item)} aria-label={`Export ${name(item)}`}>Export</button>
                <button type="button" className="button button-link" onClick={() => onDelete(item)} aria-label={`Delete ${name(item)}`}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
