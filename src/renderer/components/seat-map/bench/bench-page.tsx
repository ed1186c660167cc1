/**
 * The seat map alone on a page, for `tests/bench/seat-map-bench.ts`: it mounts the map for the data the
 * benchmark put on `window.__seatMapBench`, and times a full render and each click to the next frame.
 * Built only by the benchmark (never part of the app).
 */
import { useCallback, useLayoutEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import '@fontsource-variable/inter';
import '../../../styles/tokens.css';
import '../../../styles/base.css';
import { SeatMap } from '../seat-map';
import type { SeatMapData } from '../seat-map-model';

interface BenchWindow {
  __seatMapBench: {
    data: SeatMapData;
    renders: number[];
    clicks: number[];
    render: () => Promise<number>;
  };
}

const bench = (window as unknown as BenchWindow).__seatMapBench;
let pointerAt = 0;
window.addEventListener('pointerdown', (event) => (pointerAt = event.timeStamp), { capture: true });

/** Resolves after the next frame was produced (a task queued from requestAnimationFrame runs after paint). */
function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
}

function Harness({ data }: { data: SeatMapData }) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [changes, setChanges] = useState(0);
  const onChange = useCallback((ids: number[], select: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (select) next.add(id);
        else next.delete(id);
      }
      return next;
    });
    setChanges((value) => value + 1);
  }, []);
  useLayoutEffect(() => {
    if (changes === 0) return;
    const started = pointerAt;
    void afterNextPaint().then((done) => bench.clicks.push(done - started));
  }, [changes]);
  return (
    <div style={{ width: 900, height: 640 }}>
      <SeatMap data={data} selected={selected} onChange={onChange} density="compact" label="Benchmark" dragSelect />
    </div>
  );
}

let root: Root | null = null;
bench.render = async () => {
  root?.unmount();
  const container = document.getElementById('root');
  if (!container) throw new Error('no #root');
  root = createRoot(container);
  const started = performance.now();
  flushSync(() => root?.render(<Harness data={bench.data} />));
  (bench as unknown as { commits: number[] }).commits.push(performance.now() - started);
  const done = await afterNextPaint();
  bench.renders.push(done - started);
  return done - started;
};
