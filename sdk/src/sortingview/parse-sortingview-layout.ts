import { PythonFloat } from '../canonical-json/index.js';
import { FigurlError, isFigurlError, quote } from '../errors/index.js';
import { describeJsonKind } from '../figures/describe-json-kind.js';
import { isPlainObject } from './check-values.js';
import type { View } from './view.js';
import { Box } from './views/box.js';
import { GenericView } from './views/generic-view.js';
import { LayoutItem } from './views/layout-item.js';
import { MountainLayout, MountainLayoutItem } from './views/mountain-layout.js';
import { Splitter } from './views/splitter.js';
import { TabLayout, TabLayoutItem } from './views/tab-layout.js';

type Node = Record<string, unknown>;

const expected =
  'a layout such as {"type": "Box", "direction": "vertical", "items": […]} or a view such as {"type": "RasterPlot", …}';

/**
 * A layout tree whose views hold their data inline, as `figurl figure sortingview` reads it:
 * a MainLayout's `layout` where each `{type: 'View', viewId}` is replaced by the view's data.
 *
 * - `{"type": "Box" | "Splitter", "direction": "horizontal" | "vertical", "items": [item, …],
 *   "scrollbar"?, "showTitles"?}`, an item being `{"view": node, "minSize"?, "maxSize"?,
 *   "stretch"?, "title"?, "collapsible"?}` or a bare node; a Splitter has exactly 2 items;
 * - `{"type": "TabLayout", "items": [{"label", "view": node}], "tabBarLayout"?: "vertical"}`;
 * - `{"type": "Mountain", "items": [{"label", "view": view, "isControl"?, "controlHeight"?}]}`
 *   (`"MountainLayout"` too);
 * - any other `{"type": …}` is a view's data (`vv.GenericView`), ndarrays as Python's
 *   `{"_type": "ndarray", "shape", "dtype", "data_b64"}` or plain number lists.
 *
 * Errors name the JSON path: `invalid sortingview layout at $.items[1].view: …`.
 *
 * @example
 * parseSortingviewLayout({ type: 'Box', direction: 'vertical', items: [{ view: { type: 'Markdown', source: '# Hi' }, stretch: 1 }] });
 */
export function parseSortingviewLayout(json: unknown): View {
  return parseNode(json, '$');
}

function parseNode(value: unknown, path: string): View {
  if (!isPlainObject(value) || typeof value.type !== 'string') {
    throw failure(
      path,
      `got ${isPlainObject(value) ? 'an object without a "type"' : describeJsonKind(value)}; expected ${expected}`,
    );
  }
  return at(path, () => build(value, path));
}

/** Runs `make`, naming `path` in an error that does not name a place yet. */
function at<T>(path: string, make: () => T): T {
  try {
    return make();
  } catch (err) {
    if (!isFigurlError(err) || err.message.startsWith('invalid sortingview layout at ')) throw err;
    throw failure(path, err.message);
  }
}

function build(node: Node, path: string): View {
  switch (node.type) {
    case 'Box':
    case 'Splitter': {
      allowKeys(
        node,
        ['type', 'direction', 'items', ...(node.type === 'Box' ? ['scrollbar', 'showTitles'] : [])],
        path,
      );
      const items = listAt(node, 'items', path).map((item, i) => layoutItem(item, `${path}.items[${i}]`));
      if (node.type === 'Splitter') {
        return new Splitter({ direction: node.direction as 'horizontal', items: items as [LayoutItem, LayoutItem] });
      }
      return new Box({
        direction: node.direction as 'horizontal',
        items,
        scrollbar: node.scrollbar as boolean | undefined,
        showTitles: node.showTitles as boolean | undefined,
      });
    }
    case 'TabLayout': {
      allowKeys(node, ['type', 'items', 'tabBarLayout'], path);
      const items = listAt(node, 'items', path).map((item, i) => {
        const where = `${path}.items[${i}]`;
        const o = itemObject(item, ['label', 'view'], where);
        const view = parseNode(o.view, `${where}.view`);
        return at(where, () => new TabLayoutItem({ label: o.label as string, view }));
      });
      return new TabLayout({ items, tabBarLayout: node.tabBarLayout as 'vertical' | undefined });
    }
    case 'Mountain':
    case 'MountainLayout': {
      allowKeys(node, ['type', 'items'], path);
      const items = listAt(node, 'items', path).map((item, i) => {
        const where = `${path}.items[${i}]`;
        const o = itemObject(item, ['label', 'view', 'isControl', 'controlHeight'], where);
        const view = parseNode(o.view, `${where}.view`);
        return at(
          where,
          () =>
            new MountainLayoutItem({
              label: o.label as string,
              view,
              isControl: o.isControl as boolean | undefined,
              controlHeight: toNumber(o.controlHeight) as number | undefined,
            }),
        );
      });
      return new MountainLayout({ items });
    }
    case 'MainLayout':
    case 'View':
      throw new FigurlError(
        'INVALID_REQUEST',
        `got a ${node.type} node; expected the views' data inline, not a figure that points at stored views`,
      );
    default:
      return new GenericView(node as { type: string });
  }
}

function layoutItem(item: unknown, path: string): LayoutItem {
  if (!isPlainObject(item) || item.view === undefined) return new LayoutItem(parseNode(item, path));
  const o = itemObject(item, ['view', 'minSize', 'maxSize', 'stretch', 'title', 'collapsible'], path);
  const view = parseNode(o.view, `${path}.view`);
  return at(
    path,
    () =>
      new LayoutItem(view, {
        minSize: toNumber(o.minSize) as number | undefined,
        maxSize: toNumber(o.maxSize) as number | undefined,
        stretch: toNumber(o.stretch) as number | undefined,
        title: o.title as string | undefined,
        collapsible: o.collapsible as boolean | undefined,
      }),
  );
}

function itemObject(item: unknown, keys: readonly string[], path: string): Node {
  if (!isPlainObject(item))
    throw failure(path, `got ${describeJsonKind(item)}; expected an item {"view": …, ${keys.slice(1).join(', ')}}`);
  allowKeys(item, keys, path);
  return item;
}

function listAt(node: Node, key: string, path: string): readonly unknown[] {
  const list = node[key];
  if (Array.isArray(list)) return list;
  throw failure(`${path}.${key}`, `got ${describeJsonKind(list)}; expected a list`);
}

function allowKeys(node: Node, keys: readonly string[], path: string): void {
  const unknown = Object.keys(node).find((key) => !keys.includes(key));
  if (unknown !== undefined) {
    throw failure(path, `unknown field ${quote(unknown)}; expected ${keys.join(', ')}`);
  }
}

/** Numbers as the JSON reader keeps them (1.0 is a PythonFloat); layout sizes are plain numbers. */
function toNumber(value: unknown): unknown {
  return value instanceof PythonFloat ? value.value : value;
}

function failure(path: string, message: string): FigurlError {
  return new FigurlError('INVALID_REQUEST', `invalid sortingview layout at ${path}: ${message}`);
}
