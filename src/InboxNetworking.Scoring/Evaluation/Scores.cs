namespace InboxNetworking.Scoring.Evaluation;

/// <summary>How well one scorer ranks and how well its probabilities fit, on the same rows as every other.</summary>
/// <param name="RocAuc">Area under the ROC curve (ties count half): 0.5 is chance.</param>
/// <param name="PrAuc">Average precision: the area under the precision-recall curve, step-wise.</param>
/// <param name="Brier">Mean squared error of the probabilities; null for a score that is not a probability.</param>
public sealed record Scores(double RocAuc, double PrAuc, double? Brier)
{
    /// <summary>The figures of <paramref name="score"/> against <paramref name="labels"/>.</summary>
    public static Scores Of(IReadOnlyList<bool> labels, IReadOnlyList<double> score, bool isProbability) =>
        new(RocAucOf(labels, score), AveragePrecision(labels, score), isProbability ? BrierOf(labels, score) : null);

    /// <summary>Mann-Whitney: the chance that a random positive scores above a random negative.</summary>
    public static double RocAucOf(IReadOnlyList<bool> labels, IReadOnlyList<double> score)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => score[i]).ToArray();
        double rankSum = 0;
        var positives = 0;
        for (var k = 0; k < order.Length;)
        {
            // Tied scores share the mean of their ranks.
            var end = k;
            while (end + 1 < order.Length && score[order[end + 1]] == score[order[k]])
                end++;
            var meanRank = (k + end) / 2.0 + 1;
            for (var j = k; j <= end; j++)
            {
                if (labels[order[j]])
                {
                    rankSum += meanRank;
                    positives++;
                }
            }
            k = end + 1;
        }
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Precision at each positive, in score order (ties taken together), averaged over the positives.</summary>
    public static double AveragePrecision(IReadOnlyList<bool> labels, IReadOnlyList<double> score)
    {
        var positives = labels.Count(l => l);
        if (positives == 0)
            return double.NaN;
        var order = Enumerable.Range(0, labels.Count).OrderByDescending(i => score[i]).ToArray();
        double sum = 0;
        int seen = 0, hits = 0;
        for (var k = 0; k < order.Length;)
        {
            var end = k;
            while (end + 1 < order.Length && score[order[end + 1]] == score[order[k]])
                end++;
            var groupHits = 0;
            for (var j = k; j <= end; j++)
                groupHits += labels[order[j]] ? 1 : 0;
            seen += end - k + 1;
            hits += groupHits;
            sum += groupHits * (double)hits / seen;
            k = end + 1;
        }
        return sum / positives;
    }

    public static double BrierOf(IReadOnlyList<bool> labels, IReadOnlyList<double> probability) =>
        labels.Select((l, i) => Math.Pow(probability[i] - (l ? 1 : 0), 2)).Average();
}

/// <summary>The AUC gain of one scorer over another and its bootstrap 95% interval.</summary>
public sealed record Gain(double Mean, double Low, double High)
{
    /// <summary>Resamples the rows with replacement (a fixed seed: the same data gives the same interval).</summary>
    public static Gain Of(IReadOnlyList<bool> labels, IReadOnlyList<double> model, IReadOnlyList<double> baseline, int resamples = 300, int seed = 17)
    {
        var random = new Random(seed);
        var gains = new List<double>(resamples);
        var l = new bool[labels.Count];
        var m = new double[labels.Count];
        var b = new double[labels.Count];
        for (var r = 0; r < resamples; r++)
        {
            for (var k = 0; k < labels.Count; k++)
            {
                var pick = random.Next(labels.Count);
                (l[k], m[k], b[k]) = (labels[pick], model[pick], baseline[pick]);
            }
            var gain = Scores.RocAucOf(l, m) - Scores.RocAucOf(l, b);
            if (!double.IsNaN(gain))
                gains.Add(gain);
        }
        gains.Sort();
        var mean = Scores.RocAucOf(labels, model) - Scores.RocAucOf(labels, baseline);
        return gains.Count == 0 ? new Gain(mean, double.NaN, double.NaN)
            : new Gain(mean, gains[(int)(0.025 * (gains.Count - 1))], gains[(int)Math.Ceiling(0.975 * (gains.Count - 1))]);
    }
}
