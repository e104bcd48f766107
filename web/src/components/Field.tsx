// Form controls that always have a visible label and tie their error message to the input
// with aria-describedby, so the error is read out when the field gets focus.
import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

interface BaseProps {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  required?: boolean;
  class?: string;
}

export function describedBy(errorId: string, hintId: string, error?: string, hint?: string): string | undefined {
  const ids = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function FieldShell({ id, label, error, hint, required, children, className }: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: ComponentChildren;
  className?: string;
}) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label for={id}>
        {label}
        {required && (
          <span class="required-mark" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} data-field-error>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = BaseProps &
  Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'label' | 'name' | 'value' | 'onInput' | 'class' | 'type'> & {
    value: string;
    onValue: (value: string) => void;
    type?: string;
  };

export function TextField({ label, name, error, hint, required, value, onValue, type = 'text', class: className, ...rest }: InputProps) {
  const id = `f-${useId()}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onInput={(event) => onValue((event.currentTarget as HTMLInputElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-required={required ? 'true' : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, error, hint)}
        {...rest}
      />
    </FieldShell>
  );
}

type TextAreaProps = BaseProps &
  Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'label' | 'name' | 'value' | 'onInput' | 'class'> & {
    value: string;
    onValue: (value: string) => void;
  };

export function TextAreaField({ label, name, error, hint, required, value, onValue, class: className, rows = 3, ...rest }: TextAreaProps) {
  const id = `f-${useId()}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        onInput={(event) => onValue((event.currentTarget as HTMLTextAreaElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-required={required ? 'true' : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, error, hint)}
        {...rest}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = BaseProps & {
  value: string;
  onValue: (value: string) => void;
  options: Option[];
  disabled?: boolean;
};

export function SelectField({ label, name, error, hint, required, value, onValue, options, disabled, class: className }: SelectProps) {
  const id = `f-${useId()}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        onChange={(event) => onValue((event.currentTarget as HTMLSelectElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, error, hint)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type CheckboxProps = {
  label: string;
  name: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  error?: string;
  hint?: string;
  value?: string;
};

export function CheckboxField({ label, name, checked, onChecked, error, hint, value }: CheckboxProps) {
  const id = `f-${useId()}`;
  return (
    <div class={`field field-check${error ? ' field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        onChange={(event) => onChecked((event.currentTarget as HTMLInputElement).checked)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(`${id}-error`, `${id}-hint`, error, hint)}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} data-field-error>
          {error}
        </p>
      )}
    </div>
  );
}
