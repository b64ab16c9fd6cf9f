/**
 * Whether a full import may withdraw what its file does not list. A full import reads "missing from the
 * file" as "no longer offered"; that only holds for a whole, readable file. A file cut off mid-record (its
 * last 4,226 offerings withdrawn by a `head -c` copy, issue 15) or one that is mostly rejects says nothing
 * about what is still offered, and a provider that really drops most of its courses at once is rare enough
 * to be confirmed by hand.
 */

/** More than this share of the records read rejected: the file is broken, not the catalogue changed. */
export const maximumRejectedShare = 0.1;
/** Withdrawing more than this share of a source's active records needs `allowMassWithdrawal`… */
export const maximumWithdrawnShare = 0.2;
/** …unless it is no more than this many records: a small feed dropping a course or two is ordinary. */
const alwaysWithdrawable = 10;

export type WithdrawalVerdict = { withdraw: true } | { withdraw: false; reason: string };

export function judgeWithdrawal(options: {
  /** The line of the record the file ends inside of, if it was cut off. */
  cutOffLine: number | undefined;
  read: number;
  rejected: number;
  /** The source's active records, and how many of them the file does not list. */
  active: number;
  missing: number;
  allowMassWithdrawal: boolean;
}): WithdrawalVerdict {
  const { read, rejected, active, missing } = options;
  if (options.cutOffLine !== undefined) {
    return {
      withdraw: false,
      reason: `the file ends in the middle of the record on line ${options.cutOffLine}, so it is not the whole feed; import the whole file`,
    };
  }
  if (read > 0 && rejected / read > maximumRejectedShare) {
    return {
      withdraw: false,
      reason: `${rejected} of ${read} records were rejected (more than ${percent(maximumRejectedShare)}); fix the file and import it again`,
    };
  }
  if (!options.allowMassWithdrawal && missing > alwaysWithdrawable && missing / active > maximumWithdrawnShare) {
    return {
      withdraw: false,
      reason: `it would withdraw ${missing} of the source's ${active} offerings (more than ${percent(maximumWithdrawnShare)}); if the provider really dropped them, import again with --allow-mass-withdrawal`,
    };
  }
  return { withdraw: true };
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}
