using InboxNetworking.Core.Metrics;
using Microsoft.ML;
using InboxNetworking.Core.Reports;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace InboxNetworking.Scoring.Evaluation;

/// <summary>The baselines of METRICS.md, on the same rows as the model.</summary>
public sealed record Baselines(Scores Prior, Scores RawCount, Scores Recency, Scores InteractionRank, Scores PowerMean, Scores Logistic);

/// <summary>One label's evaluation; the JSON names are the `inboxnet evaluate` contract.</summary>
public sealed record LabelEvaluation(
    int Rows,
    int Positives,
    int Cutoffs,
    Scores? Model,
    Baselines? Baselines,
    Gain? GainOverInteractionRank,
    string Used,
    string Reason,
    IReadOnlyList<FeatureImportance>? Importance = null,
    AccountHoldOut? AccountHoldOut = null);

/// <summary>Whole accounts held out: a model trained on the other accounts, tested on each held-out account's rows
/// (pooled), beside Interaction Rank on the same rows.</summary>
public sealed record AccountHoldOut(int Accounts, Scores Model, Scores InteractionRank, Gain GainOverInteractionRank);

/// <summary>The three models' evaluations.</summary>
public sealed record EvaluationReport(LabelEvaluation Depth, LabelEvaluation ReplyOwner, LabelEvaluation ReplyContact);

/// <summary>
/// Rolling-origin evaluation by time, never a random split: for each test cutoff T the model is trained on
/// the rows whose label window ended by T (a gap of the 3-month label horizon), and tested on the rows at T.
/// The pooled test predictions of every fold are scored beside the baselines; the model is used only where
/// it beats Interaction Rank by at least 0.02 AUC with the bootstrap interval above 0.
/// </summary>
public sealed class Evaluator(ScoringOptions options)
{
    private const int LabelMonths = 3;

    /// <summary>Several accounts: their rows pooled through the rolling origin, and whole accounts held out.</summary>
    public EvaluationReport Evaluate(IReadOnlyList<IReadOnlyList<ContactMonth>> accounts)
    {
        var report = Evaluate([.. accounts.SelectMany(a => a)]);
        if (accounts.Count(a => a.Count > 0) < 2)
            return report;
        return new EvaluationReport(
            report.Depth with { AccountHoldOut = HoldOut(accounts, r => r.Depth) },
            report.ReplyOwner with { AccountHoldOut = HoldOut(accounts, r => r.OwnerReplies) },
            report.ReplyContact with { AccountHoldOut = HoldOut(accounts, r => r.ContactReplies) });
    }

    public EvaluationReport Evaluate(IReadOnlyList<ContactMonth> rows) => new(
        Evaluate(rows, r => r.Depth),
        Evaluate(rows, r => r.OwnerReplies),
        Evaluate(rows, r => r.ContactReplies));

    /// <param name="rows">The account's rows: every test month is one of its own.</param>
    /// <param name="label">The label of a row.</param>
    /// <param name="pool">Rows to train on instead of <paramref name="rows"/> alone (several accounts pooled, this one
    /// among them); each fold still trains only on rows whose label window ended by its test month.</param>
    public LabelEvaluation Evaluate(IReadOnlyList<ContactMonth> rows, Func<ContactMonth, bool?> label, IReadOnlyList<ContactMonth>? pool = null)
    {
        var labelled = rows.Where(r => label(r) is not null).ToList();
        var trainable = pool is null ? labelled : [.. pool.Where(r => label(r) is not null)];
        var positives = labelled.Count(r => label(r) == true);
        var cutoffs = labelled.Select(r => r.Cutoff).Distinct().Order().ToList();
        var folds = cutoffs.Where(t => Trainable(trainable.Where(r => r.Cutoff.AddMonths(LabelMonths) <= t).ToList(), label)).TakeLast(options.MaxFolds).ToList();
        if (folds.Count == 0)
        {
            var pooled = pool is null ? "" : $" (pooled: {trainable.Count} rows, {trainable.Count(r => label(r) == true)} positive)";
            return new LabelEvaluation(labelled.Count, positives, cutoffs.Count, null, null, null, "s0",
                $"too little history to train on: {labelled.Count} labelled rows, {positives} positive{pooled}; at least {options.MinTrainRows} rows with "
                + $"{options.MinTrainPositives} of each class before a test month are needed");
        }

        var truth = new List<bool>();
        var model = new List<double>();
        var logistic = new List<double>();
        var prior = new List<double>();
        var test = new List<ContactMonth>();
        var context = new MLContext(seed: options.Seed);
        BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>>? latest = null;
        foreach (var t in folds)
        {
            var train = ModelInputs.Sample(trainable.Where(r => r.Cutoff.AddMonths(LabelMonths) <= t).ToList(), options.MaxTrainRows);
            var fold = labelled.Where(r => r.Cutoff == t).ToList();
            var trainView = ModelInputs.View(context, train, label);
            var testView = ModelInputs.View(context, fold, label);
            latest = ModelInputs.Tree(context, options).Fit(trainView);
            model.AddRange(ModelInputs.Probabilities(latest.Transform(testView)));
            logistic.AddRange(ModelInputs.Probabilities(LogisticModel(context).Fit(trainView).Transform(testView)));
            var rate = (double)train.Count(r => label(r) == true) / train.Count;
            prior.AddRange(fold.Select(_ => rate));
            truth.AddRange(fold.Select(r => label(r) == true));
            test.AddRange(fold);
        }

        if (truth.All(l => l) || !truth.Any(l => l))
        {
            return new LabelEvaluation(labelled.Count, positives, cutoffs.Count, null, null, null, "s0",
                $"the {folds.Count} test months hold {(truth.Any(l => l) ? "no negative" : "no positive")} rows among {truth.Count}: nothing to measure a model by");
        }
        var rank = test.Select(InteractionRank).ToList();
        var baselines = new Baselines(
            Scores.Of(truth, prior, isProbability: true),
            Scores.Of(truth, test.Select(r => (double)(F(r, "weightedOut3m") + F(r, "weightedIn3m"))).ToList(), isProbability: false),
            Scores.Of(truth, test.Select(r => -(double)F(r, "daysSinceLast")).ToList(), isProbability: false),
            Scores.Of(truth, rank, isProbability: false),
            Scores.Of(truth, test.Select(r => TieMath.PowerMean(F(r, "rankOut60d"), F(r, "rankIn60d"))).ToList(), isProbability: false),
            Scores.Of(truth, logistic, isProbability: true));
        var scores = Scores.Of(truth, model, isProbability: true);
        var gain = Gain.Of(truth, model, rank, options.BootstrapResamples, options.Seed);
        var beats = gain.Mean >= options.MinAucGain && gain.Low > 0;
        var reason = beats
            ? $"the model beats Interaction Rank by {gain.Mean:+0.000;-0.000} AUC (95% interval {gain.Low:+0.000;-0.000} to {gain.High:+0.000;-0.000})"
            : $"the model does not beat Interaction Rank clearly enough: {gain.Mean:+0.000;-0.000} AUC (95% interval {gain.Low:+0.000;-0.000} to {gain.High:+0.000;-0.000}; "
              + $"at least +{options.MinAucGain:0.00} with the interval above 0 is needed)";
        return new LabelEvaluation(labelled.Count, positives, cutoffs.Count, scores, baselines, gain, beats ? "model" : "s0", reason,
            Importance(context, latest!, test.Where(r => r.Cutoff.AddMonths(LabelMonths) > folds[^1]).ToList(), label));
    }

