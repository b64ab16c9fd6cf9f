import { z } from 'zod';
import { levels, modes } from '../catalogue/offering.js';

/**
 * What Veileder knows about a learner, built up over a conversation and kept per learner.
 * Every field is optional: the dialogue asks for what matters most and is still missing.
 */
export const languageSchema = z
  .enum(['nb', 'nn', 'en'])
  .describe('The language the learner writes in: Norwegian Bokmål, Nynorsk or English');
export type Language = z.infer<typeof languageSchema>;

export const profileSchema = z.object({
  occupation: z
    .object({
      text: z.string().describe("The learner's own words for their role, e.g. 'sykepleier på sykehjem'"),
      code: z.string().optional().describe('STYRK-08 code when the role maps to one'),
      label: z.string().optional().describe('The STYRK-08 name of that code'),
    })
    .optional(),
  industry: z.object({ code: z.string().optional(), label: z.string() }).optional().describe('SN2007 industry'),
  educationLevel: z.enum(['primary', 'upper_secondary', 'vocational', 'bachelor', 'master', 'phd']).optional(),
  goals: z.array(z.string()).default([]).describe('What the learner wants to achieve, in their words'),
  topics: z.array(z.string()).default([]).describe('Subjects the learner wants to learn'),
  time: z
    .object({
      hoursPerWeek: z.number().positive().optional(),
      evenings: z.boolean().optional(),
      weekends: z.boolean().optional(),
      weeks: z.number().positive().optional().describe('How many weeks the learner can commit'),
      partTime: z.boolean().optional().describe('Must fit beside a job'),
    })
    .optional(),
  budget: z.object({ free: z.boolean().optional(), maxNok: z.number().nonnegative().optional() }).optional(),
  modes: z.array(z.enum(modes)).default([]).describe('Accepted modes; empty = any'),
  places: z
    .array(z.string())
    .default([])
    .describe('Norwegian cities, municipalities, counties or regions the learner can attend'),
  language: languageSchema.optional(),
  levels: z.array(z.enum(levels)).default([]).describe('Accepted kinds of offering; empty = any'),
  accreditedOnly: z.boolean().optional(),
  startWithinMonths: z.number().positive().optional(),
  avoid: z.array(z.string()).default([]).describe('Topics, providers or places the learner does not want'),
  avoidModes: z.array(z.enum(modes)).default([]).describe('Ways of studying the learner turned down ("not online")'),
  avoidPlaces: z
    .array(z.string())
    .default([])
    .describe('Places the learner turned down ("ikke i Oslo"): offerings held only there are left out'),
  avoidLevels: z
    .array(z.enum(levels))
    .default([])
    .describe('Kinds of offering the learner turned down ("ikkje folkehøgskule", "not a master")'),
  wishes: z
    .object({
      modes: z.array(z.enum(modes)).default([]),
      places: z.array(z.string()).default([]),
      levels: z.array(z.enum(levels)).default([]),
      partTime: z.boolean().optional(),
      free: z.boolean().optional(),
    })
    .optional()
    .describe('Soft preferences ("helst", "gjerne", "ideally"): they lift matching offerings but never exclude others'),
});
export type Profile = z.infer<typeof profileSchema>;

export const emptyProfile = (): Profile => profileSchema.parse({});
