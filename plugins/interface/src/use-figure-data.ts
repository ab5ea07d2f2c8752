import { useEffect, useState } from 'react';
import { type DataState, toError } from './data-state.js';
import { getFigurlBridge } from './figurl-bridge.js';

/**
 * The figure's data as React state. `parse` (a stable, module-level function) validates it:
 * whatever it throws becomes the error state, so the view only ever sees valid data.
 *
 * @example
 * const state = useFigureData(parseVegaLiteData);
 * if (state.status === 'loading') return <Loading />;
 */
export function useFigureData<T = unknown>(parse?: (data: unknown) => T): DataState<T> {
  const [state, setState] = useState<DataState<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    getFigurlBridge()
      .getFigureData()
      .then((data) => {
        const value = parse === undefined ? (data as T) : parse(data);
        if (current) setState({ status: 'ready', data: value });
      })
      .catch((err: unknown) => {
        if (current) setState({ status: 'error', error: toError(err) });
      });
    return () => {
      current = false;
    };
  }, [parse]);
  return state;
}
