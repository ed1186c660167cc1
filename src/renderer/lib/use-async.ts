/**
 * Loads data for a screen: the latest request wins (a slow answer for yesterday never overwrites today's),
 * and `reload` asks again without flashing the old data away.
 *
 * The request is identified by its dependencies (plus a reload counter), serialised to a key. A result
 * belongs to the key it was asked for; while the current key has no result yet the state is "loading"
 * and the last known data stays visible. Dependencies must therefore be JSON values (ids, dates, text).
 */
import { useCallback, useEffect, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: unknown };

type Result<T> = { key: string; ok: true; data: T } | { key: string; ok: false; error: unknown };

export function useAsync<T>(
  load: () => Promise<T>,
  deps: readonly (string | number | boolean | null | undefined)[],
): AsyncState<T> & { reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<Result<T> | null>(null);
  const [lastData, setLastData] = useState<T | null>(null);
  const key = JSON.stringify([...deps, attempt]);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => {
        if (!current) return;
        setResult({ key, ok: true, data });
        setLastData(data);
      },
      (error: unknown) => {
        if (current) setResult({ key, ok: false, error });
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new function every render; the key says when the request really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const reload = useCallback(() => setAttempt((value) => value + 1), []);

  if (result?.key === key) {
    return result.ok
      ? { status: 'ready', data: result.data, error: null, reload }
      : { status: 'error', data: lastData, error: result.error, reload };
  }
  return { status: 'loading', data: lastData, error: null, reload };
}

/** The current time, refreshed every `intervalMs` (aligned to the next whole interval). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: number;
    const tick = () => {
      setNow(Date.now());
      timer = window.setTimeout(tick, intervalMs - (Date.now() % intervalMs));
    };
    timer = window.setTimeout(tick, intervalMs - (Date.now() % intervalMs));
    return () => window.clearTimeout(timer);
  }, [intervalMs]);
  return now;
}
