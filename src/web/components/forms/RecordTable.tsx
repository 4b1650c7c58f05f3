import type { ReactNode } from 'react';

/** A column of a RecordTable: its header and what a record shows in it. */
export interface RecordColumn<T> {
  header: ReactNode;
  cell: (record: T) => ReactNode;
  /** the cell that names the row (a `th scope="row"`); one column a table */
  isRowHeader?: boolean;
  /** figures: right-aligned */
  isNumber?: boolean;
}

/**
 * The button that opens one record of a list in its edit form: the visible word, and the
 * record's name for a screen reader ("Ret Familiehuset"), as every list of the app says it.
 */
export function EditButton({
  label,
  name,
  onClick,
}: {
  label: string;
  name: string;
  onClick: () => void;
}) {
  return (
    <button type="button" className="button-secondary" onClick={onClick}>
      {label}
      <span className="visually-hidden"> {name}</span>
    </button>
  );
}

/**
 * The list half of a register's screen (providers, rates, thresholds, units, users): a table of
 * the records with an EditButton a row, the other half being the VersionedEditForm below it that
 * the button opens the record in (pair with `useRecordForm`). Without `edit`, a reader's table
 * with no such column.
 */
export function RecordTable<T>({
  records,
  recordKey,
  columns,
  edit,
  className = 'table compact',
}: {
  records: readonly T[];
  recordKey: (record: T) => string;
  columns: readonly RecordColumn<T>[];
  edit?:
    | {
        label: string;
        /** the record's name, said after the label to a screen reader */
        name: (record: T) => string;
        onEdit: (record: T) => void;
        /** a visible header for the buttons' column; else the label, for screen readers */
        header?: string;
      }
    | undefined;
  className?: string;
}) {
  return (
    <table className={className}>
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={i} scope="col" className={column.isNumber ? 'num' : undefined}>
              {column.header}
            </th>
          ))}
          {edit && (
            <th scope="col">
              {edit.header ?? <span className="visually-hidden">{edit.label}</span>}
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={recordKey(record)}>
            {columns.map((column, i) => {
              const className = column.isNumber ? 'num' : undefined;
              return column.isRowHeader ? (
                <th key={i} scope="row" className={className}>
                  {column.cell(record)}
                </th>
              ) : (
                <td key={i} className={className}>
                  {column.cell(record)}
                </td>
              );
            })}
            {edit && (
              <td>
                <EditButton
                  label={edit.label}
                  name={edit.name(record)}
                  onClick={() => edit.onEdit(record)}
                />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
