import { handleCuration } from '../../../lib/curation-handler';
import { getShellDeps } from '../../../lib/get-shell-deps';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleCuration(request, getShellDeps());
}
