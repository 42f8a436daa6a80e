import { createNetworkPlugin } from '../../../plugins/network/index.js';
import type { PluginContractCase } from '../../helpers/plugin-contract.js';
import { cliqueCrm, cliqueCrmWithBadLinks } from '../network/network-fixture.js';

const clean = cliqueCrm();
const tied = clean.records.map((record) => record.id);

/** The customer network of two cliques and a bridge; bad links and a loner mixed in. */
export const networkContract: PluginContractCase = {
  create: createNetworkPlugin,
  options: {},
  data: clean,
  scorable: tied,
  badOptions: { options: { restarts: 0 }, code: 'network_options_invalid' },
  badData: cliqueCrmWithBadLinks(),
  scorableDespiteBadData: tied,
  logsBadData: true,
  explainsLike: new RegExp(
    [
      'talks with \\d+ (person|people) in \\d+ communit(y|ies)',
      'top \\d+ % by influence',
      'more influential than \\d+ % of connected contacts',
      'in community ".+" \\(\\d+ contacts?\\)',
      'bridge: \\d+ % of its ties go to other communities',
      'hub: .+',
      'talks with one contact only',
      'mostly through .+',
    ]
      .map((reason) => `^${reason}$`)
      .join('|'),
  ),
};
