/**
 * DKFDS form fields: a `form-group` with its `form-label`, an optional hint and an optional
 * error (`form-error`, from a problem+json's field errors), tied to the control by ids so a
 * screen reader reads label, hint and error together. The control variants take and give plain
 * values (`onChange(value)`), so a page binds a whole form with `bindFields(state, setState)`.
 */
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api/client';

export interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The message to show; it also marks the control invalid. */
  error?: string;
  /** Sets `required` on the control (announced by screen readers). */
  required?: boolean;
  /**
   * Shows a visible "*" after the label text. Opt-in: DKFDS prefers marking the few optional
   * fields, and the star becomes part of the label's text (tests that match a label exactly).
   */
  requiredMarker?: boolean;
  /** Extra classes on the form-group, e.g. 'mt-0'. */
  className?: string;
  /** Ids of text elsewhere on the page that describes the control (a hint shared by fields). */
  describedBy?: string;
  /** Invalid without a message of its own (the page says what is missing elsewhere). */
  invalid?: boolean;
}

interface ControlProps {
  id: string;
  required?: boolean;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

const join = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(' ');

/** The message a problem+json gives for one field (pointer `/name`), if it gives one. */
export function fieldError(error: unknown, name: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.find((e) => e.pointer === `/${name}`)?.message;
}

/** `{ value, onChange }` for one key of a form's state object, to spread on a field. */
export function bindFields<T extends object>(state: T, set: (next: T) => void) {
  return <K extends keyof T>(name: K) => ({
    value: state[name],
    onChange: (value: T[K]) => set({ ...state, [name]: value }),
  });
}

/** The group around any control: render the control with the props given to `children`. */
export function FormField({
  children,
  ...field
}: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const { id, label, hint, error, required, requiredMarker, className, describedBy, invalid } =
    field;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={join('form-group', !!error && 'form-error', className)}>
      <label className="form-label" htmlFor={id}>
        {label}
        {requiredMarker && (
          <span className="form-label-required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {hint && (
        <span className="form-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={errorId}>
          {error}
        </span>
      )}
      {children({
        id,
        required,
        'aria-invalid': error || invalid ? true : undefined,
        'aria-describedby': join(describedBy, hintId, errorId) || undefined,
      })}
    </div>
  );
}

/** Separates the form-group's props from the control's own. */
function split<P extends FieldProps>(props: P): [FieldProps, Omit<P, keyof FieldProps>] {
  const {
    id,
    label,
    hint,
    error,
    required,
    requiredMarker,
    className,
    describedBy,
    invalid,
    ...rest
  } = props;
  return [
    { id, label, hint, error, required, requiredMarker, className, describedBy, invalid },
    rest,
  ];
}

type Native<E> = Omit<E, 'id' | 'value' | 'onChange' | 'required' | 'className' | 'children'>;

export type InputFieldProps = FieldProps &
  Native<InputHTMLAttributes<HTMLInputElement>> & {
    value: string;
    onChange: (value: string) => void;
    inputClassName?: string;
  };

export function InputField(props: InputFieldProps) {
  const [field, { value, onChange, inputClassName, ...rest }] = split(props);
  return (
    <FormField {...field}>
      {(control) => (
        <input
          className={join('form-input', inputClassName)}
          {...rest}
          {...control}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

/** A date (yyyy-mm-dd, '' when empty) in the short DKFDS width unless told otherwise. */
export function DateField(props: InputFieldProps) {
  return <InputField type="date" inputClassName="input-width-s" {...props} />;
}

export function TextareaField(
  props: FieldProps &
    Native<TextareaHTMLAttributes<HTMLTextAreaElement>> & {
      value: string;
      onChange: (value: string) => void;
    },
) {
  const [field, { value, onChange, ...rest }] = split(props);
  return (
    <FormField {...field}>
      {(control) => (
        <textarea
          className="form-input"
          rows={3}
          {...rest}
          {...control}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

/** A select over `options`; `placeholder` adds a first option with the value ''. */
export function SelectField<V extends string>(
  props: FieldProps &
    Native<SelectHTMLAttributes<HTMLSelectElement>> & {
      value: V;
      onChange: (value: V) => void;
      options: readonly Option<V>[];
      placeholder?: string;
      inputClassName?: string;
    },
) {
  const [field, { value, onChange, options, placeholder, inputClassName, ...rest }] = split(props);
  return (
    <FormField {...field}>
      {(control) => (
        <select
          className={join('form-select', inputClassName)}
          {...rest}
          {...control}
          value={value}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** One checkbox in its own form-group (DKFDS `form-group-checkbox`). */
export function CheckboxField({
  id,
  label,
  value,
  onChange,
  describedBy,
  disabled,
  className = 'form-group',
}: {
  id: string;
  label: ReactNode;
  value: boolean;
  onChange: (checked: boolean) => void;
  describedBy?: string;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <div className="form-group-checkbox">
        <input
          className="form-checkbox"
          type="checkbox"
          id={id}
          aria-describedby={describedBy}
          disabled={disabled}
          checked={value}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

/**
 * A fieldset of radios (one value) or checkboxes (a list of values); each option's id is
 * `${idPrefix}-${value}`.
 */
export function ChoiceGroup<V extends string>(
  props: {
    legend: ReactNode;
    idPrefix: string;
    options: readonly Option<V>[];
    hint?: ReactNode;
    className?: string;
  } & (
    | { type: 'radio'; name: string; value: V; onChange: (value: V) => void }
    | { type: 'checkbox'; value: readonly V[]; onChange: (values: V[]) => void }
  ),
) {
  const { legend, idPrefix, options, hint, className } = props;
  const hintId = hint ? `${idPrefix}-hint` : undefined;
  const checked = (v: V) => (props.type === 'radio' ? props.value === v : props.value.includes(v));
  const toggle = (v: V, on: boolean) => {
    if (props.type === 'radio') props.onChange(v);
    else props.onChange(on ? [...props.value, v] : props.value.filter((x) => x !== v));
  };
  return (
    <fieldset className={join('form-group', className)} aria-describedby={hintId}>
      <legend className="form-label">{legend}</legend>
      {hint && (
        <span className="form-hint" id={hintId}>
          {hint}
        </span>
      )}
      {options.map((o) => (
        <div className={`form-group-${props.type}`} key={o.value}>
          <input
            type={props.type}
            className={`form-${props.type}`}
            name={props.type === 'radio' ? props.name : undefined}
            id={`${idPrefix}-${o.value}`}
            checked={checked(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <label htmlFor={`${idPrefix}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
