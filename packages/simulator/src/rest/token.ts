/** `POST /token`: the OAuth password and refresh grants (form-urlencoded). */
import type { SimContext } from '../context.js';
import { json, route, type Route } from './http.js';

function oauthError(error: string, description: string) {
  return json({ error, error_description: description }, 400);
}

export function tokenRoutes(ctx: SimContext): Route[] {
  /** The configured user named `username`, for the per-user counters. */
  const who = (username: string) => {
    const user = ctx.opts.users.find((u) => u.username === username);
    return user && { username: user.username, tenant: user.tenant };
  };
  return [
    route(
      'POST',
      '/token',
      (req) => {
        const type = String(req.headers['content-type'] ?? '');
        if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
          ctx.tokens.add('failed');
          return oauthError(
            'invalid_request',
            'Content-Type must be application/x-www-form-urlencoded.',
          );
        }
        const form = new URLSearchParams(req.body.toString('utf8'));
        const grant = form.get('grant_type');
        if (grant === 'password') {
          const username = form.get('username') ?? '';
          const password = form.get('password') ?? '';
          const answer = ctx.auth.passwordGrant(username, password);
          ctx.tokens.add(answer ? 'password' : 'failed', who(username));
          if (!answer)
            return oauthError('invalid_grant', 'The user name or password is incorrect.');
          ctx.opts.log(`[rest] login ${username}`);
          return json(answer);
        }
        if (grant === 'refresh_token') {
          const answer = ctx.auth.refreshGrant(form.get('refresh_token') ?? '');
          if (!answer) {
            ctx.tokens.add('failed');
            return oauthError('invalid_grant', 'The refresh token is invalid or expired.');
          }
          ctx.tokens.add('refresh', who(answer.userName));
          return json(answer);
        }
        ctx.tokens.add('failed');
        return oauthError(
          'unsupported_grant_type',
          'grant_type must be password or refresh_token.',
        );
      },
      false,
    ),
  ];
}