    /// <summary>Permutation feature importance (ML.NET's PFI) of the latest fold's model, on the test rows it never
    /// trained on (those whose label window ends after its cutoff): how much ROC-AUC falls when a feature is shuffled.</summary>
    private List<FeatureImportance>? Importance(
        MLContext context, BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> latest, List<ContactMonth> unseen, Func<ContactMonth, bool?> label)
    {
        if (unseen.All(r => label(r) == true) || unseen.All(r => label(r) == false))
            return null;
        var pfi = context.BinaryClassification.PermutationFeatureImportance(latest, ModelInputs.View(context, ModelInputs.Sample(unseen, options.MaxTrainRows / 4), label), permutationCount: 1);
        return [.. pfi.Select((s, k) => new FeatureImportance(FeatureSchema.Names[k], Math.Round(-s.AreaUnderRocCurve.Mean, 4)))
            .Where(x => x.AucDrop > 0).OrderByDescending(x => x.AucDrop).ThenBy(x => x.Feature, StringComparer.Ordinal).Take(options.ImportanceListed)];
    }

    /// <summary>Each of the largest accounts (at most MaxFolds, to bound the cost) held out in turn.</summary>
    private AccountHoldOut? HoldOut(IReadOnlyList<IReadOnlyList<ContactMonth>> accounts, Func<ContactMonth, bool?> label)
    {
        var labelled = accounts.Select(a => a.Where(r => label(r) is not null).ToList()).ToList();
        var context = new MLContext(seed: options.Seed);
        var truth = new List<bool>();
        var model = new List<double>();
        var held = 0;
        var rank = new List<double>();
        foreach (var k in Enumerable.Range(0, labelled.Count).OrderByDescending(k => labelled[k].Count).ThenBy(k => k).Take(options.MaxFolds))
        {
            var train = ModelInputs.Sample(labelled.Where((_, j) => j != k).SelectMany(a => a).ToList(), options.MaxTrainRows);
            if (labelled[k].Count == 0 || !Trainable(train, label))
                continue;
            var fitted = ModelInputs.Tree(context, options).Fit(ModelInputs.View(context, train, label));
            model.AddRange(ModelInputs.Probabilities(fitted.Transform(ModelInputs.View(context, labelled[k], label))));
            truth.AddRange(labelled[k].Select(r => label(r) == true));
            rank.AddRange(labelled[k].Select(InteractionRank));
            held++;
        }
        if (!truth.Contains(true) || !truth.Contains(false))
            return null;
        return new AccountHoldOut(held, Scores.Of(truth, model, isProbability: true), Scores.Of(truth, rank, isProbability: false),
            Gain.Of(truth, model, rank, options.BootstrapResamples, options.Seed));
    }

    private bool Trainable(List<ContactMonth> train, Func<ContactMonth, bool?> label)
    {
        var yes = train.Count(r => label(r) == true);
        return train.Count >= options.MinTrainRows && yes >= options.MinTrainPositives && train.Count - yes >= options.MinTrainPositives;
    }

    /// <summary>The logistic baseline on five core features: both halves of Interaction Rank, recency, age, activity.</summary>
    private static EstimatorChain<BinaryPredictionTransformer<Microsoft.ML.Calibrators.CalibratedModelParametersBase<Microsoft.ML.Trainers.LinearBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>>> LogisticModel(MLContext context) =>
        context.Transforms.Concatenate("Core", LogisticInputs)
            .Append(context.Transforms.ReplaceMissingValues("Core"))
            .Append(context.Transforms.NormalizeMeanVariance("Core"))
            .Append(context.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Label", featureColumnName: "Core"));

    private static readonly string[] LogisticInputs = ["RankOut", "RankIn", "DaysSinceLast", "DaysSinceFirst", "ActiveDays"];

    private static double InteractionRank(ContactMonth r) => TieMath.InteractionRank(F(r, "rankOut60d"), F(r, "rankIn60d"));

    private static float F(ContactMonth r, string name) => ModelInputs.F(r, name);
}
