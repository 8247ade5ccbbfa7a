using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;

namespace InboxNetworking.Scoring.Ties;

/// <summary>The models an account earned, applied to a month's candidates from their features at its end: depth as the
/// depth model's calibrated probability (or S0 where that model was not earned), and both reply probabilities where
/// both reply models were.</summary>
public sealed class ModelScorer(FeatureBuilder features, TieModel? depth, (TieModel Owner, TieModel Contact)? replies, ScoringNote note, TransparentScorer s0)
    : IRelationshipScorer
{
    public const string Method = "ML depth model";

    /// <summary>The reasons given per contact: what a person reads at a glance.</summary>
    private const int ReasonsShown = 3;

    public TieScores Score(DateTimeOffset cutoff, IReadOnlyList<ContactFeatures> candidates)
    {
        var rows = depth is null && replies is null ? [] : candidates.Select(c => features.FeaturesAt(c.Contact, cutoff)).ToList();
        var scores = depth is null ? s0.Score(cutoff, candidates).Depth : depth.Probabilities(rows);
        return new TieScores(scores, note)
        {
            OwnerReplies = replies?.Owner.Probabilities(rows),
            ContactReplies = replies?.Contact.Probabilities(rows),
            DepthFactors = depth?.Contributions(rows, ReasonsShown)
                .Select(top => (IReadOnlyList<ScoreFactor>)[.. top.Select(x => new ScoreFactor(FeatureSchema.Names[x.Feature], x.Contribution >= 0))]).ToArray(),
        };
    }
}
