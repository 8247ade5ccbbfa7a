using InboxNetworking.Core.Reports;

namespace InboxNetworking.Core.Scoring;

/// <summary>The seam where the ML.NET depth model plugs in: a score on 0..1 per candidate contact.</summary>
public interface IRelationshipScorer
{
    /// <summary>Scores the month's candidates as known at <paramref name="cutoff"/> (the month's end, from data
    /// before it only); the note says which method was used and why.</summary>
    TieScores Score(DateTimeOffset cutoff, IReadOnlyList<ContactFeatures> candidates);
}

/// <summary>A month's scores, one per candidate, in the candidates' order.</summary>
/// <param name="Depth">0..1; the tiers read it.</param>
/// <param name="Note">Which method and why.</param>
public sealed record TieScores(double[] Depth, Reports.ScoringNote Note)
{
    /// <summary>Where the reply models are used: the probability that the owner answers the contact's next message
    /// to them within 7 days, and the reverse (METRICS.md: reciprocity's ML part). Null otherwise.</summary>
    public double[]? OwnerReplies { get; init; }

    public double[]? ContactReplies { get; init; }

    /// <summary>Where the depth model is used: what moved each candidate's score most, largest first.</summary>
    public IReadOnlyList<ScoreFactor>[]? DepthFactors { get; init; }
}

/// <summary>What is known of a contact at a cutoff, from data before it only.</summary>
public sealed record ContactFeatures(int Contact, double InteractionRankOut, double InteractionRankIn, double S0);
