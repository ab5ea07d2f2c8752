// sha1://<hash> anywhere in a string (a bare URI, or inside a larger text such as a figURL),
// the kachery:<zone>:sha1:<hash> form, and, in JSON text, sortingview's legacy containers'
// `"figureDataSha1": "<hash>"` (2021–22 MountainLayout and Composite name their views' data by
// a bare hash). Uppercase hex is not a sha1 figurl writes.
const sha1UriPattern = /(?:sha1:\/\/|kachery:[^:\s"]*:sha1:|"figureDataSha1"\s*:\s*")([0-9a-f]{40})(?![0-9a-fA-F])/g;
/** The key under which sortingview's legacy containers give a view's data as a bare hash. */
const bareHashKey = 'figureDataSha1';
const bareHash = /^[0-9a-f]{40}$/;

/**
 * The distinct sha1 hashes that a JSON value refers to by URI, in order of first appearance:
 * every string (keys too) is searched, at any depth; a `figureDataSha1` member holding a bare
 * hash counts too (sortingview's legacy containers). This is what keeps blobs alive: the zone
 * records these references for figures, feed messages, mutables and curations.
 *
 * @example
 * findSha1Refs({ data: 'sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230?label=x', n: 3 });
 * // ['b971c6ef19b1d70ae8f0feb989b106c319b36230']
 */
export function findSha1Refs(value: unknown): string[] {
  const found = new Set<string>();
  // An explicit stack: JSON nested thousands deep must not overflow the call stack. Children
  // are pushed in reverse so hashes come out in document order.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      for (const match of node.matchAll(sha1UriPattern)) found.add(match[1] as string);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        stack.push(
          key === bareHashKey && typeof item === 'string' && bareHash.test(item) ? `sha1://${item}` : item,
          key,
        );
      }
    }
  }
  return [...found];
}
