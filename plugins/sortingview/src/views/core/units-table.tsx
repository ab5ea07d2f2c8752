import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useCuration } from '../../context/curation.js';
import { unitClickAction, useInitializeUnits, useUnitSelection } from '../../context/unit-selection.js';
import { unitColor } from '../../data/unit-colors.js';
import { compareUnitIds, isUnitId, type UnitId } from '../../data/unit-id.js';
import { defineView, type ViewProps } from '../view-definition.js';

interface Column {
  key: string;
  label: string;
  dtype: string;
}
interface Row {
  unitId: UnitId;
  values: Record<string, unknown>;
}
export interface UnitsTableData {
  columns: Column[];
  rows: Row[];
  similarityScores: Array<{ unitId1: UnitId; unitId2: UnitId; similarity: number }> | undefined;
}

function fail(what: string, expected: string): never {
  throw new Error(`invalid ${what}: expected ${expected}`);
}

export function parseUnitsTable(raw: unknown): UnitsTableData {
  const data = raw as Record<string, unknown>;
  if (typeof data !== 'object' || data === null) fail('UnitsTable data', 'an object');
  if (!Array.isArray(data.columns)) fail('columns', 'a list of {key, label, dtype}');
  if (!Array.isArray(data.rows)) fail('rows', 'a list of {unitId, values}');
  const columns = data.columns.map((c: unknown, i) => {
    const column = c as Record<string, unknown>;
    if (typeof column?.key !== 'string') fail(`columns[${i}].key`, 'a string');
    return {
      key: column.key,
      label: typeof column.label === 'string' ? column.label : column.key,
      dtype: typeof column.dtype === 'string' ? column.dtype : 'str',
    };
  });
  const rows = data.rows.map((r: unknown, i) => {
    const row = r as Record<string, unknown>;
    if (!isUnitId(row?.unitId)) fail(`rows[${i}].unitId`, 'a number or string');
    const values = row.values ?? {};
    if (typeof values !== 'object' || values === null || Array.isArray(values)) fail(`rows[${i}].values`, 'an object');
    return { unitId: row.unitId, values: values as Record<string, unknown> };
  });
  let similarityScores: UnitsTableData['similarityScores'];
  if (data.similarityScores !== undefined && data.similarityScores !== null) {
    if (!Array.isArray(data.similarityScores)) fail('similarityScores', 'a list of {unitId1, unitId2, similarity}');
    similarityScores = data.similarityScores.map((s: unknown, i) => {
      const score = s as Record<string, unknown>;
      if (!isUnitId(score?.unitId1) || !isUnitId(score.unitId2) || typeof score.similarity !== 'number') {
        fail(`similarityScores[${i}]`, '{unitId1, unitId2, similarity: number}');
      }
      return { unitId1: score.unitId1, unitId2: score.unitId2, similarity: score.similarity };
    });
  }
  return { columns, rows, similarityScores };
}

type SortKey = { key: string; ascending: boolean };

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b));
}

function formatValue(value: unknown, dtype: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' && dtype === 'float')
    return Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, '');
  return String(value);
}

const TableRow = memo(function TableRow({
  row,
  columns,
  selected,
  labels,
  mergedWith,
  similarity,
  showLabels,
  showSimilarity,
  onCheck,
  onRowClick,
}: {
  row: Row;
  columns: Column[];
  selected: boolean;
  labels: string | undefined;
  mergedWith: string | undefined;
  similarity: number | undefined;
  showLabels: boolean;
  showSimilarity: boolean;
  onCheck(unitId: UnitId, event: React.MouseEvent): void;
  onRowClick(unitId: UnitId, event: React.MouseEvent): void;
}) {
  return (
    <tr
      className={selected ? 'sv-row sv-row-selected' : 'sv-row'}
      data-unit-id={String(row.unitId)}
      onClick={(event) => onRowClick(row.unitId, event)}
    >
      <td className="sv-check">
        <input
          type="checkbox"
          checked={selected}
          aria-label={`Select unit ${row.unitId}`}
          onClick={(event) => {
            event.stopPropagation();
            onCheck(row.unitId, event);
          }}
          readOnly
        />
      </td>
      <td>
        <span className="sv-unit-patch" style={{ background: unitColor(row.unitId) }} />
        {String(row.unitId)}
        {mergedWith !== undefined && (
          <span className="sv-merge-badge" title={`merged with ${mergedWith}`}>
            ⊕ {mergedWith}
          </span>
        )}
      </td>
      {showLabels && <td className="sv-labels">{labels}</td>}
      {showSimilarity && <td>{similarity === undefined ? '' : similarity.toFixed(3)}</td>}
      {columns.map((column) => (
        <td key={column.key} className={column.dtype === 'str' ? undefined : 'sv-num'}>
          {formatValue(row.values[column.key], column.dtype)}
        </td>
      ))}
    </tr>
  );
});

/**
 * sortingview's UnitsTable: sortable columns (the sort sets every view's unit order), checkboxes
 * (click toggles, shift-click a run, the header all), row click selects (ctrl toggles, shift a
 * run), ctrl+↑/↓/Home/End move a single selection, "only show selected", a Labels column and
 * merge badges with a curation, and a Similarity column (to the current unit) when the data has
 * similarity scores.
 */
