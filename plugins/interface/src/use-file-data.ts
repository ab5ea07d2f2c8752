import { useEffect, useState } from 'react';
import type { FileDataOptions } from './bridge-types.js';
import { type DataState, toError } from './data-state.js';
import { getFigurlBridge } from './figurl-bridge.js';

export interface UseFileDataOptions<T> extends Omit<FileDataOptions, 'timeoutMs'> {
  /** A stable function validating the content; what it throws becomes the error state. */
  parse?: (data: unknown) => T;
}

/**
 * The content of a URI as React state, with the shell's download progress while it loads.
 *
 * @example
 * const traces = useFileData('sha1://…', { responseType: 'binary', startByte: 0, endByte: 4096 });
 * if (traces.status === 'loading') return <Progress value={traces.progress} />;
 */
export function useFileData<T = unknown>(uri: string, options: UseFileDataOptions<T> = {}): DataState<T> {
  const { responseType, startByte, endByte, parse } = options;
  const [state, setState] = useState<DataState<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    const bridge = getFigurlBridge();
    const off = bridge.onFileDownloadProgress((progress) => {
      if (current && progress.uri === uri) {
        setState((prev) => (prev.status === 'loading' ? { status: 'loading', progress } : prev));
      }
    });
    bridge
      .getFileData(uri, { responseType, startByte, endByte })
      .then((data) => {
        const value = parse === undefined ? (data as T) : parse(data);
        if (current) setState({ status: 'ready', data: value });
      })
      .catch((err: unknown) => {
        if (current) setState({ status: 'error', error: toError(err) });
      })
      .finally(off);
    return () => {
      current = false;
      off();
    };
  }, [uri, responseType, startByte, endByte, parse]);
  return state;
}
