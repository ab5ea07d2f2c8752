import 'server-only';
import type { FigureRecord } from '@figurl/sdk';
import { getShellConfig } from './shell-config';

export interface InstalledPlugin {
  name: string;
  title: string;
  description: string;
  aliases: string[];
}

const pluginListTtlMs = 30_000;
let pluginList: { at: number; plugins: InstalledPlugin[] } | undefined;

/**
 * The plugins the plugin host serves (`<pluginHost>/index.json`), remembered for 30 s. An
 * unreachable host answers an empty list: figures of remote plugins still open.
 */
export async function listPlugins(): Promise<InstalledPlugin[]> {
  const now = Date.now();
  if (pluginList !== undefined && now - pluginList.at < pluginListTtlMs) return pluginList.plugins;
  const { pluginHostUrl } = getShellConfig();
  try {
    const res = await fetch(`${pluginHostUrl}/index.json`, { signal: AbortSignal.timeout(3000), cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { plugins?: InstalledPlugin[] };
    pluginList = { at: now, plugins: Array.isArray(body.plugins) ? body.plugins : [] };
  } catch {
    // Not remembered: the next request tries again (the zone may still be starting).
    return [];
  }
  return pluginList.plugins;
}

/** Recent figures of the zone's registry, newest first; null when the zone does not answer. */
export async function listFigures(limit = 24): Promise<FigureRecord[] | null> {
  const { zoneUrl } = getShellConfig();
  try {
    const res = await fetch(`${zoneUrl}/api/v1/figures?limit=${limit}`, {
      signal: AbortSignal.timeout(3000),
      cache: 'no-store',
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { figures?: FigureRecord[] };
    return Array.isArray(body.figures) ? body.figures : [];
  } catch {
    return null;
  }
}
