import { useState } from 'react';

/**
 * The state of a VersionedEditForm: the fields as typed, with the `version` of the record they
 * were read from (null for a new record). `edit` opens a record, `reset` goes back to `initial`.
 * When `initial` comes with another version (a form always showing one record, read again after
 * a save or a conflict), the form takes it; a register's empty form (version null) never does.
 * After a conflict, `onReload` (for the form's button) reads the page's records again and opens
 * the record as `latest` finds it once the newer version has arrived, so the user goes on from
 * what the other one saved.
 */
export function useRecordForm<F extends { version: number | null }>(
  initial: F,
  read?: {
    /** the open record's form as the page has read it now (a register's list) */
    latest: (form: F) => F | undefined;
    /** read the page's records again */
    reload: () => void;
  },
) {
  const [form, setForm] = useState(initial);
  const [readVersion, setReadVersion] = useState(initial.version);
  const [isReopening, setIsReopening] = useState(false);
  if (initial.version !== readVersion) {
    setReadVersion(initial.version);
    setForm(initial);
  }
  if (isReopening) {
    const now = read?.latest(form);
    if (now && now.version !== form.version) {
      setIsReopening(false);
      setForm(now);
    }
  }
  const set =
    <K extends keyof F>(key: K) =>
    (value: F[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const reset = () => {
    setIsReopening(false);
    setForm(initial);
  };
  const onReload = () => {
    setIsReopening(true);
    read?.reload();
  };
  const isEditing = form.version !== null;
  return {
    form,
    set,
    setForm,
    edit: (record: F) => {
      setIsReopening(false);
      setForm(record);
    },
    reset,
    onReload,
    /** an existing record is open (else a new one is being entered) */
    isEditing,
    /** the VersionedEditForm's actions: cancel while a record is open, reload after a conflict */
    formActions: { onCancel: isEditing ? reset : undefined, onReload },
  };
}
