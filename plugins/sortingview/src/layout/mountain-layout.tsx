import { useState } from 'react';
import type { LayoutNode } from '../data/figure-model.js';
import type { LayoutProps } from './layout-view.js';
import { ViewLoader } from './view-loader.js';

type Area = 'north' | 'south';
interface OpenView {
  index: number;
  area: Area;
}

const tabBarHeight = 28;
const launcherWidth = 320;
const defaultControlHeight = 300;

/**
 * sortingview's Mountain workspace: a left panel with an "Open views" launcher (one button per
 * view) and the control views (e.g. the curation) as expandable panels; launched views open as
 * closable tabs in two stacked areas, and a tab moves to the other area with its ⇅ button.
 * The first two views open at start, one per area.
 */
export function MountainLayoutView({
  node,
  model,
  width,
  height,
}: LayoutProps & { node: Extract<LayoutNode, { type: 'Mountain' }> }) {
  const entries = node.items.map((item, index) => ({
    index,
    viewId: (item as Extract<LayoutNode, { type: 'View' }>).viewId,
    properties: node.itemProperties[index] ?? {},
  }));
  const views = entries.filter((entry) => entry.properties.isControl !== true);
  const controls = entries.filter((entry) => entry.properties.isControl === true);
  const [open, setOpen] = useState<OpenView[]>(() =>
    views.slice(0, 2).map((entry, i) => ({ index: entry.index, area: i === 0 ? 'north' : 'south' })),
  );
  const [current, setCurrent] = useState<Record<Area, number | undefined>>(() => ({
    north: views[0]?.index,
    south: views[1]?.index,
  }));
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set(controls.map((c) => c.index)));

  const leftWidth = Math.min(launcherWidth, Math.max(200, Math.floor(width * 0.3)));
  const rightWidth = width - leftWidth;
  const areas: Area[] = (['north', 'south'] as const).filter((area) => open.some((o) => o.area === area));
  const areaHeight = areas.length === 0 ? height : Math.floor(height / areas.length);

  const launch = (index: number) => {
    const existing = open.find((o) => o.index === index);
    const area: Area = existing?.area ?? (open.some((o) => o.area === 'north') ? 'north' : 'north');
    if (existing === undefined) setOpen([...open, { index, area }]);
    setCurrent({ ...current, [area]: index });
  };
  const close = (index: number) => {
    const view = open.find((o) => o.index === index);
    const rest = open.filter((o) => o.index !== index);
    setOpen(rest);
    if (view !== undefined && current[view.area] === index) {
      setCurrent({ ...current, [view.area]: rest.filter((o) => o.area === view.area).at(-1)?.index });
    }
  };
  const move = (index: number) => {
    const view = open.find((o) => o.index === index);
    if (view === undefined) return;
    const to: Area = view.area === 'north' ? 'south' : 'north';
    const rest = open.filter((o) => o.index !== index);
    setOpen([...rest, { index, area: to }]);
    setCurrent({
      ...current,
      [to]: index,
      [view.area]: rest.filter((o) => o.area === view.area).at(-1)?.index,
    });
  };
  const label = (index: number) => node.itemProperties[index]?.label ?? `View ${index + 1}`;

  return (
    <div className="sv-mountain" style={{ width, height, display: 'flex' }}>
      <div className="sv-mountain-left" style={{ width: leftWidth, height, overflowY: 'auto' }}>
        <div className="sv-panel-title">Open views</div>
        <div className="sv-launcher">
          {views.map((entry) => (
            <button key={entry.index} type="button" className="sv-launch" onClick={() => launch(entry.index)}>
              {label(entry.index)}
            </button>
          ))}
        </div>
        {controls.map((entry) => {
          const isOpen = expanded.has(entry.index);
          const view = model.views.get(entry.viewId);
          return (
            <div key={entry.index} className="sv-control">
              <button
                type="button"
                className="sv-panel-title sv-control-toggle"
                aria-expanded={isOpen}
                onClick={() => {
                  const next = new Set(expanded);
                  if (isOpen) next.delete(entry.index);
                  else next.add(entry.index);
                  setExpanded(next);
                }}
              >
                {isOpen ? '▾' : '▸'} {label(entry.index)}
              </button>
              {isOpen && view !== undefined && (
                <ViewLoader
                  view={view}
                  width={leftWidth - 12}
                  height={entry.properties.controlHeight ?? defaultControlHeight}
                />
              )}
            </div>
          );
        })}
      </div>
      <div style={{ width: rightWidth, height }}>
        {areas.length === 0 && <div className="figurl-status">Open a view with the buttons on the left.</div>}
        {areas.map((area) => {
          const tabs = open.filter((o) => o.area === area);
          return (
            <div key={area} className="sv-area" style={{ width: rightWidth, height: areaHeight }}>
              <div role="tablist" className="sv-tabs" style={{ height: tabBarHeight }}>
                {tabs.map((o) => (
                  <span key={o.index} className={current[area] === o.index ? 'sv-tab sv-tab-current' : 'sv-tab'}>
                    <button
                      type="button"
                      role="tab"
                      aria-selected={current[area] === o.index}
                      className="sv-tab-label"
                      onClick={() => setCurrent({ ...current, [area]: o.index })}
                    >
                      {label(o.index)}
                    </button>
                    <button
                      type="button"
                      className="sv-tab-action"
                      title="Move to the other area"
                      onClick={() => move(o.index)}
                    >
                      ⇅
                    </button>
                    <button
                      type="button"
                      className="sv-tab-action"
                      title="Close"
                      aria-label={`Close ${label(o.index)}`}
                      onClick={() => close(o.index)}
                    >
                      ×
                    </button>
                  </span>
                ))}
              </div>
              <div style={{ position: 'relative', width: rightWidth, height: areaHeight - tabBarHeight }}>
                {tabs.map((o) => {
                  const view = model.views.get((node.items[o.index] as Extract<LayoutNode, { type: 'View' }>).viewId);
                  return view === undefined ? null : (
                    <div
                      key={o.index}
                      role="tabpanel"
                      aria-label={label(o.index)}
                      style={{
                        position: 'absolute',
                        inset: 0,
                        visibility: current[area] === o.index ? 'visible' : 'hidden',
                      }}
                    >
                      <ViewLoader view={view} width={rightWidth} height={areaHeight - tabBarHeight} />
                    </div>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
