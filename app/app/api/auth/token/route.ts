import { handleTokenSignIn } from '../../../../lib/auth-handlers';
import { getShellDeps } from '../../../../lib/get-shell-deps';

export function POST(request: Request): Promise<Response> {
  return handleTokenSignIn(request, getShellDeps());
}
