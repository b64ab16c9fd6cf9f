/**
 * Reciprocal rank fusion (Cormack et al. 2009): each list adds weight / (k + rank). Ranks, not scores, so
 * BM25's unbounded scores and cosine similarities need no calibration against each other.
 */
export type RankedList = { weight: number; ids: string[] };

export function reciprocalRankFusion(options: { lists: RankedList[]; k?: number }): Map<string, number> {
  const k = options.k ?? 60;
  const fused = new Map<string, number>();
  for (const list of options.lists) {
    list.ids.forEach((id, index) => {
      fused.set(id, (fused.get(id) ?? 0) + list.weight / (k + index + 1));
    });
  }
  return fused;
}
