import {
  BAD_USER_INPUT,
  NOT_FOUND,
  pageRequest,
  parsePeriod,
  requireAggregates,
  toConnection,
} from '@sahem/kit';
import type { ProgramResolvers } from '../__generated__/resolvers-types.ts';
import { requireParticipantsReader } from '../access.ts';
import { OWNED_ID } from '../agencies/ownedId.ts';

export const Program: ProgramResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.program.load(id),

  async agency(program, _, { loaders }) {
    const agency = await loaders.agency.load(program.agencyCode);
    // The foreign key makes this unreachable unless the row vanished mid-request.
    if (!agency) throw NOT_FOUND.err(`Agency ${program.agencyCode} of ${program.id} is gone.`);
    return agency;
  },
  title: (program) => ({ ar: program.titleAr, en: program.titleEn }),
  description: (program) => ({ ar: program.descriptionAr, en: program.descriptionEn }),
  region: (program) => ({ code: program.regionCode }),
  requiredSkills: (program) => program.requiredSkills.map((code) => ({ code })),

  async participations(program, { role, status, first, after }, { loaders, caller }) {
    requireParticipantsReader(caller, program, 'participations');
    const { take, after: afterId } = pageRequest(first, after);
    // Cursors of this connection carry a participation's id (`SCD-<uuid>`).
    if (afterId !== undefined && !OWNED_ID.test(afterId)) {
      throw BAD_USER_INPUT.err('after is not a cursor of these participations.', {
        field: 'after',
      });
    }
    const rows = await loaders.participationPage.load({
      id: program.id,
      role: role ?? null,
      status: status ?? null,
      take,
      after: afterId ?? null,
    });
    return {
      ...toConnection(rows, take, (row) => row.id),
      programId: program.id,
      role: role ?? null,
      status: status ?? null,
    };
  },

  teamLeads: (program, _, { loaders, caller }) => {
    requireParticipantsReader(caller, program, 'teamLeads');
    return loaders.teamLeadsOfProgram.load(program.id);
  },
  verifiedHours: (program, _, { loaders }) =>
    loaders.verifiedHoursOfProgram.load({ id: program.id, period: null }),
  verifiedHoursBySkill: (program, _, { loaders }) =>
    loaders.hoursBySkillOfProgram.load({ id: program.id, period: null }),
  period: (program, { period }, { caller }) => {
    requireAggregates(caller);
    return { programId: program.id, period: parsePeriod(period).key };
  },
};
