import { Router } from 'express';
import { z } from 'zod';
import { SandboxHttpError } from './hubspot-error.js';
import { resolveObjectType } from './object-type.js';
import { parseBody } from './parse-input.js';
import {
  FIELD_TYPES_BY_TYPE,
  PROPERTY_TYPES,
  type PropertyDefinition,
  type PropertyGroup,
} from './property-definition.js';
import type { RouteContext } from './route-context.js';

// HubSpot property and group names: lowercase, starting with a letter.
const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

const optionSchema = z.object({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().optional(),
  hidden: z.boolean().optional(),
  description: z.string().optional(),
});

const propertyBody = z.object({
  name: z.string().regex(NAME_PATTERN, 'must be lowercase letters, digits and _'),
  label: z.string().min(1),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string().default(''),
  options: z.array(optionSchema).default([]),
  displayOrder: z.number().default(-1),
});

const groupBody = z.object({
  name: z.string().regex(NAME_PATTERN, 'must be lowercase letters, digits and _'),
  label: z.string().min(1),
  displayOrder: z.number().default(-1),
});

/** The property as `GET /crm/v3/properties` sends it (the client's `Property` model). */
export function toWireProperty(property: PropertyDefinition, archived = false): object {
  return {
    updatedAt: property.updatedAt,
    createdAt: property.createdAt,
    name: property.name,
    label: property.label,
    type: property.type,
    fieldType: property.fieldType,
    description: property.description,
    groupName: property.groupName,
    options: property.options,
    displayOrder: property.displayOrder,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: false,
    hubspotDefined: property.hubspotDefined,
    modificationMetadata: {
      archivable: !property.hubspotDefined,
      readOnlyDefinition: property.hubspotDefined,
      readOnlyValue: property.readOnlyValue,
    },
    formField: !property.readOnlyValue,
    archived,
  };
}

function checkFieldType(
  type: PropertyDefinition['type'],
  fieldType: string,
  options: unknown[],
): void {
  const allowed = FIELD_TYPES_BY_TYPE[type];
  if (!allowed.includes(fieldType)) {
    throw SandboxHttpError.validation(
      `fieldType ${fieldType} is not valid for type ${type}; ` +
        `use one of ${allowed.join(', ')}.`,
    );
  }
  if (type === 'enumeration' && options.length === 0) {
    throw SandboxHttpError.validation('An enumeration property needs at least one option.');
  }
}

/** Property definitions and groups: `/crm/v3/properties/{objectType}`. */
export function propertyRoutes(context: RouteContext): Router {
  const router = Router();
  const { catalog } = context.data;

  router.get('/crm/v3/properties/:objectType/groups', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    response.json({ results: catalog.listGroups(type) });
  });

  router.post('/crm/v3/properties/:objectType/groups', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const body = parseBody(groupBody, request.body);
    const group: PropertyGroup = { ...body, archived: false };
    if (!catalog.addGroup(type, group)) {
      throw SandboxHttpError.conflict(`A property group named '${body.name}' already exists.`);
    }
    response.status(201).json(group);
  });

  router.get('/crm/v3/properties/:objectType', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    if (request.query['archived'] === 'true') {
      const archived = catalog.listArchived(type).map((property) => toWireProperty(property, true));
      response.json({ results: archived });
      return;
    }
    response.json({ results: catalog.list(type).map((property) => toWireProperty(property)) });
  });

  // Archives the property (HubSpot keeps it restorable); 404 when there is no live one.
  router.delete('/crm/v3/properties/:objectType/:name', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const property = catalog.get(type, request.params.name);
    if (property?.hubspotDefined === true) {
      throw SandboxHttpError.validation(`${request.params.name} is a HubSpot-defined property.`);
    }
    if (!catalog.archive(type, request.params.name)) {
      throw SandboxHttpError.notFound(`Unable to find property ${request.params.name} on ${type}.`);
    }
    response.status(204).end();
  });

  router.get('/crm/v3/properties/:objectType/:name', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const property = catalog.get(type, request.params.name);
    if (!property) {
      throw SandboxHttpError.notFound(`Unable to find property ${request.params.name} on ${type}.`);
    }
    response.json(toWireProperty(property));
  });

  router.post('/crm/v3/properties/:objectType', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const body = parseBody(propertyBody, request.body);
    if (catalog.get(type, body.name)) {
      throw SandboxHttpError.conflict(`Property named '${body.name}' already exists.`);
    }
    checkFieldType(body.type, body.fieldType, body.options);
    if (!catalog.getGroup(type, body.groupName)) {
      throw SandboxHttpError.validation(`Property group ${body.groupName} does not exist.`);
    }

    const now = context.data.now().toISOString();
    const property: PropertyDefinition = {
      ...body,
      options: body.options.map((option, index) => ({
        ...option,
        displayOrder: option.displayOrder ?? index,
        hidden: option.hidden ?? false,
      })),
      readOnlyValue: false,
      hubspotDefined: false,
      createdAt: now,
      updatedAt: now,
    };
    catalog.add(type, property);
    response.status(201).json(toWireProperty(property));
  });

  return router;
}
