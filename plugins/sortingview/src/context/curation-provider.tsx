import {
  curationService,
  getFigurlBridge,
  onMessageToFrontend,
  postMessageToParent,
  storeFile,
  storeGithubFile,
  useSignedIn,
  useUrlState,
} from '@figurl/plugin-interface';
import {
  defaultLabelChoices,
  parseCuration,
  reduceCuration,
  type SortingCuration,
  type SortingCurationAction,
  savedCurationJson,
} from '@figurl/sdk/curation';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { parseZoneCurationUri, zoneCurationUri } from '../data/zone-curation.js';
import { CurationContext, type CurationContextValue } from './curation.js';

/** Where the curation lives, which decides how it is saved. */
export type CurationSource =
  | { kind: 'local' }
  /** A file (sha1:// snapshot, gh:// file, …): saved explicitly, dirty until then. */
  | { kind: 'uri'; uri: string }
  /** A zone curation document: every action is sent as it happens, others' actions arrive live. */
  | { kind: 'zone'; curationId: string; version: number };

export interface HistoryEntry {
  seq: number;
  author: string;
  timestamp: number;
  action: SortingCurationAction;
}

export interface CurationPanelState {
  source: CurationSource;
  status: 'loading' | 'ready';
  /** Shown under the controls: fallbacks taken, save results, errors. */
  message: { kind: 'info' | 'error'; text: string } | undefined;
  dirty: boolean;
  saving: boolean;
  history: readonly HistoryEntry[];
  signedIn: boolean;
  userId: string | undefined;
  saveSnapshot(): Promise<void>;
  saveToZone(): Promise<void>;
  saveToGithub(uri: string): Promise<void>;
  submitToParent(): Promise<void>;
  exportJson(): string;
  setLabelChoices(choices: readonly string[] | undefined): void;
}

const CurationPanelContext = createContext<CurationPanelState | undefined>(undefined);

/** The curation's save state and commands, for the SortingCuration2 control. */
export function useCurationPanel(): CurationPanelState | undefined {
  return useContext(CurationPanelContext);
}

interface State {
  curation: SortingCuration;
  source: CurationSource;
  /** Actions sent to the zone and not yet acknowledged: re-applied over each state it reports. */
  pending: readonly SortingCurationAction[];
  savedJson: string | undefined;
  history: readonly HistoryEntry[];
}

type Action =
  | { type: 'loaded'; curation: SortingCuration; source: CurationSource; saved: boolean }
  | { type: 'act'; action: SortingCurationAction; pending: boolean }
  | {
      type: 'zoneState';
      curationId: string;
      version: number;
      state: SortingCuration;
      acknowledged: number;
      history?: readonly HistoryEntry[];
    }
  | { type: 'saved'; source: CurationSource; json: string };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'loaded':
      return {
        curation: action.curation,
        source: action.source,
        pending: [],
        savedJson: action.saved ? savedCurationJson(action.curation) : undefined,
        history: [],
      };
    case 'act': {
      const curation = reduceCuration(state.curation, action.action);
      if (curation === state.curation && !action.pending) return state;
      return { ...state, curation, pending: action.pending ? [...state.pending, action.action] : state.pending };
    }
    case 'zoneState': {
      const source = state.source;
      if (source.kind !== 'zone' || source.curationId !== action.curationId) return state;
      const pending = state.pending.slice(action.acknowledged);
      const history = action.history === undefined ? state.history : mergeHistory(state.history, action.history);
      if (action.version < source.version) return { ...state, pending, history };
      // The zone's state at its latest version, with what this page sent and the zone has not
      // yet answered on top: both pages end at the zone's state once all is acknowledged.
      const curation = pending.reduce(reduceCuration, action.state);
      return { ...state, curation, pending, history, source: { ...source, version: action.version } };
    }
    case 'saved':
      return { ...state, source: action.source, savedJson: action.json };
  }
}

function mergeHistory(a: readonly HistoryEntry[], b: readonly HistoryEntry[]): HistoryEntry[] {
  const bySeq = new Map(a.map((entry) => [entry.seq, entry]));
  for (const entry of b) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq).slice(-200);
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Holds the figure's curation (sortingview's SetupSortingCuration + SaveControl): loads it from
 * `s.sortingCuration` (a file URI or `curation://<id>`, a zone document), falling back to
 * `s.initialSortingCuration`; applies actions with the sdk's reducer; saves as a `sha1://`
 * snapshot, to a live zone document or to a `gh://` file, and sets `s.sortingCuration` to where
 * it went. An embedding page may push a curation (`messageToFrontend {type:'SET_CURATION'}`).
 */
