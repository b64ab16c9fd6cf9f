import { Router } from 'express';
import { z } from 'zod';
import { invalidRequest } from '../../../src/errors.js';
import type { SkillGapDemand, UnmetNeed } from '../../../src/demand/demand-figures.js';
import { sendCsv, toCsv, type CsvColumn } from '../advisers/csv.js';
import type { RouteModule } from './route-module.js';

/**
 * Demand the catalogue does not meet, as open data for providers and public planners: the skills
 * organisations' team plans and learners' "hva bør jeg lære i jobben min?" answers need and no offering
 * teaches (by county and industry), and the topics learners asked for in conversations that the catalogue
 * answered badly. Aggregates only, the same suppression as the advisers' analytics: a count of fewer than 3
 * organisations or learners is not shown, nor one that a shown total minus its shown parts would give away.
 */

const minimumGroup = 3;
const suppressed = `under ${minimumGroup} or hidden`;
const days = 365;
const csvQuerySchema = z.object({ table: z.enum(['skills', 'topics']).default('skills') });

const skillColumns: CsvColumn<SkillGapDemand>[] = [
  { header: 'skill_id', value: (row) => row.skillId },
  { header: 'skill', value: (row) => row.skill },
  { header: 'county', value: (row) => row.county ?? 'all' },
  { header: 'industry_code', value: (row) => row.industryCode ?? 'all' },
  { header: 'industry', value: (row) => row.industry ?? '' },
  { header: 'organisations', value: (row) => row.organisations ?? suppressed },
  { header: 'people', value: (row) => row.people ?? suppressed },
  { header: 'learners', value: (row) => row.learners ?? suppressed },
];
const topicColumns: CsvColumn<UnmetNeed>[] = [
  { header: 'topic', value: (row) => row.topic },
  { header: 'learners', value: (row) => row.learners },
  { header: 'no_suggestions', value: (row) => row.noSuggestions ?? `under ${minimumGroup}` },
  { header: 'weak_match', value: (row) => row.weakMatch ?? `under ${minimumGroup}` },
  { header: 'rated_low', value: (row) => row.ratedLow ?? `under ${minimumGroup}` },
];

export const demandRoutes: RouteModule = {
  describe: [
    {
      path: '/api/demand',
      summary:
        'unmet demand as open data: skills organisations need that no offering teaches (by county and industry), topics learners asked for that the catalogue answered badly; groups under 3 left out',
    },
    { path: '/api/demand.csv', summary: 'the same as CSV (?table=skills or topics)' },
  ],
  router({ useCases }) {
    const router = Router();
    const load = () => useCases.readUnmetDemand({ now: new Date(), days, minimumGroup });
    router.get('/api/demand', async (_request, response) => {
      const { from, to, skills, topics } = await load();
      response.set('Cache-Control', 'public, max-age=300').json({
        minimumGroup,
        skills: {
          about:
            "essential skills no offering in the catalogue teaches: of organisations' team-plan roles (each organisation's latest plan) and of the occupations learners asked about in chat; a count under minimumGroup, or one a shown total would give away, is null",
          rows: skills,
        },
        topics: {
          about: 'topics learners asked for in conversations the catalogue answered badly',
          from: from.toISOString(),
          to: to.toISOString(),
          rows: topics,
        },
      });
    });
    router.get('/api/demand.csv', async (request, response) => {
      const parsed = csvQuerySchema.safeParse(request.query);
      if (!parsed.success) throw invalidRequest({ message: 'table must be skills or topics' });
      const { skills, topics } = await load();
      const day = new Date().toISOString().slice(0, 10);
      const csv = parsed.data.table === 'skills' ? toCsv(skillColumns, skills) : toCsv(topicColumns, topics);
      sendCsv(response, { filename: `veileder-demand-${parsed.data.table}-${day}.csv`, csv });
    });
    return router;
  },
};
