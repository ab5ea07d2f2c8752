import { useSyncExternalStore } from 'react';
import { getFigurlBridge } from './figurl-bridge.js';

/**
 * Who is signed in to the shell (`setCurrentUser`; the shell never passes a token).
 *
 * @example
 * const { signedIn, userId } = useSignedIn();
 */
export function useSignedIn(): { signedIn: boolean; userId: string | undefined } {
  const bridge = getFigurlBridge();
  const userId = useSyncExternalStore(bridge.subscribe, bridge.getUserId);
  return { signedIn: userId !== undefined, userId };
}