export function CurationProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [urlState, setUrlState] = useUrlState();
  const { signedIn, userId } = useSignedIn();
  const [state, dispatch] = useReducer(reducer, {
    curation: {},
    source: { kind: 'local' },
    pending: [],
    savedJson: undefined,
    history: [],
  });
  const [status, setStatus] = useState<'loading' | 'ready'>('loading');
  const [message, setMessage] = useState<CurationPanelState['message']>(undefined);
  const [saving, setSaving] = useState(false);
  const [viewLabelChoices, setViewLabelChoices] = useState<readonly string[] | undefined>(undefined);
  const sendQueue = useRef<Promise<void>>(Promise.resolve());

  const primary = typeof urlState.sortingCuration === 'string' ? urlState.sortingCuration : undefined;
  const fallback = typeof urlState.initialSortingCuration === 'string' ? urlState.initialSortingCuration : undefined;
  const active = enabled || primary !== undefined || fallback !== undefined;

  // Load when the primary (or fallback) URI changes, unless it names what this page just saved.
  const holdsRef = useRef<(uri: string) => boolean>(() => false);
  holdsRef.current = (uri) =>
    (state.source.kind === 'uri' && state.source.uri === uri) ||
    (state.source.kind === 'zone' && zoneCurationUri(state.source.curationId) === uri);
  useEffect(() => {
    if (!active) return;
    if (primary !== undefined && holdsRef.current(primary)) return;
    let current = true;
    const attempt = async (uri: string): Promise<{ curation: SortingCuration; source: CurationSource }> => {
      const curationId = parseZoneCurationUri(uri);
      if (curationId !== undefined) {
        const doc = await curationService.get(curationId);
        return { curation: doc.state, source: { kind: 'zone', curationId, version: doc.version } };
      }
      const data = await getFigurlBridge().getFileData(uri, { responseType: 'json' });
      return { curation: parseCuration(data), source: { kind: 'uri', uri } };
    };
    const load = async () => {
      if (primary !== undefined) {
        try {
          const loaded = await attempt(primary);
          if (current) dispatch({ type: 'loaded', ...loaded, saved: true });
          return;
        } catch (err) {
          if (!current) return;
          if (fallback === undefined) {
            setMessage({ kind: 'error', text: `Unable to load ${primary}: ${errorText(err)}` });
            dispatch({ type: 'loaded', curation: {}, source: { kind: 'uri', uri: primary }, saved: false });
            return;
          }
          setMessage({ kind: 'info', text: `Unable to load primary URI (${primary}), using fallback (${fallback})` });
        }
      }
      if (fallback === undefined) return;
      try {
        const loaded = await attempt(fallback);
        // The fallback is where the curation starts; it is saved to the primary URI.
        if (current) {
          dispatch({
            type: 'loaded',
            curation: loaded.curation,
            source: primary === undefined ? loaded.source : { kind: 'uri', uri: primary },
            saved: primary === undefined,
          });
        }
      } catch (err) {
        if (current) setMessage({ kind: 'error', text: `Unable to load ${fallback}: ${errorText(err)}` });
      }
    };
    load().finally(() => current && setStatus('ready'));
    return () => {
      current = false;
    };
  }, [active, primary, fallback]);

  // A zone document: watch it, so other people's actions appear within a second.
  const zoneId = state.source.kind === 'zone' ? state.source.curationId : undefined;
  const zoneVersion = state.source.kind === 'zone' ? state.source.version : 0;
  const versionRef = useRef(zoneVersion);
  versionRef.current = zoneVersion;
  useEffect(() => {
    if (zoneId === undefined) return;
    let stopped = false;
    const loop = async () => {
      let failures = 0;
      while (!stopped) {
        try {
          const update = await curationService.watch(zoneId, versionRef.current, {
            waitSeconds: 20,
            timeoutMs: 40_000,
          });
          failures = 0;
          if (stopped) return;
          dispatch({
            type: 'zoneState',
            curationId: zoneId,
            version: update.version,
            state: update.state,
            acknowledged: 0,
            history: update.actions,
          });
          if (update.version > versionRef.current) versionRef.current = update.version;
        } catch (err) {
          failures++;
          if (!stopped && failures === 3)
            setMessage({
              kind: 'error',
              text: `Lost the live connection to the curation: ${errorText(err)}; retrying`,
            });
          await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** failures)));
        }
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }, [zoneId]);

  const act = useCallback(
    (action: SortingCurationAction) => {
      if (zoneId === undefined) {
        dispatch({ type: 'act', action, pending: false });
        return;
      }
      dispatch({ type: 'act', action, pending: true });
      // Sent one at a time, in order; each answer carries the zone's state after it.
      sendQueue.current = sendQueue.current.then(async () => {
        try {
          const result = await curationService.act(zoneId, [action]);
          dispatch({
            type: 'zoneState',
            curationId: zoneId,
            version: result.version,
            state: result.state,
            acknowledged: 1,
          });
        } catch (err) {
          setMessage({ kind: 'error', text: `The zone refused ${action.type}: ${errorText(err)}` });
          const doc = await curationService.get(zoneId).catch(() => undefined);
          if (doc !== undefined)
            dispatch({
              type: 'zoneState',
              curationId: zoneId,
              version: doc.version,
              state: doc.state,
              acknowledged: 1,
            });
        }
      });
    },
    [zoneId],
  );

  // An embedding page may push a curation (sortingview 2025 embed hooks).
  useEffect(() => {
    if (!active) return;
    return onMessageToFrontend((message) => {
      const m = message as { type?: unknown; curation?: unknown } | null;
      if (m === null || typeof m !== 'object' || m.type !== 'SET_CURATION') return;
      try {
        act({ type: 'SET_CURATION', curation: parseCuration(m.curation) });
      } catch (err) {
        setMessage({ kind: 'error', text: `Ignored a SET_CURATION from the embedding page: ${errorText(err)}` });
      }
    });
  }, [active, act]);

  const json = useMemo(() => savedCurationJson(state.curation), [state.curation]);
  const dirty = state.source.kind === 'zone' ? state.pending.length > 0 : json !== state.savedJson;

  const run = useCallback(async (what: string, work: () => Promise<string>) => {
    setSaving(true);
    try {
      setMessage({ kind: 'info', text: await work() });
    } catch (err) {
      setMessage({ kind: 'error', text: `${what} failed: ${errorText(err)}` });
    } finally {
      setSaving(false);
    }
  }, []);

  const setPrimary = useCallback(
    (uri: string) => setUrlState((previous) => ({ ...previous, sortingCuration: uri })),
    [setUrlState],
  );

  const panel: CurationPanelState = {
    source: state.source,
    status,
    message,
    dirty,
    saving,
    history: state.history,
    signedIn,
    userId,
    saveSnapshot: () =>
      run('Saving a snapshot', async () => {
        const uri = await storeFile(json);
        if (uri === undefined) throw new Error('storing was declined');
        dispatch({ type: 'saved', source: { kind: 'uri', uri }, json });
        setPrimary(uri);
        return `Saved as ${uri}`;
      }),
    saveToZone: () =>
      run('Saving to the zone', async () => {
        const doc = await curationService.create({ initial: JSON.parse(json) as SortingCuration });
        const uri = zoneCurationUri(doc.curationId);
        dispatch({
          type: 'loaded',
          curation: doc.state,
          source: { kind: 'zone', curationId: doc.curationId, version: doc.version },
          saved: true,
        });
        setPrimary(uri);
        return `Live in the zone as ${uri}: everyone with this link sees each edit as it happens`;
      }),
    saveToGithub: (uri: string) =>
      run('Saving to GitHub', async () => {
        await storeGithubFile(uri, json);
        dispatch({ type: 'saved', source: { kind: 'uri', uri }, json });
        setPrimary(uri);
        return `Committed to ${uri}`;
      }),
    submitToParent: () =>
      run('Submitting', async () => {
        await postMessageToParent({ type: 'submit-curation', curation: JSON.parse(json) });
        return 'Submitted to the embedding page';
      }),
    exportJson: () => json,
    setLabelChoices: setViewLabelChoices,
  };

  const labelChoices = useMemo(() => {
    const inUse = Object.values(state.curation.labelsByUnit ?? {}).flat();
    return [...new Set([...(viewLabelChoices ?? state.curation.labelChoices ?? defaultLabelChoices), ...inUse])];
  }, [viewLabelChoices, state.curation]);

  const value = useMemo<CurationContextValue>(
    () => ({ curation: state.curation, dispatch: act, labelChoices, canEdit: status === 'ready' }),
    [state.curation, act, labelChoices, status],
  );
  if (!active) return <>{children}</>;
  return (
    <CurationContext.Provider value={value}>
      <CurationPanelContext.Provider value={panel}>{children}</CurationPanelContext.Provider>
    </CurationContext.Provider>
  );
}
