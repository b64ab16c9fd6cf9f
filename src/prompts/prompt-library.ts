import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { invalidFile } from '../errors.js';

/**
 * Prompts are files, reviewed like code: `prompts/<name>/config.json` (schema version, model settings, token
 * budget, declared variables) beside `prompt.txt`, whose {{variables}} must be exactly the declared ones.
 * Everything is read and checked once at startup, so a broken prompt stops the process with the file named
 * rather than a conversation failing later.
 */

const promptConfigSchema = z
  .object({
    schemaVersion: z.literal(1),
    description: z.string().min(1),
    kind: z.literal('structured'),
    schemaName: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or - (an OpenAI function name)'),
    model: z
      .object({
        temperature: z.number().min(0).max(2).optional(),
        maxOutputTokens: z.number().int().positive().optional(),
      })
      .strict(),
    budget: z
      .object({
        maxInputTokens: z.number().int().positive(),
        maxOfferings: z.number().int().positive().optional(),
        descriptionChars: z.number().int().positive().optional(),
      })
      .strict(),
    variables: z.array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/)),
  })
  .strict();
type PromptConfig = z.infer<typeof promptConfigSchema>;

export type Prompt = {
  name: string;
  config: PromptConfig;
  /** The instructions with every {{variable}} replaced; throws on a missing variable (a programming error). */
  render(variables: Record<string, string | number>): string;
};

export type PromptLibrary = { get(name: string): Prompt };

const placeholderPattern = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

export async function loadPromptFolder(options: { directory: string; name: string }): Promise<Prompt> {
  const folder = path.join(options.directory, options.name);
  const configFile = path.join(folder, 'config.json');
  const textFile = path.join(folder, 'prompt.txt');
  const configText = await readText(configFile);
  let json: unknown;
  try {
    json = JSON.parse(configText);
  } catch (error) {
    throw invalidFile({ file: configFile, problem: `not valid JSON (${(error as Error).message})`, cause: error });
  }
  const parsed = promptConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw invalidFile({
      file: configFile,
      problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
    });
  }
  const config = parsed.data;
  const text = await readText(textFile);
  if (text.trim() === '') throw invalidFile({ file: textFile, problem: 'the prompt is empty' });
  const used = new Set([...text.matchAll(placeholderPattern)].map((match) => match[1]!));
  const declared = new Set(config.variables);
  const undeclared = [...used].filter((name) => !declared.has(name));
  const unused = [...declared].filter((name) => !used.has(name));
  if (undeclared.length > 0)
    throw invalidFile({
      file: textFile,
      problem: `uses {{${undeclared.join('}}, {{')}}} not declared in config.json "variables"`,
    });
  if (unused.length > 0)
    throw invalidFile({ file: configFile, problem: `declares variables the prompt never uses: ${unused.join(', ')}` });
  return {
    name: options.name,
    config,
    render(variables) {
      return text.replace(placeholderPattern, (_match, name: string) => {
        const value = variables[name];
        if (value === undefined) throw new Error(`Prompt ${options.name}: no value for {{${name}}}`);
        return String(value);
      });
    },
  };
}

/** Loads the named prompt folders; any broken one stops the load with its file named. */
export async function loadPromptLibrary(options: { directory: string; names: string[] }): Promise<PromptLibrary> {
  const prompts = new Map<string, Prompt>();
  for (const name of options.names) prompts.set(name, await loadPromptFolder({ directory: options.directory, name }));
  return {
    get(name) {
      const prompt = prompts.get(name);
      if (!prompt) throw new Error(`No prompt named ${name} was loaded (loaded: ${[...prompts.keys()].join(', ')})`);
      return prompt;
    },
  };
}

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw invalidFile({
      file,
      problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message,
      cause: error,
    });
  }
}
