using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Scoring.Evaluation;

namespace InboxNetworking.Scoring.Depth;

/// <summary>Chooses an account's depth scorer (METRICS.md "Ship S_ML only where it beats Interaction Rank"): the
/// model where the rolling-origin evaluation shows it beats Interaction Rank, S0 otherwise, each saying why.</summary>
public sealed class DepthScoring(Evaluator evaluator, ScoringOptions options)
{
    public (IRelationshipScorer Scorer, LabelEvaluation Evaluation) Choose(ExtractedNetwork network, MonthCalendar calendar)
    {
        var features = new FeatureBuilder(network, calendar);
        var rows = features.BuildAll();
        var evaluation = evaluator.Evaluate(rows, r => r.Depth);
        if (evaluation.Used != "model")
            return (new TransparentScorer($"The ML depth model is not used: {evaluation.Reason}."), evaluation);
        var model = DepthModel.Train(rows, options);
        return (new ModelScorer(features, model,
            $"Interaction-based relationship strength: the ML depth model's calibrated probability of traffic both ways in the next three months, used because {evaluation.Reason}."),
            evaluation);
    }
}
