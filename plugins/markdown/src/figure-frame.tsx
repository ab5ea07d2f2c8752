import { useEffect, useRef, useState } from 'react';

/**
 * An embedded figure: a placeholder until it comes within 200 px of the viewport, then the
 * figURL's iframe (doc-figurl mounted its embeds only when visible, too).
 */
export function FigureFrame({ src, label, height }: { src: string; label: string; height: number }) {
  const element = useRef<HTMLSpanElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (visible || target === null) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [visible]);
  const title = label || 'Embedded figure';
  return (
    <span ref={element} className="figure-frame" style={{ height }}>
      {visible ? (
        <iframe src={src} title={title} allow="fullscreen" />
      ) : (
        <span className="figure-placeholder">{title}</span>
      )}
    </span>
  );
}
