import { type ReactNode, useCallback, useRef, useState } from 'react';
import type { FigureModel, LayoutItemProperties, LayoutNode } from '../data/figure-model.js';
import { allocateSizes } from './allocate-sizes.js';
import { MountainLayoutView } from './mountain-layout.js';
import { ViewLoader } from './view-loader.js';

const titleHeight = 24;
const splitterGrip = 6;
const tabBarHeight = 30;
const verticalTabBarWidth = 140;
/** A scrolling box's items without a minSize get this many pixels along the axis. */
const scrollItemSize = 400;

export interface LayoutProps {
  node: LayoutNode;
  model: FigureModel;
  width: number;
  height: number;
}

/** Draws a layout tree node at a given size (sortingview's MainLayout layouts). */
export function LayoutView({ node, model, width, height }: LayoutProps): ReactNode {
  switch (node.type) {
    case 'View': {
      const view = model.views.get(node.viewId);
      return view === undefined ? null : <ViewLoader view={view} width={width} height={height} />;
    }
    case 'Box':
      return <BoxLayout node={node} model={model} width={width} height={height} />;
    case 'Splitter':
      return <SplitterLayout node={node} model={model} width={width} height={height} />;
    case 'TabLayout':
      return <TabLayoutView node={node} model={model} width={width} height={height} />;
    case 'Mountain':
      return <MountainLayoutView node={node} model={model} width={width} height={height} />;
  }
}

type BoxNode = Extract<LayoutNode, { type: 'Box' | 'Splitter' }>;

function ItemFrame({
  properties,
  showTitle,
  width,
  height,
  children,
}: {
  properties: LayoutItemProperties;
  showTitle: boolean;
  width: number;
  height: number;
  children: (width: number, height: number) => ReactNode;
}) {
  const [collapsed, setCollapsed] = useState(false);
  const title = showTitle ? (properties.title ?? properties.label) : undefined;
  if (title === undefined) return <div style={{ width, height, flex: 'none' }}>{children(width, height)}</div>;
  return (
    <div style={{ width, height: collapsed ? titleHeight : height, flex: 'none' }}>
      <div className="sv-item-title" style={{ height: titleHeight }}>
        {properties.collapsible === true && (
          <button
            type="button"
            className="sv-collapse"
            onClick={() => setCollapsed(!collapsed)}
            aria-expanded={!collapsed}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        )}
        {title}
      </div>
      {!collapsed && children(width, Math.max(0, height - titleHeight))}
    </div>
  );
}

function BoxLayout({ node, model, width, height }: LayoutProps & { node: BoxNode }) {
  const horizontal = node.direction === 'horizontal';
  const along = horizontal ? width : height;
  const sizes = node.scrollbar
    ? node.itemProperties.map((p) => p.minSize ?? scrollItemSize)
    : allocateSizes(along, node.itemProperties);
  return (
    <div
      className="sv-box"
      style={{
        width,
        height,
        display: 'flex',
        flexDirection: horizontal ? 'row' : 'column',
        overflow: node.scrollbar ? 'auto' : 'hidden',
      }}
    >
      {node.items.map((item, i) => {
        const size = sizes[i] as number;
        const w = horizontal ? size : node.scrollbar ? width - 16 : width;
        const h = horizontal ? (node.scrollbar ? height - 16 : height) : size;
        return (
          <ItemFrame
            // biome-ignore lint/suspicious/noArrayIndexKey: layout items are fixed by the figure.
            key={i}
            properties={node.itemProperties[i] ?? {}}
            showTitle={node.showTitles}
            width={w}
            height={h}
          >
            {(iw, ih) => <LayoutView node={item} model={model} width={iw} height={ih} />}
          </ItemFrame>
        );
      })}
    </div>
  );
}

