/**
 * The theaters an admin page may work on: every theater for an admin, only their own for a manager.
 * The choice is remembered on the device (the same key the counter uses).
 */
import { useState } from 'react';
import type { Theater } from '../../../shared/contract/index';
import { call } from '../../lib/client';
import { pickTheater, rememberTheater } from '../../lib/data';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';

export function visibleTheaters(theaters: readonly Theater[], me: Me): Theater[] {
  return me.role === 'admin' ? [...theaters] : theaters.filter((theater) => me.theaterIds.includes(theater.id));
}

export function useTheaterScope(me: Me) {
  const list = useAsync(() => call('theaters.list', {}).then((page) => visibleTheaters(page.items, me)), [me.id]);
  const [theaterId, setTheaterId] = useState<number | null>(null);
  const theaters = list.data ?? [];
  const theater =
    theaters.find((item) => item.id === theaterId) ??
    (theaters.length > 0 ? pickTheater(theaters, me.theaterIds) : null);
  return {
    list,
    theaters,
    theater,
    choose(id: number) {
      rememberTheater(id);
      setTheaterId(id);
    },
  };
}

export function TheaterPicker({ scope }: { scope: ReturnType<typeof useTheaterScope> }) {
  if (scope.theaters.length <= 1) {
    return scope.theater ? <span className="theater-name">{scope.theater.name}</span> : null;
  }
  return (
    <label className="field field--inline">
      <span className="field__label">Theater</span>
      <select
        className="input select"
        value={scope.theater?.id ?? ''}
        onChange={(event) => scope.choose(Number(event.target.value))}
      >
        {scope.theaters.map((theater) => (
          <option key={theater.id} value={theater.id}>
            {theater.name}
          </option>
        ))}
      </select>
    </label>
  );
}
