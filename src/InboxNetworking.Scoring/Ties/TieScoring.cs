using System.Globalization;
using System.Text.Json;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Scoring.Evaluation;

namespace InboxNetworking.Scoring.Ties;

/// <summary>An account's tie scorer, and the decisions (one per label) to keep for the next analysis.</summary>
/// <param name="Scorer">What scores the months' candidates.</param>
/// <param name="Decisions">Each label's decision; those not reused are to be kept in the store.</param>
/// <param name="Reused">Every kept decision still held: nothing was evaluated or trained.</param>
public sealed record TieChoice(IRelationshipScorer Scorer, IReadOnlyList<SavedModel> Decisions, bool Reused);

/// <summary>
/// Chooses an account's tie scorer (METRICS.md "Ship S_ML only where it beats Interaction Rank"): for depth and for
/// each reply label, the model where the rolling-origin evaluation shows it beats Interaction Rank, S0 (or no ML
/// part) otherwise, each saying why. Decisions are kept and reused until the labelled rows change, which new mail
/// does once a month (when another month's three-month label window completes): the models are retrained monthly,
/// not at every analysis.
/// </summary>
public sealed class TieScoring(Evaluator evaluator, ScoringOptions options, TimeProvider time)
{
    public const string Depth = "depth";
    public const string ReplyOwner = "replyOwner";
    public const string ReplyContact = "replyContact";

    private static readonly (string Label, Func<ContactMonth, bool?> Of)[] Labels =
        [(Depth, r => r.Depth), (ReplyOwner, r => r.OwnerReplies), (ReplyContact, r => r.ContactReplies)];

    public static IReadOnlyList<string> LabelNames { get; } = [.. Labels.Select(l => l.Label)];

    /// <param name="network">The account's interactions.</param>
    /// <param name="calendar">Its months.</param>
    /// <param name="kept">The decisions kept by an earlier analysis, by label.</param>
    /// <param name="others">Where accounts are pooled (<see cref="ScoringOptions.PoolAccounts"/>), the other accounts'
    /// rows: trained on with the account's own, never tested on.</param>
    public TieChoice Choose(ExtractedNetwork network, MonthCalendar calendar, IReadOnlyDictionary<string, SavedModel> kept, IReadOnlyList<IReadOnlyList<ContactMonth>>? others = null)
    {
        var features = new FeatureBuilder(network, calendar);
        var rows = features.BuildAll();
        IReadOnlyList<ContactMonth>? pool = others is { Count: > 0 } ? [.. rows, .. others.SelectMany(o => o)] : null;
        var pooledFrom = others is { Count: > 0 } ? $", trained on {others.Count + 1} accounts pooled and tested on this account's own months" : "";
        var decisions = new List<SavedModel>();
        var evaluations = new List<ModelEvaluation>();
        var models = new Dictionary<string, TieModel?>();
        var reused = true;
        foreach (var (label, of) in Labels)
        {
            var trainedOn = TrainedOn(rows, of) + (pool is null ? "" : $"; pooled {TrainedOn(pool, of)}");
            if (kept.TryGetValue(label, out var old) && old.TrainedOn == trainedOn)
            {
                decisions.Add(old);
                evaluations.Add(Appendix(label, JsonSerializer.Deserialize<LabelEvaluation>(old.Evaluation, JsonSerializerOptions.Web)!, others?.Count ?? 0));
                models[label] = old is { Model: { } saved, Version: { } version } ? TieModel.Load(saved, version, options) : null;
                continue;
            }
            reused = false;
            var evaluation = evaluator.Evaluate(rows, of, pool);
            if (pool is not null && evaluation.Model is not null)
                evaluation = evaluation with { Reason = evaluation.Reason + pooledFrom };
            evaluations.Add(Appendix(label, evaluation, others?.Count ?? 0));
            var model = evaluation.Used == "model" ? TieModel.Train(pool ?? rows, label, of, options) : null;
            models[label] = model;
            decisions.Add(new SavedModel(label, trainedOn, evaluation.Used, model?.Version, evaluation.Reason,
                JsonSerializer.Serialize(evaluation, JsonSerializerOptions.Web), model?.Save(), time.GetUtcNow()));
        }
        return new TieChoice(Scorer(features, decisions, models, evaluations), decisions, reused);
    }

    /// <summary>The evaluation as the report's appendix shows it.</summary>
    private static ModelEvaluation Appendix(string label, LabelEvaluation e, int otherAccounts) => new(label, e.Rows, e.Positives, e.Used,
        e is { Model: { } m, Baselines: { } b }
            ? [Figures("model", m), Figures("prior rate", b.Prior), Figures("raw count", b.RawCount), Figures("recency", b.Recency),
               Figures("Interaction Rank", b.InteractionRank), Figures("S0 (power mean)", b.PowerMean), Figures("logistic (5 features)", b.Logistic)]
            : [],
        e.Importance,
        e.GainOverInteractionRank is { } g ? new AucGain(g.Mean, g.Low, g.High) : null,
        otherAccounts > 0 && e.Model is not null ? otherAccounts + 1 : 0);

    private static ScorerFigures Figures(string name, Scores s) => new(name, s.RocAuc, s.PrAuc, s.Brier);

    private static ModelScorer Scorer(FeatureBuilder features, List<SavedModel> decisions, Dictionary<string, TieModel?> models, List<ModelEvaluation> evaluations)
    {
        var depth = decisions.Single(d => d.Label == Depth);
        var owner = decisions.Single(d => d.Label == ReplyOwner);
        var contact = decisions.Single(d => d.Label == ReplyContact);
        var s0 = new TransparentScorer($"The ML depth model is not used: {depth.Reason}.");
        var replies = models[ReplyOwner] is { } o && models[ReplyContact] is { } c ? (o, c) : ((TieModel, TieModel)?)null;
        var reciprocity = replies is not null
            ? $"Reciprocity's ML part, sqrt(P(you answer) x P(they answer)), is shown beside the observed parts: for your replies {owner.Reason}; for theirs {contact.Reason}."
            : $"Reciprocity has no ML part: both reply models must beat Interaction Rank. Your replies: {owner.Reason}. Theirs: {contact.Reason}.";
        var note = models[Depth] is { } model
            ? new ScoringNote(ModelScorer.Method, $"Interaction-based relationship strength: the ML depth model's calibrated probability of traffic both ways in the next three months, used because {depth.Reason}.", model.Version)
            : s0.Note;
        return new ModelScorer(features, models[Depth], replies, note with { Reciprocity = reciprocity, Evaluations = evaluations }, s0);
    }

    /// <summary>What a decision rests on: the labelled rows' months and counts, and the options that judge them.</summary>
    private string TrainedOn(IReadOnlyList<ContactMonth> rows, Func<ContactMonth, bool?> of)
    {
        var labelled = rows.Where(r => of(r) is not null).ToList();
        var window = labelled.Count == 0 ? "no labelled months" : $"{labelled.Min(r => r.Cutoff):yyyy-MM}..{labelled.Max(r => r.Cutoff):yyyy-MM}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{window}: {labelled.Count} rows, {labelled.Count(r => of(r) == true)} positive; {JsonSerializer.Serialize(options)}");
    }
}
