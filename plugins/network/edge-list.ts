import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';

/** The pairs of an edge-list file, and what could not be read. */
export interface EdgeList {
  edges: [string, string, number][];
  /** `u u` lines: a contact does not interact with itself. */
  selfLoops: number;
  problems: ErrorDetail[];
}

const MAX_PROBLEMS = 20;
// SNAP and Matrix Market files start comment lines with these.
const COMMENT = /^[#%]/;

/**
 * Reads `u v` or `u v weight` lines (spaces, tabs or commas between; `#` comments), as SNAP
 * publishes graphs. Unreadable lines are reported by number and left out; a file with no
 * edge at all is an error.
 */
export function parseEdgeList(text: string, file: string): EdgeList {
  const edges: [string, string, number][] = [];
  const problems: ErrorDetail[] = [];
  let selfLoops = 0;
  let unreadable = 0;
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (line === '' || COMMENT.test(line)) return;
    const fields = line.split(/[\s,]+/);
    const weight = fields.length === 3 ? Number(fields[2]) : 1;
    if (fields.length < 2 || fields.length > 3 || !(weight > 0) || !Number.isFinite(weight)) {
      unreadable += 1;
      if (problems.length < MAX_PROBLEMS) {
        problems.push({
          path: `${file}:${k + 1}`,
          message: `not 'u v' or 'u v weight': '${line.slice(0, 60)}'`,
        });
      }
      return;
    }
    const [a, b] = fields as [string, string];
    if (a === b) selfLoops += 1;
    else edges.push([a, b, weight]);
  });
  if (unreadable > problems.length) {
    problems.push({ path: file, message: `${unreadable - problems.length} more unreadable lines` });
  }
  if (edges.length === 0) {
    throw new CrmMlError('network_no_edges', `${file} has no edge between two different nodes`, {
      details: problems,
    });
  }
  return { edges, selfLoops, problems };
}

/** The `node label` lines of a ground-truth file; a node labelled twice keeps its first label. */
export function parseNodeLabels(
  text: string,
  file: string,
): { labels: Map<string, string>; problems: ErrorDetail[] } {
  const labels = new Map<string, string>();
  const problems: ErrorDetail[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (line === '' || COMMENT.test(line)) return;
    const fields = line.split(/[\s,]+/);
    const where = `${file}:${k + 1}`;
    if (fields.length !== 2) {
      problems.push({ path: where, message: `not 'node label': '${line.slice(0, 60)}'` });
    } else if (labels.has(fields[0] as string)) {
      problems.push({ path: where, message: `node ${fields[0]} is labelled again` });
    } else {
      labels.set(fields[0] as string, fields[1] as string);
    }
  });
  if (labels.size === 0) {
    throw new CrmMlError('network_no_labels', `${file} has no 'node label' line`, {
      details: problems,
    });
  }
  return { labels, problems: problems.slice(0, MAX_PROBLEMS) };
}
