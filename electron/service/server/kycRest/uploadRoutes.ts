import { UPLOAD_BASE_PATH } from '../../../../shared/schemas/upload';
import { restOk } from './restEnvelope';
import type { RestRoute } from './restContext';

/**
 * The URL LeapCat's `upload` answers: `GET /api/web/kycService/uploads/{id}` with a bearer token
 * returns the stored file itself (its type, its bytes), for the operator who uploaded it or,
 * once filed with a customer, for anyone who may read that case.
 */
export const uploadRoutes: RestRoute[] = [
  {
    method: 'GET',
    pattern: `${UPLOAD_BASE_PATH}uploads/{id}`,
    async handler(ctx) {
      const u = await ctx.call('uploads.get', { key: `uploads/${ctx.params.id ?? ''}` });
      if (u.attached) ctx.auditIds.profileId = u.attached.profileId;
      return { ...restOk({ key: u.key, mimeType: u.mimeType, byteSize: u.byteSize }), file: { mimeType: u.mimeType, bytes: Buffer.from(u.dataBase64, 'base64') } };
    },
  },
];
