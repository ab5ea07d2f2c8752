import { handleGitHubCallback } from '../../../lib/auth-handlers';
import { getShellDeps } from '../../../lib/get-shell-deps';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handleGitHubCallback(request, getShellDeps());
}
