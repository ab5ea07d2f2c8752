/** One view of a figure: its type and either where its data is or the data itself. */
export interface ViewEntry {
  type: string;
  dataUri?: string;
  data?: unknown;
}

export interface LayoutItemProperties {
  minSize?: number;
  maxSize?: number;
  stretch?: number;
  title?: string;
  collapsible?: boolean;
  label?: string;
  isControl?: boolean;
  controlHeight?: number;
}

export type LayoutNode =
  | {
      type: 'Box' | 'Splitter';
      direction: 'horizontal' | 'vertical';
      items: LayoutNode[];
      itemProperties: LayoutItemProperties[];
      scrollbar: boolean;
      showTitles: boolean;
    }
  | {
      type: 'TabLayout';
      items: LayoutNode[];
      itemProperties: LayoutItemProperties[];
      tabBarLayout: 'horizontal' | 'vertical';
    }
  | { type: 'Mountain'; items: LayoutNode[]; itemProperties: LayoutItemProperties[] }
  | { type: 'View'; viewId: string };

/** A figure as the plugin draws it: a layout tree over views, whatever container it came in. */
export interface FigureModel {
  layout: LayoutNode;
  views: ReadonlyMap<string, ViewEntry>;
  /** View types present (decides whether the figure has a curation). */
  viewTypes: ReadonlySet<string>;
  /** A legacy container's curation feed (2021–22), which no longer exists anywhere. */
  legacyCurationUri?: string;
}

const layoutTypes = new Set(['Box', 'Splitter', 'TabLayout', 'Mountain', 'View']);

function fail(what: string, expected: string): never {
  throw new Error(`invalid ${what}: expected ${expected}`);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(what, 'an object');
  return value as Record<string, unknown>;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) fail(what, 'a list');
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') fail(what, 'a non-empty string');
  return value;
}

/** A legacy view's data location: `figureDataUri`, or `figureDataSha1` as a sha1:// URI. */
function legacyDataUri(view: Record<string, unknown>, what: string): string {
  if (typeof view.figureDataUri === 'string') return view.figureDataUri;
  if (typeof view.figureDataSha1 === 'string' && /^[0-9a-f]{40}$/.test(view.figureDataSha1)) {
    return `sha1://${view.figureDataSha1}`;
  }
  if (typeof view.dataUri === 'string') return view.dataUri;
  return fail(what, 'figureDataUri (a URI) or figureDataSha1 (40 hex characters)');
}

