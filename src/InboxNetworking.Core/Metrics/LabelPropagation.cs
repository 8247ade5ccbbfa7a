namespace InboxNetworking.Core.Metrics;

/// <summary>Clusters of the alter-alter graph by weighted label propagation (Raghavan et al. 2007),
/// made deterministic: nodes in index order, ties to the smallest label.</summary>
internal static class LabelPropagation
{
    public static int[] Cluster(double[,] ties, int maxRounds = 20)
    {
        var n = ties.GetLength(0);
        var labels = Enumerable.Range(0, n).ToArray();
        for (var round = 0; round < maxRounds; round++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var weights = new Dictionary<int, double>();
                for (var j = 0; j < n; j++)
                {
                    if (j != i && ties[i, j] > 0)
                        weights[labels[j]] = weights.GetValueOrDefault(labels[j]) + ties[i, j];
                }
                if (weights.Count == 0)
                    continue;
                var best = weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key).First().Key;
                if (best != labels[i])
                {
                    labels[i] = best;
                    changed = true;
                }
            }
            if (!changed)
                break;
        }
        return labels;
    }
}
