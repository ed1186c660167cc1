/**
 * Pick a poster image, crop it to the poster's 2:3 by dragging and zooming (or with the keyboard), and
 * upload the crop: drawn on a canvas at most 1000 × 1500 and sent as JPEG under the server's 5 MiB. The
 * chosen file is checked here for type and size only to save a round trip; the server checks the bytes
 * themselves (a renamed file is refused there).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { POSTER_MAX_BYTES, POSTER_TYPES } from '../../../shared/contract/catalog';
import type { Movie } from '../../../shared/contract/index';
import { IconAlert, IconImage, IconUpload } from '../../components/icons';
import { Poster } from '../../components/poster';
import { call } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import '../../styles/poster-crop.css';
import {
  MAX_ZOOM,
  clampCrop,
  cropRect,
  imagePlacement,
  initialCrop,
  outputSize,
  pan,
  zoomBy,
  type Crop,
  type ImageSize,
} from './poster-crop';

/** A chosen file may be larger than the upload limit: it is cropped and re-encoded before upload. */
const SOURCE_MAX_BYTES = 40 * 1024 * 1024;
const FRAME_WIDTH = 200;
const JPEG_QUALITIES = [0.9, 0.82, 0.72, 0.6, 0.5];

/** The crop drawn on a canvas and encoded as JPEG, at the highest quality under the upload limit. */
export async function renderCrop(image: HTMLImageElement, crop: Crop): Promise<Blob> {
  const size = { width: image.naturalWidth, height: image.naturalHeight };
  const rect = cropRect(size, crop);
  const out = outputSize(rect);
  const canvas = document.createElement('canvas');
  canvas.width = out.width;
  canvas.height = out.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This screen cannot draw images.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, rect.x, rect.y, rect.width, rect.height, 0, 0, out.width, out.height);
  for (const quality of JPEG_QUALITIES) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (!blob) break;
    if (blob.size <= POSTER_MAX_BYTES) return blob;
  }
  throw new Error('The cropped poster could not be made small enough; choose a simpler image.');
}

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
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [crop, setCrop] = useState<Crop | null>(null);

  // An object URL holds the file in memory until revoked: the previous one when another file is
  // chosen, the last one when the form goes away.
  const previewRef = useRef<string | null>(null);
  function showPreview(next: File | null) {
    if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    previewRef.current = next ? URL.createObjectURL(next) : null;
    setPreview(previewRef.current);
    setFile(next);
    setImage(null);
    setCrop(null);
  }
  useEffect(
    () => () => {
      if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    },
    [],
  );

  // The chosen file decoded once, for its size (the crop) and for drawing the upload.
  useEffect(() => {
    if (!preview) return;
    let live = true;
    const decoded = new Image();
    decoded.src = preview;
    decoded
      .decode()
      .then(() => {
        if (!live) return;
        setImage(decoded);
        setCrop(initialCrop({ width: decoded.naturalWidth, height: decoded.naturalHeight }));
      })
      .catch(() => {
        if (!live) return;
        setError('That image could not be opened. Choose another PNG, JPEG or WebP file.');
        setFile(null);
      });
    return () => {
      live = false;
    };
  }, [preview]);

  function choose(chosen: File | undefined) {
    setError(null);
    if (!chosen) return;
    if (!isPosterType(chosen.type)) {
      showPreview(null);
      setError('Choose a PNG, JPEG or WebP image.');
      return;
    }
    if (chosen.size > SOURCE_MAX_BYTES) {
      showPreview(null);
      setError(`That image is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; choose one of at most 40 MB.`);
      return;
    }
    showPreview(chosen);
  }

  async function upload() {
    if (!file || !image || !crop) return;
    setBusy(true);
    setError(null);
    try {
      const blob = await renderCrop(image, crop);
      const data = await readAsBase64(blob);
      const updated = await call('movies.setPoster', { movieId: movie.id, contentType: 'image/jpeg', data });
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

  const size = image ? { width: image.naturalWidth, height: image.naturalHeight } : null;
  return (
    <div className={`poster-upload${preview ? ' poster-upload--cropping' : ''}`}>
      <div className="poster-upload__preview">
        {preview && size && crop ? (
          <PosterCropper src={preview} title={movie.title} size={size} crop={crop} onChange={setCrop} />
        ) : preview ? (
          <div className="poster-crop__frame poster-crop__frame--loading" aria-hidden="true" />
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
          <span className="poster-upload__drop-hint">
            {file ? 'Choose another image' : 'PNG, JPEG or WebP. You crop it to the poster’s 2:3 next.'}
          </span>
        </label>
        {size && crop ? <CropControls size={size} crop={crop} onChange={setCrop} /> : null}
        {error ? (
          <p className="field__error" id={errorId} role="alert">
            <IconAlert />
            {error}
          </p>
        ) : null}
        <div className="poster-upload__actions">
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => void upload()}
            disabled={!file || !crop || busy}
          >
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

const KEY_STEP = 12; // screen pixels per arrow press (48 with Shift)

/**
 * The 2:3 frame showing the crop. Drag the picture to move it, scroll to zoom; with the keyboard, the
 * frame takes arrows (move), + and − (zoom) and 0 (the whole picture again).
 */
function PosterCropper({
  src,
  title,
  size,
  crop,
  onChange,
}: {
  src: string;
  title: string;
  size: ImageSize;
  crop: Crop;
  onChange: (crop: Crop) => void;
}) {
  const drag = useRef<{ x: number; y: number; pointer: number } | null>(null);
  const hintId = useId();
  const placed = imagePlacement(size, crop, FRAME_WIDTH);
  const rect = cropRect(size, crop);

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, pointer: event.pointerId };
  }
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const start = drag.current;
    if (!start || start.pointer !== event.pointerId) return;
    onChange(pan(size, crop, event.clientX - start.x, event.clientY - start.y, FRAME_WIDTH));
    drag.current = { ...start, x: event.clientX, y: event.clientY };
  }
  function onPointerUp() {
    drag.current = null;
  }
  function onWheel(event: WheelEvent<HTMLDivElement>) {
    onChange(zoomBy(size, crop, event.deltaY < 0 ? 1.1 : 1 / 1.1));
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    let next: Crop | null = null;
    // Arrows move the crop window over the picture (the picture moves the other way on screen).
    if (move) next = pan(size, crop, move[0], move[1], FRAME_WIDTH);
    else if (event.key === '+' || event.key === '=') next = zoomBy(size, crop, 1.15);
    else if (event.key === '-' || event.key === '_') next = zoomBy(size, crop, 1 / 1.15);
    else if (event.key === '0') next = initialCrop(size);
    if (next) {
      event.preventDefault();
      onChange(next);
    }
  }

  return (
    <div className="poster-crop">
      <div
        className="poster-crop__frame"
        role="img"
        tabIndex={0}
        aria-label={`Poster crop for ${title}: ${Math.round(rect.width)} × ${Math.round(rect.height)} pixels of the image, zoom ${crop.zoom.toFixed(1)}×`}
        aria-describedby={hintId}
        aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown + - 0"
        data-testid="poster-crop"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
      >
        <img
          className="poster-crop__image"
          src={src}
          alt=""
          draggable={false}
          style={{
            width: placed.width,
            height: placed.height,
            transform: `translate(${placed.x}px, ${placed.y}px)`,
          }}
        />
        <span className="poster-crop__thirds" aria-hidden="true" />
      </div>
      <p id={hintId} className="poster-crop__hint">
        Drag or use the arrow keys to move; scroll or <kbd className="kbd">+</kbd> <kbd className="kbd">−</kbd> to zoom.
      </p>
    </div>
  );
}

function CropControls({ size, crop, onChange }: { size: ImageSize; crop: Crop; onChange: (crop: Crop) => void }) {
  const zoomId = useId();
  return (
    <div className="poster-crop__controls" role="group" aria-label="Crop">
      <label className="field__label" htmlFor={zoomId}>
        Zoom
      </label>
      <div className="poster-crop__zoom">
        <button
          type="button"
          className="btn btn--small btn--ghost btn--icon"
          aria-label="Zoom out"
          disabled={crop.zoom <= 1}
          onClick={() => onChange(zoomBy(size, crop, 1 / 1.15))}
        >
          −
        </button>
        <input
          id={zoomId}
          type="range"
          min={1}
          max={MAX_ZOOM}
          step={0.05}
          value={crop.zoom}
          aria-valuetext={`${crop.zoom.toFixed(1)} times`}
          onChange={(event) => onChange(clampCrop(size, { ...crop, zoom: Number(event.target.value) }))}
        />
        <button
          type="button"
          className="btn btn--small btn--ghost btn--icon"
          aria-label="Zoom in"
          disabled={crop.zoom >= MAX_ZOOM}
          onClick={() => onChange(zoomBy(size, crop, 1.15))}
        >
          +
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => onChange(initialCrop(size))}>
          Reset
        </button>
      </div>
      <p className="poster-crop__facts num">
        Poster 2:3 · uploaded as JPEG, {outputSize(cropRect(size, crop)).width} ×{' '}
        {outputSize(cropRect(size, crop)).height} px
      </p>
    </div>
  );
}
