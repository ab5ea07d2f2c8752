import { useCallback, useEffect, useRef, useState } from 'react';

/** How far outside the scroll viewport a box is still drawn (px). */
const preloadMargin = '300px';

/**
 * Which boxes of a scroll container are near its viewport, via one IntersectionObserver. Boxes
 * register with `observe` as their ref and carry `data-plot-key`; off-screen boxes are not drawn
 * (sortingview's `IfVisible`), which keeps grids of hundreds of units cheap.
 *
 * @example
 * const [root, setRoot] = useState<HTMLElement | null>(null);
 * const { visibleKeys, observe } = useVisibleKeys(root);
 * <div ref={setRoot}><div ref={observe} data-plot-key="3">{visibleKeys.has('3') && …}</div></div>
 */
export function useVisibleKeys(root: HTMLElement | null) {
  const elements = useRef(new Set<Element>());
  const observer = useRef<IntersectionObserver | undefined>(undefined);
  const [visibleKeys, setVisibleKeys] = useState<ReadonlySet<string>>(() => new Set());

  useEffect(() => {
    if (root === null) return;
    const created = new IntersectionObserver(
      (entries) => {
        setVisibleKeys((previous) => {
          const next = new Set(previous);
          for (const entry of entries) {
            const key = entry.target.getAttribute('data-plot-key');
            if (key === null) continue;
            if (entry.isIntersecting) next.add(key);
            else next.delete(key);
          }
          return next;
        });
      },
      { root, rootMargin: preloadMargin },
    );
    for (const element of elements.current) created.observe(element);
    observer.current = created;
    return () => {
      created.disconnect();
      observer.current = undefined;
    };
  }, [root]);

  const observe = useCallback((element: Element | null) => {
    if (element === null) return;
    elements.current.add(element);
    observer.current?.observe(element);
    return () => {
      elements.current.delete(element);
      observer.current?.unobserve(element);
    };
  }, []);

  return { visibleKeys, observe };
}
