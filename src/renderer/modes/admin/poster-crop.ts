/**
 * Cropping a poster to 2:3: the crop is a rectangle of the image's own pixels, the largest 2:3 one that
 * fits at zoom 1 and smaller as the zoom grows, kept inside the image whatever the pan. Pure functions,
 * so the dialog's rules are easy to test; the canvas work is in `renderCrop`.
 */
export const POSTER_RATIO = 2 / 3;
/** The longest side of an uploaded poster: larger crops are scaled down to this. */
export const POSTER_OUTPUT_WIDTH = 1000;
export const MAX_ZOOM = 4;

export interface ImageSize {
  width: number;
  height: number;
}

/** The crop: its centre in image pixels and the zoom (1 = the largest 2:3 rectangle that fits). */
export interface Crop {
  cx: number;
  cy: number;
  zoom: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The whole image's largest 2:3 rectangle, centred. */
export function initialCrop(image: ImageSize): Crop {
  return { cx: image.width / 2, cy: image.height / 2, zoom: 1 };
}

export function cropRect(image: ImageSize, crop: Crop): Rect {
  const fitWidth = Math.min(image.width, image.height * POSTER_RATIO);
  const width = fitWidth / crop.zoom;
  const height = width / POSTER_RATIO;
  const x = Math.min(Math.max(crop.cx - width / 2, 0), image.width - width);
  const y = Math.min(Math.max(crop.cy - height / 2, 0), image.height - height);
  return { x, y, width, height };
}

/** The crop with its zoom in range and its centre moved so the rectangle stays inside the image. */
export function clampCrop(image: ImageSize, crop: Crop): Crop {
  const zoom = Math.min(Math.max(crop.zoom, 1), MAX_ZOOM);
  const rect = cropRect(image, { ...crop, zoom });
  return { zoom, cx: rect.x + rect.width / 2, cy: rect.y + rect.height / 2 };
}

/**
 * Dragging the picture by (dx, dy) screen pixels in a frame `frameWidth` wide moves the crop the other
 * way, by the same distance in image pixels.
 */
export function pan(image: ImageSize, crop: Crop, dx: number, dy: number, frameWidth: number): Crop {
  const scale = cropRect(image, crop).width / frameWidth;
  return clampCrop(image, { ...crop, cx: crop.cx - dx * scale, cy: crop.cy - dy * scale });
}

export function zoomBy(image: ImageSize, crop: Crop, factor: number): Crop {
  return clampCrop(image, { ...crop, zoom: crop.zoom * factor });
}

/** The uploaded poster's size: the crop's own pixels, scaled down to at most POSTER_OUTPUT_WIDTH wide. */
export function outputSize(rect: Rect): ImageSize {
  const width = Math.max(2, Math.min(POSTER_OUTPUT_WIDTH, Math.round(rect.width / 2) * 2));
  return { width, height: Math.round(width / POSTER_RATIO) };
}

/** Where the image sits in a frame `frameWidth` wide showing the crop: for the preview's transform. */
export function imagePlacement(image: ImageSize, crop: Crop, frameWidth: number) {
  const rect = cropRect(image, crop);
  const scale = frameWidth / rect.width;
  return { scale, x: -rect.x * scale, y: -rect.y * scale, width: image.width * scale, height: image.height * scale };
}
