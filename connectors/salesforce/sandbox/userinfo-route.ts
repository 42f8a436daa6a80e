import { Router } from 'express';
import { SANDBOX_USER_ID } from './salesforce-data.js';

/** `GET /services/oauth2/userinfo`: who the token belongs to, in which org (OpenID Connect). */
export function userinfoRoute(orgId: string, baseUrl: () => string): Router {
  const router = Router();
  router.get('/services/oauth2/userinfo', (_request, response) => {
    response.json({
      sub: `${baseUrl()}/id/${orgId}/${SANDBOX_USER_ID}`,
      user_id: SANDBOX_USER_ID,
      organization_id: orgId,
      preferred_username: 'sandbox@crm-ml.example',
      email: 'sandbox@crm-ml.example',
      email_verified: true,
      zoneinfo: 'Europe/Dublin',
      user_type: 'STANDARD',
      is_app_installed: true,
    });
  });
  return router;
}
