import { useEffect, useMemo, useState } from 'react';
import { useCuration } from '../../context/curation.js';
import { useCurationPanel } from '../../context/curation-provider.js';
import { useUnitSelection } from '../../context/unit-selection.js';
import { defineView, type ViewProps } from '../view-definition.js';
import { selectedUnitIdList } from './selected-unit-ids.js';

export interface SortingCurationData {
  labelChoices: string[] | undefined;
}

export function parseSortingCuration2(raw: unknown): SortingCurationData {
  const data = (raw ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object' || Array.isArray(data))
    throw new Error('invalid SortingCuration2 data: expected an object');
  const choices = data.labelChoices;
  if (choices === undefined || choices === null) return { labelChoices: undefined };
  if (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string' && c !== '')) {
    throw new Error(`invalid labelChoices ${JSON.stringify(choices).slice(0, 80)}: expected a list of label names`);
  }
  return { labelChoices: choices };
}

/** "a, b, c" or "a, b, … (12 units)". */
function abbreviate(ids: readonly unknown[], max = 8): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')}, … (${ids.length} units)`;
}

/** A `gh://owner/repo/branch/path…/file.json` URI (at least 6 `/`-separated segments). */
export function isGithubUri(uri: string): boolean {
  return (
    uri.startsWith('gh://') && uri.split('/').length >= 6 && uri.split('/').every((part, i) => i < 2 || part !== '')
  );
}

/** `file.json` → `file_<user>.json` ("Append user ID"). */
export function appendUserId(uri: string, userId: string): string {
  const slash = uri.lastIndexOf('/');
  const name = uri.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  return `${uri.slice(0, slash + 1)}${stem}_${userId}${ext}`;
}

function TriStateCheckbox({
  state,
  disabled,
  label,
  shortcut,
  onClick,
}: {
  state: 'checked' | 'unchecked' | 'indeterminate';
  disabled: boolean;
  label: string;
  shortcut: string | undefined;
  onClick(): void;
}) {
  return (
    <label className="sv-label-choice" title={shortcut === undefined ? undefined : `Shift+${shortcut}`}>
      <input
        type="checkbox"
        disabled={disabled}
        checked={state === 'checked'}
        ref={(element) => {
          if (element !== null) element.indeterminate = state === 'indeterminate';
        }}
        onChange={onClick}
      />{' '}
      {label}
      {shortcut !== undefined && <kbd>{shortcut}</kbd>}
    </label>
  );
}

