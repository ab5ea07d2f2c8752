import { getShellDeps } from '../../../lib/get-shell-deps';
import { handleStore } from '../../../lib/store-handler';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleStore(request, getShellDeps());
}
