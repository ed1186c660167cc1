/**
 * Pick a poster image, see it, upload it. The file is checked here for type and size only to save a
 * round trip; the server checks the bytes themselves (a renamed file is refused there).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { POSTER_MAX_BYTES, POSTER_TYPES } from '../../../shared/contract/catalog';
import type { Movie } from '../../../shared/contract/index';
import { IconAlert, IconImage, IconUpload } from '../../components/icons';
import { Poster } from '../../components/poster';
import { call } from '../../lib/client';
import { errorMessage } from '../../lib/errors';

type PosterType = (typeof POSTER_TYPES)[number];

function isPosterType(type: string): type is PosterType {
  return (POSTER_TYPES as readonly string[]).includes(type);
}

/** The file's bytes as base64, without the data-URL prefix. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

interface PosterUploadProps {
  movie: Movie;
  /** Called with the film as the server answers it after a successful upload. */
  onUploaded: (movie: Movie) => void;
  /** The secondary action beside "Upload poster" (Skip, Cancel, ...). */
  secondary: { label: string; onClick: () => void };
}

export function PosterUpload({ movie, onUploaded, secondary }: PosterUploadProps) {
  const inputId = useId();
  const errorId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // An object URL holds the file in memory until revoked: the previous one when another file is
  // chosen, the last one when the form goes away.
  const previewRef = useRef<string | null>(null);
  function showPreview(next: File | null) {
    if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    previewRef.current = next ? URL.createObjectURL(next) : null;
    setPreview(previewRef.current);
    setFile(next);
  }
  useEffect(
    () => () => {
      if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    },
    [],
  );

  function choose(chosen: File | undefined) {
    setError(null);
    if (!chosen) return;
    if (!isPosterType(chosen.type)) {
      showPreview(null);
      setError('Choose a PNG, JPEG or WebP image.');
      return;
    }
    if (chosen.size > POSTER_MAX_BYTES) {
      showPreview(null);
      setError(`That image is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; a poster may be at most 5 MB.`);
      return;
    }
    showPreview(chosen);
  }

  async function upload() {
    if (!file || !isPosterType(file.type)) return;
    setBusy(true);
    setError(null);
    try {
      const data = await readAsBase64(file);
      const updated = await call('movies.setPoster', { movieId: movie.id, contentType: file.type, data });
      onUploaded(updated);
    } catch (caught) {
      setError(
        errorMessage(caught, {
          validation_failed: 'The server did not accept this image. Check that it really is a PNG, JPEG or WebP file.',
          payload_too_large: 'That image is too large; a poster may be at most 5 MB.',
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="poster-upload">
      <div className="poster-upload__preview">
        {preview ? (
          <div className="poster">
            <img className="poster__image" src={preview} alt={`Poster preview for ${movie.title}`} />
          </div>
        ) : (
          <Poster title={movie.title} posterUrl={movie.posterUrl} eyebrow={movie.genres[0] ?? null} />
        )}
      </div>
      <div className="poster-upload__controls">
        <input
          id={inputId}
          className="visually-hidden poster-upload__input"
          type="file"
          accept={POSTER_TYPES.join(',')}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => choose(event.target.files?.[0])}
        />
        <label className="poster-upload__drop" htmlFor={inputId}>
          <IconImage />
          <span className="poster-upload__drop-title">{file ? file.name : 'Choose an image'}</span>
          <span className="poster-upload__drop-hint">PNG, JPEG or WebP, at most 5 MB. Portrait 2:3 looks best.</span>
        </label>
        {error ? (
          <p className="field__error" id={errorId} role="alert">
            <IconAlert />
            {error}
          </p>
        ) : null}
        <div className="poster-upload__actions">
          <button type="button" className="btn btn--primary" onClick={() => void upload()} disabled={!file || busy}>
            <IconUpload />
            {busy ? 'Uploading…' : 'Upload poster'}
          </button>
          <button type="button" className="btn btn--ghost" onClick={secondary.onClick} disabled={busy}>
            {secondary.label}
          </button>
        </div>
      </div>
    </div>
  );
}
