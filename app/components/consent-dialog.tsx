'use client';

export interface ConsentRequest {
  /** `store-file` or `store-github-file`. */
  purpose: string;
  title: string;
  detail: string;
  resolve(allowed: boolean): void;
}

/**
 * Asks the user before a plugin stores anything in their name. The plugin cannot see or click
 * it: it is the shell's own DOM, outside the plugin's frame.
 */
export function ConsentDialog({ request }: { request: ConsentRequest }) {
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="figurl-consent-title"
      data-figurl-consent={request.purpose}
      style={{
        position: 'fixed',
        inset: 0,
        background: 'rgba(31,35,40,0.45)',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        zIndex: 10,
      }}
    >
      <div
        style={{ background: 'var(--bg)', borderRadius: 8, padding: 24, maxWidth: 520, boxShadow: '0 8px 24px #0004' }}
      >
        <h2 id="figurl-consent-title" style={{ margin: '0 0 8px', fontSize: 18 }}>
          {request.title}
        </h2>
        <p style={{ margin: '0 0 20px', color: 'var(--muted)', wordBreak: 'break-word' }}>{request.detail}</p>
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
          <button type="button" onClick={() => request.resolve(false)}>
            Don't allow
          </button>
          <button
            type="button"
            data-figurl-consent-allow
            onClick={() => request.resolve(true)}
            style={{ background: 'var(--accent)', color: '#fff', border: 0, borderRadius: 6, padding: '6px 14px' }}
          >
            Allow
          </button>
        </div>
      </div>
    </div>
  );
}
