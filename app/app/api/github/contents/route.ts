import { getShellDeps } from '../../../../lib/get-shell-deps';
import { handleGitHubRead, handleGitHubWrite } from '../../../../lib/github-handlers';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handleGitHubRead(request, getShellDeps());
}

export function PUT(request: Request): Promise<Response> {
  return handleGitHubWrite(request, getShellDeps());
}
