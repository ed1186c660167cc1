/**
 * The camera option: frames from getUserMedia are drawn to a canvas and decoded with jsQR in the renderer
 * (no network, no native code). A code is reported once; the same code again only after a pause, so a
 * ticket held in front of the camera is not scanned over and over.
 */
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';

const FRAME_GAP_MS = 120;
const SAME_CODE_PAUSE_MS = 3000;

export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(() =>
    navigator.mediaDevices ? null : 'This browser gives no camera access here; use the scanner.',
  );
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let last = { code: '', at: 0 };

    const tick = () => {
      if (stopped) return;
      const video = videoRef.current;
      if (video && context && video.readyState >= video.HAVE_ENOUGH_DATA && video.videoWidth > 0) {
        // Decode a downscaled frame: QR codes on tickets are large, and small frames decode fast.
        const scale = Math.min(1, 640 / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        const now = Date.now();
        if (found?.data && (found.data !== last.code || now - last.at > SAME_CODE_PAUSE_MS)) {
          last = { code: found.data, at: now };
          onCodeRef.current(found.data);
        }
      }
      timer = window.setTimeout(tick, FRAME_GAP_MS);
    };

    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        if (stopped) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = media;
        const video = videoRef.current;
        if (video) {
          video.srcObject = media;
          await video.play().catch(() => undefined);
        }
        tick();
      })
      .catch(() => setError('The camera is not available: allow it in the browser, or use the scanner.'));

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div className="door-camera">
      {error ? (
        <p className="door-camera__error" role="alert">
          {error}
        </p>
      ) : (
        <video ref={videoRef} className="door-camera__video" muted playsInline aria-label="Camera view for QR codes" />
      )}
    </div>
  );
}
