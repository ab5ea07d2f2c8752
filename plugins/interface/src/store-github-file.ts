import { getFigurlBridge } from './figurl-bridge.js';

/**
 * Commits text to a GitHub file after the shell asks the user; throws unless it was committed.
 *
 * @example
 * await storeGithubFile('gh://lab/curations/main/session1.json', JSON.stringify(curation));
 */
export function storeGithubFile(uri: string, text: string): Promise<void> {
  return getFigurlBridge().storeGithubFile(uri, text);
}
