// The client's batch input types live deep in its generated code; named once here.
export type {
  BatchInputSimplePublicObjectBatchInput,
  BatchReadInputSimplePublicObjectId,
} from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
