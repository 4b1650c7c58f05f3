// The form kit: every field of the app, the filter and edit form shells, and the pure checks
// and conversions of typed text behind them.
export { FieldFrame, type ControlProps, type FrameProps } from './FieldFrame';
export { FieldGroup } from './FieldGroup';
export { TextField } from './TextField';
export { TextAreaField } from './TextAreaField';
export { CheckField } from './CheckField';
export { CheckGroupField } from './CheckGroupField';
export { SelectField, type SelectOption } from './SelectField';
export { DateField } from './DateField';
export { AmountField } from './AmountField';
export { YearField } from './YearField';
export { UnitSelect } from './UnitSelect';
export { FilterForm } from './FilterForm';
export { useFilterForm } from './use-filter-form';
export { VersionedEditForm } from './VersionedEditForm';
export { EditButton, RecordTable, type RecordColumn } from './RecordTable';
export { useRecordForm } from './use-record-form';
export { amountForApi, amountProblem, dateProblem, dateText, dateValue } from './field-text';