function UnitsTableView({ data, width, height }: ViewProps<UnitsTableData>) {
  const { state, dispatch, isShown } = useUnitSelection();
  const curation = useCuration();
  const [sort, setSort] = useState<SortKey | undefined>(undefined);
  const unitIds = useMemo(() => data.rows.map((row) => row.unitId), [data.rows]);
  useInitializeUnits(unitIds);

  const similarityTo = useMemo(() => {
    const current = state.currentUnitId;
    if (data.similarityScores === undefined || current === undefined) return undefined;
    const map = new Map<string, number>();
    for (const s of data.similarityScores) {
      if (String(s.unitId1) === String(current)) map.set(String(s.unitId2), s.similarity);
      else if (String(s.unitId2) === String(current)) map.set(String(s.unitId1), s.similarity);
    }
    return map;
  }, [data.similarityScores, state.currentUnitId]);

  const sortedRows = useMemo(() => {
    const rows = [...data.rows];
    if (sort === undefined) return rows.sort((a, b) => compareUnitIds(a.unitId, b.unitId));
    const sign = sort.ascending ? 1 : -1;
    const value = (row: Row): unknown => {
      if (sort.key === '__unit') return undefined;
      if (sort.key === '__similarity') return similarityTo?.get(String(row.unitId));
      if (sort.key === '__labels')
        return (curation?.curation.labelsByUnit?.[String(row.unitId)] ?? []).join(',') || undefined;
      if (sort.key === '__selected') return state.selectedUnitIds.has(String(row.unitId)) ? 0 : 1;
      return row.values[sort.key];
    };
    return rows.sort((a, b) =>
      sort.key === '__unit'
        ? sign * compareUnitIds(a.unitId, b.unitId)
        : sign * compareValues(value(a), value(b)) || compareUnitIds(a.unitId, b.unitId),
    );
  }, [data.rows, sort, similarityTo, curation?.curation.labelsByUnit, state.selectedUnitIds]);

  // The table's order is everyone's order (autocorrelograms, waveforms and raster follow it).
  useEffect(() => {
    if (sort !== undefined) dispatch({ type: 'SET_UNIT_ORDER', unitIds: sortedRows.map((row) => row.unitId) });
  }, [sort, sortedRows, dispatch]);

  const onHeader = (key: string) =>
    setSort((prev) =>
      prev?.key === key ? { key, ascending: !prev.ascending } : { key, ascending: key !== '__similarity' },
    );
  const onCheck = useCallback(
    (unitId: UnitId, event: React.MouseEvent) =>
      dispatch(event.shiftKey ? { type: 'TOGGLE_RANGE', unitId } : { type: 'TOGGLE_UNIT', unitId }),
    [dispatch],
  );
  const onRowClick = useCallback(
    (unitId: UnitId, event: React.MouseEvent) => dispatch(unitClickAction(unitId, event)),
    [dispatch],
  );
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const type = {
      ArrowDown: 'UNIQUE_SELECT_NEXT',
      ArrowUp: 'UNIQUE_SELECT_PREVIOUS',
      Home: 'UNIQUE_SELECT_FIRST',
      End: 'UNIQUE_SELECT_LAST',
    }[event.key] as 'UNIQUE_SELECT_NEXT' | undefined;
    if (type === undefined) return;
    event.preventDefault();
    dispatch({ type });
  };

  const onlySelected = state.visibleUnitIds !== undefined;
  const shownRows = sortedRows.filter((row) => isShown(row.unitId));
  const selectedCount = shownRows.filter((row) => state.selectedUnitIds.has(String(row.unitId))).length;
  const showLabels = curation !== undefined;
  const showSimilarity = data.similarityScores !== undefined;
  const mergedWith = useMemo(() => {
    const map = new Map<string, string>();
    for (const group of curation?.curation.mergeGroups ?? []) {
      for (const id of group) map.set(String(id), group.filter((other) => String(other) !== String(id)).join(', '));
    }
    return map;
  }, [curation?.curation.mergeGroups]);
  const arrow = (key: string) => (sort?.key === key ? (sort.ascending ? ' ▲' : ' ▼') : '');

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keyboard navigation of the focused table.
    <div className="sv-units-table" style={{ width, height }} tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="sv-toolbar">
        <label>
          <input
            type="checkbox"
            checked={onlySelected}
            onChange={() =>
              dispatch({ type: 'SET_VISIBLE_UNITS', unitIds: onlySelected ? undefined : [...state.selectedUnitIds] })
            }
          />{' '}
          Only show selected
        </label>
        <span className="sv-count">
          {selectedCount} of {shownRows.length} selected
        </span>
      </div>
      <div className="sv-table-scroll" style={{ height: height - 30 }}>
        <table>
          <thead>
            <tr>
              <th className="sv-check">
                <input
                  type="checkbox"
                  aria-label="Select all units"
                  checked={shownRows.length > 0 && selectedCount === shownRows.length}
                  ref={(element) => {
                    if (element !== null) element.indeterminate = selectedCount > 0 && selectedCount < shownRows.length;
                  }}
                  onChange={() => dispatch({ type: 'TOGGLE_SELECT_ALL' })}
                />
              </th>
              <th onClick={() => onHeader('__unit')}>Unit{arrow('__unit')}</th>
              {showLabels && <th onClick={() => onHeader('__labels')}>Labels{arrow('__labels')}</th>}
              {showSimilarity && <th onClick={() => onHeader('__similarity')}>Similarity{arrow('__similarity')}</th>}
              {data.columns.map((column) => (
                <th key={column.key} onClick={() => onHeader(column.key)}>
                  {column.label}
                  {arrow(column.key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shownRows.map((row) => (
              <TableRow
                key={String(row.unitId)}
                row={row}
                columns={data.columns}
                selected={state.selectedUnitIds.has(String(row.unitId))}
                labels={showLabels ? curation?.curation.labelsByUnit?.[String(row.unitId)]?.join(', ') : undefined}
                mergedWith={mergedWith.get(String(row.unitId))}
                similarity={similarityTo?.get(String(row.unitId))}
                showLabels={showLabels}
                showSimilarity={showSimilarity}
                onCheck={onCheck}
                onRowClick={onRowClick}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const unitsTableView = defineView(parseUnitsTable, UnitsTableView);
