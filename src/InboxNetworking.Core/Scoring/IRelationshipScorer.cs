namespace InboxNetworking.Core.Scoring;

/// <summary>The seam where the ML.NET depth model plugs in: a score on 0..1 per candidate contact.</summary>
public interface IRelationshipScorer
{
    /// <summary>Scores the month's candidates as known at <paramref name="cutoff"/> (the month's end, from data
    /// before it only); the note says which method was used and why.</summary>
    (double[] Scores, Reports.ScoringNote Note) Score(DateTimeOffset cutoff, IReadOnlyList<ContactFeatures> candidates);
}

/// <summary>What is known of a contact at a cutoff, from data before it only.</summary>
public sealed record ContactFeatures(int Contact, double InteractionRankOut, double InteractionRankIn, double S0);
