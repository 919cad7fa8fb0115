/** Who asks, and the answer in the running profile: shared by the TPOS route files. */
import type { SimContext } from '../context.js';
import type { SimTenant, Staff } from '../data/model.js';
import { shapeFor, type Shape } from '../recorded.js';
import { HttpError, json, type Reply, type SimRequest } from './http.js';

/** An OData-style error (`{"error":{"code":"UnexpectedError","message"}}`). */
export function odataError(status: number, message: string): HttpError {
  return new HttpError(status, 'UnexpectedError', message);
}

/** The tenant of the request's token. */
export function tenantOf(ctx: SimContext, req: SimRequest): SimTenant {
  const tenant = ctx.store.tenant(req.principal!.tenant);
  if (!tenant) throw odataError(404, 'Unknown tenant.');
  return tenant;
}

/** The staff record of the requesting user. */
export function staffOf(tenant: SimTenant, req: SimRequest): Staff {
  const p = req.principal!;
  return (
    tenant.staff.find((s) => s.UserName === p.username) ?? {
      Id: p.userId,
      Name: p.displayName,
      UserName: p.username,
    }
  );
}

/** A JSON answer cut to `shape` in the recorded profile, whole in the rich one. */
export function shaped(ctx: SimContext, shape: Shape, body: unknown, status = 200): Reply {
  return json(shapeFor(ctx.opts.profile, shape, body), status);
}
