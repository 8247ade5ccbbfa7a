using System.Globalization;
using InboxNetworking.Scoring.Evaluation;
using Microsoft.ML;

namespace InboxNetworking.Scoring.Depth;

/// <summary>The shipped depth model: FastTree with its Platt calibration, trained on every labelled row
/// (L1: traffic both ways in the three months after the cutoff), exactly as the evaluation trained it.</summary>
public sealed class DepthModel
{
    private const string Kind = "depth-fasttree-1";
    private readonly MLContext _context;
    private readonly ITransformer _model;
    private readonly DataViewSchema _input;

    private DepthModel(MLContext context, ITransformer model, DataViewSchema input, string version)
    {
        _context = context;
        _model = model;
        _input = input;
        Version = version;
    }

    /// <summary>The trainer and the last cutoff month trained on, e.g. "depth-fasttree-1/2025-08": a new month's
    /// labels make a new version.</summary>
    public string Version { get; }

    /// <summary>Trains on the rows that have a depth label.</summary>
    /// <exception cref="ArgumentException">No row has a label.</exception>
    public static DepthModel Train(IReadOnlyList<ContactMonth> rows, ScoringOptions options)
    {
        var labelled = rows.Where(r => r.Depth is not null).ToList();
        if (labelled.Count == 0)
            throw new ArgumentException("no labelled rows to train the depth model on", nameof(rows));
        var context = new MLContext(seed: options.Seed);
        var view = ModelInputs.View(context, labelled, r => r.Depth);
        var model = ModelInputs.Tree(context, options).Fit(view);
        var through = labelled.Max(r => r.Cutoff);
        return new DepthModel(context, model, view.Schema, string.Create(CultureInfo.InvariantCulture, $"{Kind}/{through:yyyy-MM}"));
    }

    /// <summary>The calibrated probability of traffic both ways in the next three months, per feature vector.</summary>
    public double[] Probabilities(IReadOnlyList<float[]> features)
    {
        if (features.Count == 0)
            return [];
        var view = ModelInputs.View(_context, features.Select(f => (f, false)));
        return [.. ModelInputs.Probabilities(_model.Transform(view))];
    }

    /// <summary>The model as ML.NET's zip, for the store.</summary>
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        _context.Model.Save(_model, _input, stream);
        return stream.ToArray();
    }

    public static DepthModel Load(byte[] saved, string version, ScoringOptions options)
    {
        var context = new MLContext(seed: options.Seed);
        using var stream = new MemoryStream(saved);
        var model = context.Model.Load(stream, out var input);
        return new DepthModel(context, model, input, version);
    }
}
