import { Router } from 'express';
import { apiVersion } from './api-version.js';
import { fieldFromMetadata } from './custom-field-metadata.js';
import type { RouteContext } from './route-context.js';
import { SalesforceHttpError } from './salesforce-error.js';
import { toId18 } from './record-id.js';

const FIELD_PATH = '/services/data/:version/tooling/sobjects/CustomField';

/**
 * Tooling API custom fields: create (`{FullName, Metadata}` → 201 SaveResult), read and
 * delete by id. Created fields appear in describe and become writable at once; Salesforce
 * also needs field-level security for them, which the sandbox grants implicitly.
 */
export function toolingRoutes(context: RouteContext): Router {
  const { data } = context;
  const router = Router();

  router.post(FIELD_PATH, (request, response) => {
    apiVersion(request);
    const { objectName, field } = fieldFromMetadata(request.body);
    const schema = data.schema(objectName);
    if (!schema) {
      throw SalesforceHttpError.badRequest(
        'FIELD_INTEGRITY_EXCEPTION',
        `Entity Enumeration Or ID: bad value for restricted picklist field: ${objectName}`,
        [],
      );
    }
    const developerName = field.name.replace(/__c$/, '');
    if (schema.field(field.name)) {
      throw SalesforceHttpError.badRequest(
        'DUPLICATE_DEVELOPER_NAME',
        `There is already a field named ${developerName} on ${schema.name}.`,
        [],
      );
    }
    if (schema.customFields().length >= data.customFieldLimit) {
      throw SalesforceHttpError.badRequest(
        'LIMIT_EXCEEDED',
        `You've reached the maximum number of custom fields (${data.customFieldLimit}) ` +
          `for ${schema.name}. Delete a custom field before creating a new one.`,
        [],
      );
    }

    const stored = data.addCustomField(schema.name, field);
    response
      .status(201)
      .json({ id: stored.toolingId, success: true, errors: [], warnings: [], infos: [] });
  });

  router.get(`${FIELD_PATH}/:id`, (request, response) => {
    const version = apiVersion(request);
    const id = toId18(String(request.params['id']));
    const found = id === undefined ? undefined : data.customFieldById(id);
    if (!found) throw SalesforceHttpError.notFound();
    const { objectName, field } = found;
    response.json({
      attributes: {
        type: 'CustomField',
        url: `/services/data/v${version}/tooling/sobjects/CustomField/${id}`,
      },
      Id: id,
      DeveloperName: field.name.replace(/__c$/, ''),
      TableEnumOrId: objectName,
      FullName: `${objectName}.${field.name}`,
      Metadata: { label: field.label, type: field.type, description: field.description },
    });
  });

  router.delete(`${FIELD_PATH}/:id`, (request, response) => {
    apiVersion(request);
    const id = toId18(String(request.params['id']));
    const found = id === undefined ? undefined : data.customFieldById(id);
    if (!found) throw SalesforceHttpError.notFound();
    data.removeCustomField(found.objectName, found.field.name);
    response.status(204).end();
  });

  return router;
}
