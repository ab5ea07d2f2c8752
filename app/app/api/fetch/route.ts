import { handleFetch } from '../../../lib/fetch-handler';
import { getShellDeps } from '../../../lib/get-shell-deps';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handleFetch(request, getShellDeps());
}