function SplitterLayout({ node, model, width, height }: LayoutProps & { node: BoxNode }) {
  const horizontal = node.direction === 'horizontal';
  const along = (horizontal ? width : height) - splitterGrip;
  const initial = allocateSizes(along, node.itemProperties)[0] ?? along / 2;
  const [first, setFirst] = useState<number | undefined>(undefined);
  const firstSize = Math.max(20, Math.min(along - 20, first ?? initial));
  const dragging = useRef<{ start: number; size: number } | undefined>(undefined);
  const onPointerDown = useCallback(
    (event: React.PointerEvent<HTMLDivElement>) => {
      event.currentTarget.setPointerCapture(event.pointerId);
      dragging.current = { start: horizontal ? event.clientX : event.clientY, size: firstSize };
    },
    [horizontal, firstSize],
  );
  const onPointerMove = useCallback(
    (event: React.PointerEvent<HTMLDivElement>) => {
      const drag = dragging.current;
      if (drag === undefined) return;
      setFirst(drag.size + (horizontal ? event.clientX : event.clientY) - drag.start);
    },
    [horizontal],
  );
  const sizes = [firstSize, along - firstSize];
  const [a, b] = node.items as [LayoutNode, LayoutNode];
  const frame = (item: LayoutNode, i: number) => {
    const size = sizes[i] as number;
    const w = horizontal ? size : width;
    const h = horizontal ? height : size;
    return (
      <ItemFrame properties={node.itemProperties[i] ?? {}} showTitle={node.showTitles} width={w} height={h}>
        {(iw, ih) => <LayoutView node={item} model={model} width={iw} height={ih} />}
      </ItemFrame>
    );
  };
  return (
    <div style={{ width, height, display: 'flex', flexDirection: horizontal ? 'row' : 'column' }}>
      {frame(a, 0)}
      <div
        className={horizontal ? 'sv-grip sv-grip-h' : 'sv-grip sv-grip-v'}
        style={horizontal ? { width: splitterGrip, height } : { height: splitterGrip, width }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => {
          dragging.current = undefined;
        }}
      />
      {frame(b, 1)}
    </div>
  );
}

function TabLayoutView({
  node,
  model,
  width,
  height,
}: LayoutProps & { node: Extract<LayoutNode, { type: 'TabLayout' }> }) {
  const [current, setCurrent] = useState(0);
  // Tabs mount on first show and stay mounted (their views keep state and loaded data).
  const [shown, setShown] = useState<ReadonlySet<number>>(() => new Set([0]));
  const vertical = node.tabBarLayout === 'vertical';
  const contentWidth = vertical ? width - verticalTabBarWidth : width;
  const contentHeight = vertical ? height : height - tabBarHeight;
  return (
    <div style={{ width, height, display: 'flex', flexDirection: vertical ? 'row' : 'column' }}>
      <div
        role="tablist"
        className={vertical ? 'sv-tabs sv-tabs-vertical' : 'sv-tabs'}
        style={vertical ? { width: verticalTabBarWidth, height } : { height: tabBarHeight, width }}
      >
        {node.items.map((_, i) => (
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: tabs are fixed by the figure.
            key={i}
            type="button"
            role="tab"
            aria-selected={i === current}
            className={i === current ? 'sv-tab sv-tab-current' : 'sv-tab'}
            onClick={() => {
              setCurrent(i);
              setShown((prev) => (prev.has(i) ? prev : new Set([...prev, i])));
            }}
          >
            {node.itemProperties[i]?.label ?? `Tab ${i + 1}`}
          </button>
        ))}
      </div>
      <div style={{ position: 'relative', width: contentWidth, height: contentHeight }}>
        {node.items.map((item, i) =>
          shown.has(i) ? (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: tabs are fixed by the figure.
              key={i}
              role="tabpanel"
              style={{ position: 'absolute', inset: 0, visibility: i === current ? 'visible' : 'hidden' }}
            >
              <LayoutView node={item} model={model} width={contentWidth} height={contentHeight} />
            </div>
          ) : null,
        )}
      </div>
    </div>
  );
}
