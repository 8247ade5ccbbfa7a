using InboxNetworking.Core.Reports;

namespace InboxNetworking.Core.Scoring;

/// <summary>The transparent default: a contact's depth is the percentile of its power-mean S0 among
/// the month's candidates, so the tier thresholds read as "top 20 %", "top 40 %", ...</summary>
/// <param name="reason">Why S0 is used; the default says ML scoring is not enabled.</param>
public sealed class TransparentScorer(string? reason = null) : IRelationshipScorer
{
    public const string Method = "S0 percentile";

    public TieScores Score(DateTimeOffset cutoff, IReadOnlyList<ContactFeatures> candidates)
    {
        var scores = new double[candidates.Count];
        var order = Enumerable.Range(0, candidates.Count).OrderBy(i => candidates[i].S0).ToArray();
        var i0 = 0;
        while (i0 < order.Length)
        {
            var i1 = i0;
            while (i1 + 1 < order.Length && candidates[order[i1 + 1]].S0 == candidates[order[i0]].S0)
                i1++;
            // Ties share the mean rank; the score is the share of candidates at or below it.
            var rank = (i0 + i1) / 2.0 + 1;
            for (var k = i0; k <= i1; k++)
                scores[order[k]] = candidates[order[k]].S0 <= 0 ? 0 : rank / order.Length;
            i0 = i1 + 1;
        }
        return new TieScores(scores, Note);
    }

    public ScoringNote Note { get; } = new(Method,
        "Interaction-based relationship strength: the power mean of outgoing and incoming Interaction Rank (p = -3), ranked among this month's contacts. "
        + (reason ?? "ML scoring is not enabled."));
}
