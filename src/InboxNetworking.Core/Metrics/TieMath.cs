namespace InboxNetworking.Core.Metrics;

/// <summary>The per-tie formulas of METRICS.md, each small enough to check by hand.</summary>
public static class TieMath
{
    /// <summary>One message's contribution to Interaction Rank: 2^(-age/lambda) (Roth et al., KDD 2010).</summary>
    public static double Decay(double ageDays, double halfLifeDays) => Math.Pow(2, -ageDays / halfLifeDays);

    /// <summary>IR = 2 * sum_out + sum_in of the decayed contributions.</summary>
    public static double InteractionRank(double decayedOut, double decayedIn) => 2 * decayedOut + decayedIn;

    /// <summary>S0 = ((a^p + b^p)/2)^(1/p) with p = -3 (the Immersion formula); 0 when either side is 0.</summary>
    public static double PowerMean(double a, double b, double p = -3)
    {
        if (a <= 0 || b <= 0)
            return 0;
        return Math.Pow((Math.Pow(a, p) + Math.Pow(b, p)) / 2, 1 / p);
    }

    /// <summary>(I_o - I_c)/(I_o + I_c): +1 the owner always starts, -1 the contact always does.</summary>
    public static double? Balance(double ownerSide, double contactSide) =>
        ownerSide + contactSide == 0 ? null : (ownerSide - contactSide) / (ownerSide + contactSide);

    /// <summary>exp(-|ln(median L_o / median L_c)|): 1 when both answer equally fast.</summary>
    public static double? LatencySymmetry(double? ownerMedianHours, double? contactMedianHours)
    {
        if (ownerMedianHours is not { } o || contactMedianHours is not { } c)
            return null;
        // A reply within the same minute has a zero latency; a minute's floor keeps the ratio finite.
        const double floor = 1.0 / 60;
        return Math.Exp(-Math.Abs(Math.Log(Math.Max(o, floor) / Math.Max(c, floor))));
    }

    /// <summary>1 - min(1, |ln((s+e)/(r+e))| / ln 4): 1 balanced, 0 when one side sends 4x the other.</summary>
    public static double VolumeBalance(double sent, double received, double epsilon = 1) =>
        1 - Math.Min(1, Math.Abs(Math.Log((sent + epsilon) / (received + epsilon))) / Math.Log(4));

    /// <summary>min/max of two rates; null when neither side had anything to answer.</summary>
    public static double? MinOverMax(double? a, double? b)
    {
        if (a is not { } x || b is not { } y)
            return null;
        var max = Math.Max(x, y);
        return max == 0 ? 0 : Math.Min(x, y) / max;
    }

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            return null;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Shannon entropy of the weights divided by ln(k): 0 all in one place, 1 spread evenly.</summary>
    public static double? NormalizedEntropy(IEnumerable<double> weights)
    {
        var w = weights.Where(x => x > 0).ToArray();
        if (w.Length < 2)
            return w.Length == 1 ? 0 : null;
        var total = w.Sum();
        var h = -w.Sum(x => x / total * Math.Log(x / total));
        return h / Math.Log(w.Length);
    }

    /// <summary>Averages the components that are present.</summary>
    public static double? MeanOfPresent(params double?[] parts)
    {
        var present = parts.OfType<double>().ToArray();
        return present.Length == 0 ? null : present.Average();
    }
}
