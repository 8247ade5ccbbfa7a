namespace InboxNetworking.Core.Metrics;

/// <summary>Burt's structural-hole measures for the owner's ego network.
/// <paramref name="egoTies"/>[j] is the owner's tie to alter j; <paramref name="alterTies"/>[j,q] the
/// symmetric tie between alters (Burt 1992, Structural Holes, ch. 2).</summary>
public sealed class EgoNetwork(double[] egoTies, double[,] alterTies)
{
    public int Size => egoTies.Length;

    /// <summary>Burt's constraint on the ego: sum_j (p_ej + sum_q p_eq p_qj)^2.</summary>
    public double Constraint()
    {
        var pe = EgoProportions();
        double c = 0;
        for (var j = 0; j < Size; j++)
        {
            double indirect = 0;
            for (var q = 0; q < Size; q++)
            {
                if (q != j)
                    indirect += pe[q] * AlterProportion(q, j);
            }
            c += Math.Pow(pe[j] + indirect, 2);
        }
        return c;
    }

    /// <summary>Burt's effective size: sum_j (1 - sum_q p_eq m_jq), m_jq = a_jq / max_k a_jk.</summary>
    public double EffectiveSize()
    {
        var pe = EgoProportions();
        double es = 0;
        for (var j = 0; j < Size; j++)
        {
            var max = egoTies[j];
            for (var k = 0; k < Size; k++)
                max = Math.Max(max, alterTies[j, k]);
            double redundancy = 0;
            for (var q = 0; q < Size; q++)
            {
                if (q != j && max > 0)
                    redundancy += pe[q] * (alterTies[j, q] / max);
            }
            es += 1 - redundancy;
        }
        return es;
    }

    /// <summary>Share of the other alters that alter j is tied to (neighbourhood overlap within the ego network).</summary>
    public double Overlap(int j)
    {
        if (Size < 2)
            return 0;
        var tied = 0;
        for (var q = 0; q < Size; q++)
        {
            if (q != j && alterTies[j, q] > 0)
                tied++;
        }
        return (double)tied / (Size - 1);
    }

    /// <summary>Distinct alters tied to j, plus the ego.</summary>
    public int Degree(int j) => Enumerable.Range(0, Size).Count(q => q != j && alterTies[j, q] > 0) + 1;

    private double[] EgoProportions()
    {
        var total = egoTies.Sum();
        return egoTies.Select(t => total == 0 ? 0 : t / total).ToArray();
    }

    /// <summary>p_qj: q's tie to j as a share of all of q's ties, the ego's included.</summary>
    private double AlterProportion(int q, int j)
    {
        var total = egoTies[q];
        for (var k = 0; k < Size; k++)
            total += alterTies[q, k];
        return total == 0 ? 0 : alterTies[q, j] / total;
    }
}