function parseItemProperties(value: unknown, count: number, what: string): LayoutItemProperties[] {
  if (value === undefined) return Array.from({ length: count }, () => ({}));
  const items = list(value, what);
  return Array.from({ length: count }, (_, i) => {
    const raw = items[i] === undefined || items[i] === null ? {} : record(items[i], `${what}[${i}]`);
    const out: LayoutItemProperties = {};
    for (const key of ['minSize', 'maxSize', 'stretch', 'controlHeight'] as const) {
      const v = raw[key];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${what}[${i}].${key}`, 'a number >= 0');
      out[key] = v;
    }
    for (const key of ['title', 'label'] as const) if (typeof raw[key] === 'string') out[key] = raw[key] as string;
    if (raw.collapsible === true) out.collapsible = true;
    if (raw.isControl === true) out.isControl = true;
    return out;
  });
}

function parseLayout(value: unknown, what: string, viewIds: ReadonlySet<string>): LayoutNode {
  const node = record(value, what);
  const type = node.type;
  if (typeof type !== 'string' || !layoutTypes.has(type)) {
    fail(`${what}.type ${JSON.stringify(type)}`, 'one of Box, Splitter, TabLayout, Mountain, View');
  }
  if (type === 'View') {
    const viewId = typeof node.viewId === 'number' ? String(node.viewId) : text(node.viewId, `${what}.viewId`);
    if (!viewIds.has(viewId)) fail(`${what}.viewId ${JSON.stringify(viewId)}`, 'the viewId of an entry in views');
    return { type: 'View', viewId };
  }
  const items = list(node.items, `${what}.items`).map((item, i) => parseLayout(item, `${what}.items[${i}]`, viewIds));
  const itemProperties = parseItemProperties(node.itemProperties, items.length, `${what}.itemProperties`);
  if (type === 'TabLayout') {
    return { type, items, itemProperties, tabBarLayout: node.tabBarLayout === 'vertical' ? 'vertical' : 'horizontal' };
  }
  if (type === 'Mountain') {
    items.forEach((item, i) => {
      if (item.type !== 'View') fail(`${what}.items[${i}]`, 'a View (Mountain layouts hold views only)');
    });
    return { type, items, itemProperties };
  }
  if (type === 'Splitter' && items.length !== 2) fail(`${what}.items`, 'exactly 2 items in a Splitter');
  const direction = node.direction === 'vertical' ? 'vertical' : 'horizontal';
  if (node.direction !== undefined && node.direction !== 'vertical' && node.direction !== 'horizontal') {
    fail(`${what}.direction ${JSON.stringify(node.direction)}`, '"horizontal" or "vertical"');
  }
  return {
    type: type as 'Box' | 'Splitter',
    direction,
    items,
    itemProperties,
    scrollbar: node.scrollbar === true,
    showTitles: node.showTitles === true,
  };
}

function withTypes(model: Omit<FigureModel, 'viewTypes'>): FigureModel {
  return { ...model, viewTypes: new Set([...model.views.values()].map((view) => view.type)) };
}

function mainLayout(root: Record<string, unknown>, what: string): Omit<FigureModel, 'viewTypes'> {
  const views = new Map<string, ViewEntry>();
  list(root.views, `${what}.views`).forEach((raw, i) => {
    const view = record(raw, `${what}.views[${i}]`);
    const viewId =
      typeof view.viewId === 'number' ? String(view.viewId) : text(view.viewId, `${what}.views[${i}].viewId`);
    views.set(viewId, {
      type: text(view.type, `${what}.views[${i}].type`),
      dataUri: legacyDataUri(view, `${what}.views[${i}]`),
    });
  });
  return { layout: parseLayout(root.layout, `${what}.layout`, new Set(views.keys())), views };
}

/** A vertical stack of legacy panels (MultiTimeseries, Composite). */
function stack(
  entries: Array<{ view: ViewEntry; label?: string; stretch?: number; minSize?: number }>,
  scrollbar: boolean,
): Omit<FigureModel, 'viewTypes'> {
  const views = new Map(entries.map((entry, i) => [String(i), entry.view]));
  return {
    views,
    layout: {
      type: 'Box',
      direction: 'vertical',
      items: entries.map((_, i) => ({ type: 'View', viewId: String(i) })),
      itemProperties: entries.map(({ label, stretch, minSize }) => ({
        ...(label === undefined ? {} : { title: label }),
        ...(stretch === undefined ? {} : { stretch }),
        ...(minSize === undefined ? {} : { minSize }),
      })),
      scrollbar,
      showTitles: entries.some((entry) => entry.label !== undefined),
    },
  };
}

/**
 * Reads a figure's root data into one model: `MainLayout` (views stored separately, loaded
 * lazily), the legacy containers (`MountainLayout`, `SortingLayout`, `MultiTimeseries`,
 * `Composite`), or a single view whose data is the root itself.
 */
export function toFigureModel(data: unknown): FigureModel {
  const root = record(data, 'figure data');
  const type = text(root.type, 'figure data type');
  switch (type) {
    case 'MainLayout':
      return withTypes(mainLayout(root, 'MainLayout'));
    case 'SortingLayout': {
      const model = mainLayout(root, 'SortingLayout');
      return withTypes(
        typeof root.sortingCurationUri === 'string' ? { ...model, legacyCurationUri: root.sortingCurationUri } : model,
      );
    }
    case 'MountainLayout': {
      const views = new Map<string, ViewEntry>();
      const items: LayoutNode[] = [];
      const itemProperties: LayoutItemProperties[] = [];
      const add = (raw: unknown, what: string, isControl: boolean) => {
        const view = record(raw, what);
        const viewId = String(views.size);
        views.set(viewId, { type: text(view.type, `${what}.type`), dataUri: legacyDataUri(view, what) });
        items.push({ type: 'View', viewId });
        itemProperties.push({
          label: typeof view.label === 'string' ? view.label : (view.type as string),
          ...(isControl ? { isControl } : {}),
        });
      };
      for (const [i, view] of list(root.views, 'MountainLayout.views').entries()) {
        add(view, `MountainLayout.views[${i}]`, false);
      }
      if (root.controls !== undefined) {
        for (const [i, view] of list(root.controls, 'MountainLayout.controls').entries()) {
          add(view, `MountainLayout.controls[${i}]`, true);
        }
      }
      const model: Omit<FigureModel, 'viewTypes'> = { views, layout: { type: 'Mountain', items, itemProperties } };
      return withTypes(
        typeof root.sortingCurationUri === 'string' ? { ...model, legacyCurationUri: root.sortingCurationUri } : model,
      );
    }
    case 'MultiTimeseries':
      return withTypes(
        stack(
          list(root.panels, 'MultiTimeseries.panels').map((raw, i) => {
            const panel = record(raw, `MultiTimeseries.panels[${i}]`);
            return {
              view: {
                type: text(panel.type, `MultiTimeseries.panels[${i}].type`),
                dataUri: legacyDataUri(panel, `MultiTimeseries.panels[${i}]`),
              },
              ...(typeof panel.label === 'string' ? { label: panel.label } : {}),
              stretch: typeof panel.relativeHeight === 'number' && panel.relativeHeight > 0 ? panel.relativeHeight : 1,
            };
          }),
          false,
        ),
      );
    case 'Composite':
      return withTypes(
        stack(
          list(root.views, 'Composite.views').map((raw, i) => {
            const view = record(raw, `Composite.views[${i}]`);
            return {
              view: {
                type: text(view.type, `Composite.views[${i}].type`),
                dataUri: legacyDataUri(view, `Composite.views[${i}]`),
              },
              ...(typeof view.label === 'string' ? { label: view.label } : {}),
              minSize: typeof view.defaultHeight === 'number' && view.defaultHeight > 0 ? view.defaultHeight : 400,
            };
          }),
          true,
        ),
      );
    default:
      // A single view: the root is its data (Python's Figure of one view, or our builders' leaves).
      return withTypes({
        views: new Map([['0', { type, data: root }]]),
        layout: { type: 'View', viewId: '0' },
      });
  }
}
