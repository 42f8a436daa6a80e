import { Router } from 'express';

/** `GET /account-info/v3/details`: the portal behind the token, as HubSpot describes it. */
export function accountRoutes(portalId: number): Router {
  const router = Router();
  router.get('/account-info/v3/details', (_request, response) => {
    response.json({
      portalId,
      accountType: 'DEVELOPER_TEST',
      timeZone: 'UTC',
      companyCurrency: 'USD',
      additionalCurrencies: [],
      utcOffset: '+00:00',
      utcOffsetMilliseconds: 0,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });
  return router;
}
