/**
 * The collection's metrics, as ../shared/eval/score.py computes them: nDCG@10 with gain 2^grade − 1,
 * recall@10 and P@5 counting grade 2, and the share of the top 10 that was judged at all.
 */
export type Qrels = Map<string, Map<string, number>>;
export type QueryMetrics = { ndcg: number; recall: number; precisionAt5: number; judged: number };

export function queryMetrics(options: { ranked: string[]; judgements: Map<string, number> }): QueryMetrics {
  const { ranked, judgements } = options;
  const top = ranked.slice(0, 10);
  const dcg = top.reduce((sum, id, index) => sum + (2 ** (judgements.get(id) ?? 0) - 1) / Math.log2(index + 2), 0);
  const ideal = [...judgements.values()]
    .map((grade) => 2 ** grade - 1)
    .sort((left, right) => right - left)
    .slice(0, 10);
  const idcg = ideal.reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
  const relevant = [...judgements].filter(([, grade]) => grade === 2).map(([id]) => id);
  return {
    ndcg: idcg ? dcg / idcg : 0,
    recall: relevant.length ? relevant.filter((id) => top.includes(id)).length / relevant.length : 0,
    precisionAt5: ranked.slice(0, 5).filter((id) => judgements.get(id) === 2).length / 5,
    judged: top.filter((id) => judgements.has(id)).length / Math.max(1, Math.min(10, ranked.length)),
  };
}

export function meanMetrics(rows: QueryMetrics[]): QueryMetrics {
  const mean = (pick: (row: QueryMetrics) => number) =>
    rows.reduce((sum, row) => sum + pick(row), 0) / Math.max(1, rows.length);
  return {
    ndcg: mean((row) => row.ndcg),
    recall: mean((row) => row.recall),
    precisionAt5: mean((row) => row.precisionAt5),
    judged: mean((row) => row.judged),
  };
}
