import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';

/** One record of a REST query: field values plus `attributes` ({ type, url }). */
export const wireRecordSchema = z.record(z.string(), z.unknown());
export type WireRecord = z.infer<typeof wireRecordSchema>;

export const queryResultSchema = z.object({
  totalSize: z.number().int().nonnegative(),
  done: z.boolean(),
  nextRecordsUrl: z.string().min(1).optional(),
  records: z.array(wireRecordSchema),
});

export const describeFieldSchema = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  custom: z.boolean().optional(),
  compoundFieldName: z.string().nullish(),
  referenceTo: z.array(z.string()).nullish(),
});
export type DescribeField = z.infer<typeof describeFieldSchema>;

export const describeSchema = z.object({
  name: z.string().min(1),
  keyPrefix: z.string().nullish(),
  fields: z.array(describeFieldSchema),
});

export const apiErrorSchema = z.object({
  statusCode: z.string().optional(),
  errorCode: z.string().optional(),
  message: z.string().optional(),
  fields: z.array(z.string()).optional(),
});
export type ApiErrorItem = z.infer<typeof apiErrorSchema>;

/** sObject Collections answer one result per record, in request order. */
export const saveResultsSchema = z.array(
  z.object({
    id: z.string().nullish(),
    success: z.boolean(),
    errors: z.array(apiErrorSchema).default([]),
  }),
);

export const jobInfoSchema = z.object({
  id: z.string().min(1),
  state: z.string().min(1),
  errorMessage: z.string().nullish(),
  numberRecordsProcessed: z.number().optional(),
  numberRecordsFailed: z.number().optional(),
});
export type JobInfo = z.infer<typeof jobInfoSchema>;

/** Validates a Salesforce payload, naming the endpoint and the path of the first problem. */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  data: unknown,
  endpoint: string,
): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0];
  const path = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.');
  throw new CrmMlError(
    'salesforce_unexpected_payload',
    `Salesforce ${endpoint} answered an unexpected payload at ${path}: ${issue?.message ?? '?'}`,
    { details: [{ path, message: issue?.message ?? 'invalid' }] },
  );
}
