import 'server-only';
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

// The home page's gallery asks the registry through the sdk's figure client: list-gallery-figures.ts.
export { type Gallery, type GalleryFigure, listGalleryFigures } from './list-gallery-figures';
