import type { LocalisedText } from '../credentials/verdict-messages.js';

/**
 * Reads what a site manager pasted, uploaded or scanned: either one credential per line (a VC-JWT, a share
 * link from a wallet or its QR code, or the wallet's JSON download on one line), or a CSV whose header names
 * the columns (name/navn, credential/kursbevis, optionally role/rolle; comma, semicolon or tab). A line that
 * cannot be read is reported with its line number — never dropped silently, because a dropped line is a
 * worker nobody checked.
 */

export type PresentedCredential = { kind: 'jwt'; jwt: string } | { kind: 'share'; token: string };

export type RosterEntry = {
  /** 1-based line number in the text as given. */
  line: number;
  /** From the CSV; a scanned/pasted credential is named by the credential itself. */
  name: string | null;
  role: string | null;
  /** null = the roster names a worker who presented no credential. */
  credential: PresentedCredential | null;
};

export type RosterProblem = { line: number; text: string; message: LocalisedText };

export type ParsedRoster = { format: 'lines' | 'csv'; entries: RosterEntry[]; problems: RosterProblem[] };

/** Enough for a few hundred workers; more is not a site check but an import. */
const maxRosterLines = 2000;

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const shareToken = /^[A-Za-z0-9_-]{16,200}$/;

const headerNames = {
  name: ['name', 'navn', 'namn', 'arbeider', 'worker'],
  credential: ['credential', 'kursbevis', 'bevis', 'jwt', 'link', 'lenke', 'share'],
  role: ['role', 'rolle'],
};

const problemTexts = {
  unreadable: {
    nb: 'Linjen er verken et kursbevis (VC-JWT) eller en delingslenke.',
    nn: 'Linja er verken eit kursbevis (VC-JWT) eller ei delingslenkje.',
    en: 'The line is neither a credential (VC-JWT) nor a share link.',
  },
  noName: {
    nb: 'Linjen mangler navn.',
    nn: 'Linja manglar namn.',
    en: 'The line has no name.',
  },
  tooManyColumns: {
    nb: 'Linjen har flere kolonner enn overskriften.',
    nn: 'Linja har fleire kolonnar enn overskrifta.',
    en: 'The line has more columns than the header.',
  },
  tooFewColumns: {
    nb: 'Linjen har ikke kolonnene fra overskriften (navn og kursbevis, skilt med samme tegn).',
    nn: 'Linja har ikkje kolonnane frå overskrifta (namn og kursbevis, skilde med same teikn).',
    en: 'The line does not have the header’s columns (name and credential, separated the same way).',
  },
  tooLong: {
    nb: `Listen har mer enn ${maxRosterLines} linjer; resten er ikke lest.`,
    nn: `Lista har meir enn ${maxRosterLines} linjer; resten er ikkje lesen.`,
    en: `The list has more than ${maxRosterLines} lines; the rest was not read.`,
  },
} satisfies Record<string, LocalisedText>;

/** One presented credential from a cell or line, or null when it is none of the accepted forms. */
export function readPresentedCredential(text: string): PresentedCredential | null {
  const value = text.trim();
  if (compactJws.test(value)) return { kind: 'jwt', jwt: value };
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as unknown;
      const jwt =
        typeof parsed === 'object' && parsed !== null && 'jwt' in parsed ? (parsed as { jwt: unknown }).jwt : null;
      return typeof jwt === 'string' && compactJws.test(jwt.trim()) ? { kind: 'jwt', jwt: jwt.trim() } : null;
    } catch {
      return null;
    }
  }
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      const token = url.searchParams.get('share');
      return token && shareToken.test(token) ? { kind: 'share', token } : null;
    } catch {
      return null;
    }
  }
  return null;
}

export function parseRoster(text: string): ParsedRoster {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: RosterProblem[] = [];
  if (lines.length > maxRosterLines) {
    problems.push({ line: maxRosterLines + 1, text: '', message: problemTexts.tooLong });
    lines.length = maxRosterLines;
  }
  const numbered = lines
    .map((content, index) => ({ line: index + 1, content: content.trim() }))
    .filter((row) => row.content !== '' && !row.content.startsWith('#'));
  const header = numbered[0] ? readHeader(numbered[0].content) : null;
  const entries: RosterEntry[] = [];

  if (!header) {
    for (const row of numbered) {
      const credential = readPresentedCredential(row.content);
      if (credential) entries.push({ line: row.line, name: null, role: null, credential });
      else problems.push({ line: row.line, text: shorten(row.content), message: problemTexts.unreadable });
    }
    return { format: 'lines', entries, problems: sortProblems(problems) };
  }

  for (const row of numbered.slice(1)) {
    const cells = splitCsvLine(row.content, header.delimiter);
    if (cells.length === 1 && header.width > 1) {
      problems.push({ line: row.line, text: shorten(row.content), message: problemTexts.tooFewColumns });
      continue;
    }
    if (cells.length > header.width && cells.slice(header.width).some((cell) => cell.trim() !== '')) {
      problems.push({ line: row.line, text: shorten(row.content), message: problemTexts.tooManyColumns });
      continue;
    }
    const name = cells[header.name]?.trim() ?? '';
    const role = header.role === null ? '' : (cells[header.role]?.trim() ?? '');
    const cell = cells[header.credential]?.trim() ?? '';
    if (!name) {
      problems.push({ line: row.line, text: shorten(row.content), message: problemTexts.noName });
      continue;
    }
    const credential = cell ? readPresentedCredential(cell) : null;
    if (cell && !credential) {
      problems.push({ line: row.line, text: shorten(row.content), message: problemTexts.unreadable });
      continue;
    }
    entries.push({ line: row.line, name, role: role || null, credential });
  }
  return { format: 'csv', entries, problems: sortProblems(problems) };
}

type Header = { delimiter: string; name: number; credential: number; role: number | null; width: number };

/** A first line naming a name column and a credential column makes the text a CSV. */
function readHeader(line: string): Header | null {
  if (compactJws.test(line) || /^https?:\/\//i.test(line) || line.startsWith('{')) return null;
  const delimiter = line.includes('\t') ? '\t' : line.includes(';') ? ';' : ',';
  const cells = splitCsvLine(line, delimiter).map((cell) => cell.trim().toLocaleLowerCase('nb'));
  const find = (names: string[]) => cells.findIndex((cell) => names.includes(cell));
  const name = find(headerNames.name);
  const credential = find(headerNames.credential);
  if (name < 0 || credential < 0) return null;
  const role = find(headerNames.role);
  return { delimiter, name, credential, role: role < 0 ? null : role, width: cells.length };
}

/** RFC 4180 cells on one line: quoted cells may hold the delimiter and doubled quotes. */
function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        current += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else current += character;
    } else if (character === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (character === delimiter) {
      cells.push(current);
      current = '';
    } else current += character;
  }
  cells.push(current);
  return cells;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function sortProblems(problems: RosterProblem[]): RosterProblem[] {
  return problems.sort((left, right) => left.line - right.line);
}
