'use client';

import { createFigureHost, type FigureHost, type FigurlError, pluginFrameUrl } from '@figurl/sdk';
import { useEffect, useRef, useState } from 'react';
import { createFigurePageIo } from '../lib/browser/figure-page-io';
import { ConsentDialog, type ConsentRequest } from './consent-dialog';
import { FigureBar } from './figure-bar';
import { FigureError, type ShownError } from './figure-error';

export interface FigureViewProps {
  figureId: string;
  /** The shell's origin as the browser sees it (what the plugin posts back to). */
  parentOrigin: string;
  pluginUrl: string;
  plugin: string | undefined;
  view: string;
  dataUri: string | undefined;
  label: string | undefined;
  stateText: string | undefined;
  zone: string | undefined;
  hide: boolean;
  zoneUrl: string;
  login: string | null;
}

/**
 * Messages the plugin sends before this component has hydrated are kept by this inline script
 * (the frame is in the server's HTML and may be quicker than the page's scripts) and replayed.
 */
const earlyMessagesScript =
  'window.__figurlEarly=[];addEventListener("message",function(e){var q=window.__figurlEarly;if(q&&q.length<1000)q.push(e)});';

/** The figure page's client side: the plugin frame, the protocol host, the bar and dialogs. */
export function FigureView(props: FigureViewProps) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [consent, setConsent] = useState<ConsentRequest | null>(null);
  const [login, setLogin] = useState(props.login);
  const pluginOrigin = new URL(props.pluginUrl).origin;
  const sameOrigin = pluginOrigin === props.parentOrigin;
  const src = pluginFrameUrl({
    pageUrl: props.pluginUrl,
    parentOrigin: props.parentOrigin,
    figureId: props.figureId,
    state: props.stateText,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: one host for the page's life
  useEffect(() => {
    const frame = frameRef.current;
    if (frame === null) return;
    const fail = (err: FigurlError) => setError({ code: err.code, message: err.message });
    const io = createFigurePageIo({
      frame,
      pluginOrigin: sameOrigin ? '*' : pluginOrigin,
      zoneUrl: props.zoneUrl,
      zone: props.zone,
      onFigureError: fail,
      askConsent: (request) =>
        new Promise<boolean>((resolve) =>
          setConsent({
            ...request,
            resolve: (allowed) => {
              setConsent(null);
              resolve(allowed);
            },
          }),
        ),
    });
    const host: FigureHost = createFigureHost({
      figureId: props.figureId,
      dataUri: props.dataUri,
      initialState:
        props.stateText === undefined ? undefined : (JSON.parse(props.stateText) as Record<string, unknown>),
      io: io.hostIo,
    });
    const stopInitializing = io.startInitializeFigure(props.figureId, props.parentOrigin, props.stateText);
    const onMessage = (event: MessageEvent) => {
      if (event.source === frame.contentWindow && frame.contentWindow !== null) {
        // With its own origin the plugin must post from it (a frame navigated elsewhere cannot).
        if (!sameOrigin && event.origin !== pluginOrigin) return;
        if (host.handleMessage(event.data)) stopInitializing();
      } else if (event.source === window.parent && window.parent !== window) {
        const data = event.data as { type?: unknown; figureId?: unknown; message?: unknown } | null;
        if (data?.type === 'messageToFrontend' && data.figureId === props.figureId) {
          host.forwardMessageToFrontend(data.message);
        }
      }
    };
    const early = (window as { __figurlEarly?: MessageEvent[] | null }).__figurlEarly;
    (window as { __figurlEarly?: MessageEvent[] | null }).__figurlEarly = null;
    for (const event of early ?? []) onMessage(event);
    window.addEventListener('message', onMessage);
    const onPopState = () => {
      const state = io.readUrlState();
      if (state !== undefined) host.reportUrlStateChange(state);
    };
    window.addEventListener('popstate', onPopState);
    const stopAnnouncing = io.announceUser(host, props.login, setLogin);
    return () => {
      stopInitializing();
      stopAnnouncing();
      window.removeEventListener('message', onMessage);
      window.removeEventListener('popstate', onPopState);
    };
  }, []);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100dvh' }}>
      {props.hide ? null : (
        <FigureBar
          label={props.label}
          dataUri={props.dataUri}
          view={props.view}
          zoneUrl={props.zoneUrl}
          zone={props.zone}
          login={login}
        />
      )}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a fixed script, no user input */}
      <script dangerouslySetInnerHTML={{ __html: earlyMessagesScript }} />
      {error === null ? (
        <iframe
          ref={frameRef}
          title={props.label ?? 'figure'}
          src={src}
          data-figurl-plugin={props.plugin ?? props.view}
          // The plugin keeps its own origin's storage only when that origin is not ours. Downloads
          // are allowed: plugins export what the user made ("Export JSON" of a curation).
          sandbox={sameOrigin ? 'allow-scripts allow-downloads' : 'allow-scripts allow-same-origin allow-downloads'}
          referrerPolicy="no-referrer"
          style={{ flex: 1, width: '100%', border: 0, display: 'block' }}
        />
      ) : (
        <FigureError error={error} zoneUrl={props.zoneUrl} />
      )}
      {consent === null ? null : <ConsentDialog request={consent} />}
    </div>
  );
}
