import { useState } from 'react';

/**
 * The state of a VersionedEditForm: the fields as typed, with the `version` of the record they
 * were read from (null for a new record). `edit` opens a record, `reset` goes back to `initial`.
 * When `initial` comes with another version (a form always showing one record, read again after
 * a save or a conflict), the form takes it; a register's empty form (version null) never does.
 */
export function useRecordForm<F extends { version: number | null }>(initial: F) {
  const [form, setForm] = useState(initial);
  const [readVersion, setReadVersion] = useState(initial.version);
  if (initial.version !== readVersion) {
    setReadVersion(initial.version);
    setForm(initial);
  }
  const set =
    <K extends keyof F>(key: K) =>
    (value: F[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  return {
    form,
    set,
    setForm,
    edit: setForm,
    reset: () => setForm(initial),
    /** an existing record is open (else a new one is being entered) */
    isEditing: form.version !== null,
  };
}
