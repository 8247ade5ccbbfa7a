using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;

namespace InboxNetworking.Scoring.Depth;

/// <summary>Depth as the model's calibrated probability, for the candidates of a month from their features at its end.</summary>
public sealed class ModelScorer(FeatureBuilder features, DepthModel model, string reason) : IRelationshipScorer
{
    public const string Method = "ML depth model";

    public (double[] Scores, ScoringNote Note) Score(DateTimeOffset cutoff, IReadOnlyList<ContactFeatures> candidates) =>
        (model.Probabilities(candidates.Select(c => features.FeaturesAt(c.Contact, cutoff)).ToList()), new ScoringNote(Method, reason, model.Version));
}