function SavePanel() {
  const panel = useCurationPanel();
  const [githubUri, setGithubUri] = useState('');
  const [appendUser, setAppendUser] = useState(false);
  const [showJson, setShowJson] = useState(false);
  if (panel === undefined) return null;
  const { source, dirty, saving, signedIn, userId } = panel;
  const currentUri =
    source.kind === 'uri' ? source.uri : source.kind === 'zone' ? `curation://${source.curationId}` : undefined;
  const targetUri =
    appendUser && userId !== undefined && isGithubUri(githubUri) ? appendUserId(githubUri, userId) : githubUri;
  const ghLink =
    currentUri?.startsWith('gh://') === true
      ? (() => {
          const [owner, repo, branch, ...path] = currentUri.slice(5).split('/');
          return `https://github.com/${owner}/${repo}/blob/${branch}/${path.join('/')}`;
        })()
      : undefined;
  const download = () => {
    const url = URL.createObjectURL(new Blob([panel.exportJson()], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'sorting-curation.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="sv-save-panel">
      <div className="sv-save-status">
        {source.kind === 'zone' ? (
          <span>
            Live: <code>{currentUri}</code> (v{source.version}){dirty ? ' · sending…' : ' · saved'}
          </span>
        ) : currentUri !== undefined ? (
          <span>
            URI:{' '}
            {ghLink === undefined ? (
              <code>{currentUri}</code>
            ) : (
              <a href={ghLink} target="_blank" rel="noreferrer">
                {currentUri}
              </a>
            )}
            {dirty ? ' · unsaved changes' : ''}
          </span>
        ) : (
          <span>Not saved yet{dirty ? ' · unsaved changes' : ''}</span>
        )}
      </div>
      {!signedIn && (
        <div className="sv-hint">You are not signed in (actions in a zone document are recorded as anonymous).</div>
      )}
      <div className="sv-buttons">
        <button type="button" disabled={saving || source.kind === 'zone'} onClick={() => void panel.saveToZone()}>
          Save to zone (live)
        </button>
        <button
          type="button"
          disabled={saving || (!dirty && source.kind === 'uri' && source.uri.startsWith('sha1://'))}
          onClick={() => void panel.saveSnapshot()}
        >
          Save as snapshot (sha1://)
        </button>
        {currentUri?.startsWith('gh://') === true && (
          <button type="button" disabled={saving || !dirty} onClick={() => void panel.saveToGithub(currentUri)}>
            Save to GitHub
          </button>
        )}
      </div>
      <div className="sv-gh-save">
        <input
          type="text"
          placeholder="gh://user/repo/branch/folder/file.json"
          value={githubUri}
          onChange={(event) => setGithubUri(event.target.value.trim())}
          aria-label="GitHub URI to save to"
        />
        <label>
          <input type="checkbox" checked={appendUser} onChange={() => setAppendUser(!appendUser)} /> Append user ID
        </label>
        <button
          type="button"
          disabled={saving || !isGithubUri(targetUri)}
          onClick={() => void panel.saveToGithub(targetUri)}
        >
          Save to GitHub as…
        </button>
        {githubUri !== '' && !isGithubUri(githubUri) && (
          <div className="sv-hint">Expected gh://user/repo/branch/folder/file.json</div>
        )}
      </div>
      <div className="sv-buttons">
        <button type="button" onClick={download}>
          Export JSON
        </button>
        <button type="button" onClick={() => setShowJson(!showJson)}>
          {showJson ? 'Hide JSON' : 'Show JSON'}
        </button>
        <button type="button" disabled={saving} onClick={() => void panel.submitToParent()}>
          Submit to parent
        </button>
      </div>
      {showJson && <textarea className="sv-json" readOnly value={panel.exportJson()} />}
      {panel.message !== undefined && (
        <div
          className={panel.message.kind === 'error' ? 'sv-message sv-message-error' : 'sv-message'}
          role={panel.message.kind === 'error' ? 'alert' : 'status'}
        >
          {panel.message.text}
        </div>
      )}
      {panel.history.length > 0 && (
        <details className="sv-history">
          <summary>History ({panel.history.length})</summary>
          <ol>
            {panel.history
              .slice(-50)
              .reverse()
              .map((entry) => (
                <li key={entry.seq}>
                  <b>{entry.author}</b> {describeAction(entry.action)}
                </li>
              ))}
          </ol>
        </details>
      )}
    </div>
  );
}

function describeAction(action: { type: string } & Record<string, unknown>): string {
  const ids = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));
  switch (action.type) {
    case 'ADD_UNIT_LABEL':
      return `labelled ${ids(action.unitId)} "${action.label}"`;
    case 'REMOVE_UNIT_LABEL':
      return `removed "${action.label}" from ${ids(action.unitId)}`;
    case 'TOGGLE_UNIT_LABEL':
      return `toggled "${action.label}" on ${ids(action.unitId)}`;
    case 'MERGE_UNITS':
      return `merged ${ids(action.unitIds)}`;
    case 'UNMERGE_UNITS':
      return `unmerged ${ids(action.unitIds)}`;
    case 'SET_CURATION':
      return 'set the whole curation';
    default:
      return action.type.toLowerCase().replaceAll('_', ' ');
  }
}

/**
 * sortingview's SortingCuration2 control: a tri-state checkbox per label over the selected
 * units (Shift+1…0 toggle them from anywhere), merge and unmerge buttons, open/close, and the
 * save panel (zone document, snapshot, GitHub, export, submit to the embedding page).
 */
function SortingCuration2View({ data, width, height }: ViewProps<SortingCurationData>) {
  const curation = useCuration();
  const panel = useCurationPanel();
  const { state, dispatch: selectionDispatch } = useUnitSelection();
  useEffect(() => {
    panel?.setLabelChoices(data.labelChoices);
  }, [panel?.setLabelChoices, data.labelChoices]);
  const selected = useMemo(() => selectedUnitIdList(state), [state]);
  if (curation === undefined) return <div className="figurl-status">No curation.</div>;
  const { labelsByUnit = {}, mergeGroups = [], isClosed = false } = curation.curation;
  const editable = curation.canEdit && selected.length > 0;
  const inGroup = (id: unknown) => mergeGroups.some((group) => group.some((member) => String(member) === String(id)));
  const allMergedTogether =
    selected.length >= 2 &&
    mergeGroups.some((group) => selected.every((id) => group.some((member) => String(member) === String(id))));
  const canMerge = selected.length >= 2 && !allMergedTogether && !isClosed;
  const canUnmerge = selected.length > 0 && selected.every(inGroup) && !isClosed;
  return (
    <div className="sv-curation" style={{ width, height, overflowY: 'auto' }}>
      <div className="sv-selected">Selected units: {selected.length === 0 ? 'none' : abbreviate(selected)}</div>
      <div className="sv-label-choices">
        {curation.labelChoices.map((label, i) => {
          const count = selected.filter((id) => labelsByUnit[String(id)]?.includes(label) === true).length;
          const checkState = count === 0 ? 'unchecked' : count === selected.length ? 'checked' : 'indeterminate';
          return (
            <TriStateCheckbox
              key={label}
              label={label}
              state={checkState}
              disabled={!editable}
              shortcut={i < 10 ? String((i + 1) % 10) : undefined}
              onClick={() =>
                curation.dispatch({
                  type: checkState === 'checked' ? 'REMOVE_UNIT_LABEL' : 'ADD_UNIT_LABEL',
                  unitId: selected,
                  label,
                })
              }
            />
          );
        })}
      </div>
      <div className="sv-buttons">
        {canMerge && (
          <button
            type="button"
            disabled={!curation.canEdit}
            onClick={() => {
              curation.dispatch({ type: 'MERGE_UNITS', unitIds: selected });
              selectionDispatch({ type: 'DESELECT_ALL' });
            }}
          >
            Merge selected units: {abbreviate(selected, 5)}
          </button>
        )}
        {canUnmerge && (
          <button
            type="button"
            disabled={!curation.canEdit}
            onClick={() => {
              curation.dispatch({ type: 'UNMERGE_UNITS', unitIds: selected });
              selectionDispatch({ type: 'DESELECT_ALL' });
            }}
          >
            Unmerge units: {abbreviate(selected, 5)}
          </button>
        )}
        <button
          type="button"
          disabled={!curation.canEdit}
          onClick={() => curation.dispatch({ type: isClosed ? 'REOPEN_CURATION' : 'CLOSE_CURATION' })}
        >
          {isClosed ? 'Reopen curation' : 'Close curation'}
        </button>
      </div>
      {isClosed && <div className="sv-hint">This curation is closed: merging is off until it is reopened.</div>}
      <SavePanel />
    </div>
  );
}

export const sortingCuration2View = defineView(parseSortingCuration2, SortingCuration2View);
