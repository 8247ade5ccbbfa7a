using System.Globalization;
using InboxNetworking.Scoring.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace InboxNetworking.Scoring.Ties;

/// <summary>A shipped model for one label (depth, or a reply label): FastTree with its Platt calibration, trained
/// on every row with that label, exactly as the evaluation trained it.</summary>
public sealed class TieModel
{
    private const string Trainer = "fasttree-1";
    private readonly MLContext _context;
    private readonly ITransformer _model;
    private readonly DataViewSchema _input;

    private TieModel(MLContext context, ITransformer model, DataViewSchema input, string version)
    {
        _context = context;
        _model = model;
        _input = input;
        Version = version;
    }

    /// <summary>The label, the trainer and the last cutoff month trained on, e.g. "depth-fasttree-1/2025-08": a new
    /// month's labels make a new version.</summary>
    public string Version { get; }

    /// <summary>Trains on the rows that have the label.</summary>
    /// <param name="rows">Every row; those without the label are left out.</param>
    /// <param name="label">Its name, e.g. "depth" (the version starts with it).</param>
    /// <param name="of">The label of a row.</param>
    /// <param name="options">Trees, leaves and seed, as evaluated.</param>
    /// <exception cref="ArgumentException">No row has the label.</exception>
    public static TieModel Train(IReadOnlyList<ContactMonth> rows, string label, Func<ContactMonth, bool?> of, ScoringOptions options)
    {
        var labelled = ModelInputs.Sample(rows.Where(r => of(r) is not null).ToList(), options.MaxTrainRows);
        if (labelled.Count == 0)
            throw new ArgumentException($"no labelled rows to train the {label} model on", nameof(rows));
        var context = new MLContext(seed: options.Seed);
        var view = ModelInputs.View(context, labelled, of);
        var model = ModelInputs.Tree(context, options).Fit(view);
        var through = labelled.Max(r => r.Cutoff);
        return new TieModel(context, model, view.Schema, string.Create(CultureInfo.InvariantCulture, $"{label}-{Trainer}/{through:yyyy-MM}"));
    }

    /// <summary>The calibrated probability of the label, per feature vector.</summary>
    public double[] Probabilities(IReadOnlyList<float[]> features)
    {
        if (features.Count == 0)
            return [];
        var view = ModelInputs.View(_context, features.Select(f => (f, false)));
        return [.. ModelInputs.Probabilities(_model.Transform(view))];
    }

    /// <summary>Per feature vector, the features that moved its score most (ML.NET's feature contributions for the
    /// trees: each feature's share of the score), largest first, with their signed contributions.</summary>
    public IReadOnlyList<(int Feature, float Contribution)[]> Contributions(IReadOnlyList<float[]> features, int top)
    {
        if (features.Count == 0)
            return [];
        var view = ModelInputs.View(_context, features.Select(f => (f, false)));
        var predictor = (_model as TransformerChain<ITransformer>)?.LastTransformer ?? _model;
        var explain = _context.Transforms.CalculateFeatureContribution(
            (ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>>)predictor, numberOfPositiveContributions: top, numberOfNegativeContributions: top);
        var contributions = explain.Fit(view).Transform(view).GetColumn<float[]>("FeatureContributions");
        return [.. contributions.Select(c => c.Select((v, k) => (k, v)).Where(x => x.v != 0).OrderByDescending(x => Math.Abs(x.v)).ThenBy(x => x.k).Take(top).ToArray())];
    }

    /// <summary>The model as ML.NET's zip, for the store.</summary>
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        _context.Model.Save(_model, _input, stream);
        return stream.ToArray();
    }

    public static TieModel Load(byte[] saved, string version, ScoringOptions options)
    {
        var context = new MLContext(seed: options.Seed);
        using var stream = new MemoryStream(saved);
        var model = context.Model.Load(stream, out var input);
        return new TieModel(context, model, input, version);
    }
}
