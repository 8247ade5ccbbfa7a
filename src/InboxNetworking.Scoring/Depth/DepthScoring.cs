using System.Globalization;
using System.Text.Json;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Scoring.Evaluation;

namespace InboxNetworking.Scoring.Depth;

/// <summary>An account's depth scorer, and the decision to keep for the next analysis.</summary>
/// <param name="Scorer">What scores the months' candidates.</param>
/// <param name="Kept">The decision, to keep in the store.</param>
/// <param name="Reused">The kept decision still held: nothing was evaluated or trained.</param>
public sealed record DepthChoice(IRelationshipScorer Scorer, SavedModel Kept, bool Reused);

/// <summary>Chooses an account's depth scorer (METRICS.md "Ship S_ML only where it beats Interaction Rank"): the
/// model where the rolling-origin evaluation shows it beats Interaction Rank, S0 otherwise, each saying why. The
/// decision is kept and reused until the labelled rows change, which new mail does once a month (when another
/// month's three-month label window completes): the model is retrained monthly, not at every analysis.</summary>
public sealed class DepthScoring(Evaluator evaluator, ScoringOptions options, TimeProvider time)
{
    public const string Label = "depth";

    public DepthChoice Choose(ExtractedNetwork network, MonthCalendar calendar, SavedModel? kept)
    {
        var features = new FeatureBuilder(network, calendar);
        var rows = features.BuildAll();
        var trainedOn = TrainedOn(rows);
        if (kept is { Label: Label } && kept.TrainedOn == trainedOn)
            return new DepthChoice(Scorer(features, kept), kept, Reused: true);

        var evaluation = evaluator.Evaluate(rows, r => r.Depth);
        var model = evaluation.Used == "model" ? DepthModel.Train(rows, options) : null;
        var decision = new SavedModel(Label, trainedOn, evaluation.Used, model?.Version, evaluation.Reason,
            JsonSerializer.Serialize(evaluation, JsonSerializerOptions.Web), model?.Save(), time.GetUtcNow());
        return new DepthChoice(model is null ? S0(decision) : new ModelScorer(features, model, ModelReason(decision)), decision, Reused: false);
    }

    private IRelationshipScorer Scorer(FeatureBuilder features, SavedModel kept) =>
        kept is { Model: { } saved, Version: { } version }
            ? new ModelScorer(features, DepthModel.Load(saved, version, options), ModelReason(kept))
            : S0(kept);

    private static TransparentScorer S0(SavedModel decision) => new($"The ML depth model is not used: {decision.Reason}.");

    private static string ModelReason(SavedModel decision) =>
        $"Interaction-based relationship strength: the ML depth model's calibrated probability of traffic both ways in the next three months, used because {decision.Reason}.";

    /// <summary>What a decision rests on: the labelled rows' months and counts, and the options that judge them.</summary>
    private string TrainedOn(IReadOnlyList<ContactMonth> rows)
    {
        var labelled = rows.Where(r => r.Depth is not null).ToList();
        var window = labelled.Count == 0 ? "no labelled months" : $"{labelled.Min(r => r.Cutoff):yyyy-MM}..{labelled.Max(r => r.Cutoff):yyyy-MM}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{window}: {labelled.Count} rows, {labelled.Count(r => r.Depth == true)} positive; {JsonSerializer.Serialize(options)}");
    }
}
