import { z } from 'zod';

// An adapter's settings: the environment variables it reads (a zod object, each field described) and how they
// become the settings it is given. Variables that belong together are checked together here, so a half-set
// pair is reported beside every other mistake, each with the variables to fix.

/** Reports a mistake spanning variables; `variables` names them, as the operator would fix them. */
type ReportProblem = (variables: string, message: string) => void;

export function settingsSection<Shape extends z.ZodRawShape, Settings>(
  variables: Shape,
  build: (env: z.output<z.ZodObject<Shape>>, problem: ReportProblem) => Settings,
) {
  return z
    .object(variables)
    .transform((env, context) =>
      build(env, (names, message) => context.issues.push({ code: 'custom', path: [names], message, input: env })),
    );
}

/** What settingsSection returns, as the composition and the README check see it. */
type SettingsSection = z.ZodPipe<z.ZodObject, z.ZodType>;

/** Sections by the key their settings get in the configuration; a plain object groups sections under a key. */
type SectionTree = { readonly [key: string]: SettingsSection | SectionTree };

export type SettingsOf<Tree> = Tree extends SettingsSection
  ? z.output<Tree>
  : { -readonly [Key in keyof Tree]: SettingsOf<Tree[Key]> };

type SettingsIssue = { variable: string; message: string };

/** Reads every section from the environment; the issues of all sections, or the settings. */
export function readSections<Tree extends SectionTree>(
  tree: Tree,
  environment: Record<string, string | undefined>,
): { settings: SettingsOf<Tree>; issues: [] } | { settings: undefined; issues: SettingsIssue[] } {
  const issues: SettingsIssue[] = [];
  const read = (branch: SectionTree): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(branch).map(([key, node]) => {
        if (!isSection(node)) return [key, read(node)];
        const parsed = node.safeParse(environment);
        for (const issue of parsed.error?.issues ?? []) {
          const found = { variable: issue.path.join('.'), message: issue.message };
          // A variable two sections read is wrong once, however many read it.
          if (!issues.some((known) => known.variable === found.variable && known.message === found.message))
            issues.push(found);
        }
        return [key, parsed.data];
      }),
    );
  const settings = read(tree);
  return issues.length > 0 ? { settings: undefined, issues } : { settings: settings as SettingsOf<Tree>, issues: [] };
}

/** Every variable the sections read, with its schema; a variable two sections read is one shared field. */
export function sectionVariables(tree: SectionTree): Map<string, z.ZodType> {
  const variables = new Map<string, z.ZodType>();
  const walk = (branch: SectionTree) => {
    for (const node of Object.values(branch)) {
      if (!isSection(node)) {
        walk(node);
        continue;
      }
      for (const [name, field] of Object.entries(node.in.shape)) {
        const known = variables.get(name);
        if (known && known !== field) throw new Error(`${name} is declared twice; import the one field instead`);
        variables.set(name, field as z.ZodType);
      }
    }
  };
  walk(tree);
  return variables;
}

function isSection(node: SettingsSection | SectionTree): node is SettingsSection {
  return node instanceof z.ZodType;
}
