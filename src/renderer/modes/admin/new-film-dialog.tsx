/**
 * "New film" as a side drawer: the details first (validated inline with the contract's schema, the
 * server's field errors mapped back onto the inputs), then an optional poster for the film just made.
 * Uses the native <dialog>: focus is trapped and Escape closes it without extra code.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Movie } from '../../../shared/contract/index';
import { IconAlert, IconCheck, IconClose } from '../../components/icons';
import { call, isClientError } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import {
  EMPTY_FILM,
  FIELD_LABELS,
  serverFieldErrors,
  toCreateInput,
  validateFilm,
  type FilmErrors,
  type FilmField,
  type FilmFormValues,
} from './film-form';
import { PosterUpload } from './poster-upload';

const CERTIFICATES = ['U', 'PG', '12A', '15', '18', 'G', 'PG-13', 'R'];
const LANGUAGES = ['English', 'French', 'German', 'Spanish', 'Italian', 'Japanese', 'Korean', 'Hindi'];

interface NewFilmDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called once the film exists (and again when its poster is uploaded). */
  onSaved: (movie: Movie) => void;
}

export function NewFilmDialog({ open, onClose, onSaved }: NewFilmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [created, setCreated] = useState<Movie | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setCreated(null);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="drawer"
      aria-labelledby="new-film-title"
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="drawer__inner">
          <header className="drawer__header">
            <div>
              <p className="eyebrow">{created ? 'Step 2 of 2 · optional' : 'Step 1 of 2'}</p>
              <h2 id="new-film-title" className="drawer__title">
                {created ? 'Add a poster' : 'New film'}
              </h2>
            </div>
            <button type="button" className="btn btn--ghost btn--icon" onClick={onClose} aria-label="Close">
              <IconClose />
            </button>
          </header>
          {created ? (
            <div className="drawer__body">
              <div className="alert alert--success" role="status">
                <IconCheck />
                <span>
                  <strong>{created.title}</strong> is in the catalog. Add its poster now, or later from the film list.
                </span>
              </div>
              <PosterUpload
                movie={created}
                onUploaded={(movie) => {
                  onSaved(movie);
                  onClose();
                }}
                secondary={{ label: 'Skip for now', onClick: onClose }}
              />
            </div>
          ) : (
            <FilmDetailsForm
              onCancel={onClose}
              onCreated={(movie) => {
                setCreated(movie);
                onSaved(movie);
              }}
            />
          )}
        </div>
      ) : null}
    </dialog>
  );
}

function FilmDetailsForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (movie: Movie) => void }) {
  const [values, setValues] = useState<FilmFormValues>(EMPTY_FILM);
  const [errors, setErrors] = useState<FilmErrors>({});
  const [touched, setTouched] = useState<Partial<Record<FilmField, boolean>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  function update(field: FilmField, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    // Once a field has been left (or the form submitted), it re-validates as the user types.
    if (touched[field]) setErrors((current) => ({ ...current, [field]: validateFilm(next)[field] }));
  }

  function leave(field: FilmField) {
    setTouched((current) => ({ ...current, [field]: true }));
    setErrors((current) => ({ ...current, [field]: validateFilm(values)[field] }));
  }

  function focusFirstError(found: FilmErrors) {
    const first = (Object.keys(EMPTY_FILM) as FilmField[]).find((field) => found[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const found = validateFilm(values);
    setTouched(Object.fromEntries(Object.keys(EMPTY_FILM).map((field) => [field, true])));
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      onCreated(await call('movies.create', toCreateInput(values)));
    } catch (caught) {
      if (isClientError(caught, 'validation_failed')) {
        const mapped = serverFieldErrors(caught.fieldErrors);
        setErrors(mapped.errors);
        focusFirstError(mapped.errors);
        setFormError(mapped.other.length > 0 ? mapped.other.join(' ') : 'Some fields need attention.');
      } else {
        setFormError(errorMessage(caught, { forbidden: 'Only managers and admins may add films.' }));
      }
    } finally {
      setBusy(false);
    }
  }

  const field = (name: FilmField) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (value: string) => update(name, value),
    onBlur: () => leave(name),
  });

  return (
    <form ref={formRef} className="drawer__form" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <div className="drawer__body">
        {formError ? (
          <div className="alert" role="alert">
            <IconAlert />
            <span>{formError}</span>
          </div>
        ) : null}
        <TextField {...field('title')} label={FIELD_LABELS.title} required autoFocus maxLength={200} />
        <div className="form-row">
          <TextField
            {...field('durationMinutes')}
            label={FIELD_LABELS.durationMinutes}
            required
            inputMode="numeric"
            suffix="min"
            hint="Without trailers."
          />
          <TextField {...field('releaseDate')} label={FIELD_LABELS.releaseDate} type="date" />
        </div>
        <div className="form-row">
          <TextField
            {...field('certificate')}
            label={FIELD_LABELS.certificate}
            list="film-certificates"
            maxLength={10}
          />
          <TextField {...field('language')} label={FIELD_LABELS.language} list="film-languages" maxLength={40} />
        </div>
        <datalist id="film-certificates">
          {CERTIFICATES.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        <datalist id="film-languages">
          {LANGUAGES.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        <TextField {...field('genres')} label={FIELD_LABELS.genres} hint="Separate with commas: Drama, Thriller." />
        <TextField
          {...field('trailerUrl')}
          label={FIELD_LABELS.trailerUrl}
          type="url"
          inputMode="url"
          placeholder="https://"
        />
        <TextField {...field('description')} label={FIELD_LABELS.description} multiline maxLength={5000} />
      </div>
      <footer className="drawer__footer">
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create film'}
        </button>
      </footer>
    </form>
  );
}

interface TextFieldProps {
  name: FilmField;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
  required?: boolean;
  hint?: ReactNode;
  type?: 'text' | 'date' | 'url';
  inputMode?: 'numeric' | 'url';
  list?: string;
  maxLength?: number;
  placeholder?: string;
  suffix?: string;
  multiline?: boolean;
  autoFocus?: boolean;
}

function TextField({
  name,
  label,
  value,
  error,
  onChange,
  onBlur,
  required,
  hint,
  suffix,
  multiline,
  ...rest
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && !error ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    value,
    className: 'input',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': required || undefined,
    onBlur,
  };
  return (
    <div className="field" data-field={name}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required ? null : <span className="field__optional">optional</span>}
      </label>
      {multiline ? (
        <textarea {...common} maxLength={rest.maxLength} onChange={(event) => onChange(event.target.value)} rows={4} />
      ) : (
        <div className={suffix ? 'input-group' : undefined}>
          <input
            {...common}
            type={rest.type ?? 'text'}
            inputMode={rest.inputMode}
            list={rest.list}
            maxLength={rest.maxLength}
            placeholder={rest.placeholder}
            autoFocus={rest.autoFocus}
            autoComplete="off"
            onChange={(event) => onChange(event.target.value)}
          />
          {suffix ? (
            <span className="input-group__suffix" aria-hidden="true">
              {suffix}
            </span>
          ) : null}
        </div>
      )}
      {hint && !error ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <IconAlert />
          {error}
        </p>
      ) : null}
    </div>
  );
}
