using Microsoft.ML;
using Microsoft.ML.Data;

namespace InboxNetworking.Scoring.Evaluation;

/// <summary>What the evaluation and the shipped depth model share: the rows ML.NET reads and the tree trainer,
/// so the model in the product is the one that was evaluated.</summary>
internal static class ModelInputs
{
    private const float Missing = -9;

    public static Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer Tree(MLContext context, ScoringOptions options) =>
        context.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinLeafRows,
            LearningRate = 0.1,
            NumberOfThreads = 1, // deterministic: the same data gives the same model
        });

    /// <summary>At most <paramref name="max"/> rows, every k-th so that every month stays represented: a large mailbox
    /// trains in bounded time (the trees gain little past tens of thousands of rows).</summary>
    public static List<ContactMonth> Sample(List<ContactMonth> rows, int max)
    {
        if (rows.Count <= max)
            return rows;
        var step = (rows.Count + max - 1) / max;
        return [.. rows.Where((_, k) => k % step == 0)];
    }

    public static IDataView View(MLContext context, IEnumerable<ContactMonth> rows, Func<ContactMonth, bool?> label) =>
        View(context, rows.Select(r => (r.Features, label(r) == true)));

    /// <summary>Feature vectors in the order of <see cref="FeatureSchema.Names"/>, with their labels (false when scoring).</summary>
    public static IDataView View(MLContext context, IEnumerable<(float[] Features, bool Label)> rows)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FeatureSchema.Names.Count);
        return context.Data.LoadFromEnumerable(rows.Select(r => new Row
        {
            Label = r.Label,
            // FastTree skips a row with any missing value: "nothing to measure" becomes a value below every real one.
            Features = Array.ConvertAll(r.Features, v => float.IsNaN(v) ? Missing : v),
            RankOut = Zero(F(r.Features, "rankOut60d")),
            RankIn = Zero(F(r.Features, "rankIn60d")),
            DaysSinceLast = F(r.Features, "daysSinceLast"),
            DaysSinceFirst = F(r.Features, "daysSinceFirst"),
            ActiveDays = F(r.Features, "activeDays3m"),
        }), schema);
    }

    public static IEnumerable<double> Probabilities(IDataView scored) => scored.GetColumn<float>("Probability").Select(p => (double)p);

    public static float F(ContactMonth r, string name) => F(r.Features, name);

    private static float F(float[] features, string name) => features[FeatureSchema.IndexOf(name)];

    private static float Zero(float v) => float.IsNaN(v) ? 0 : v;

    /// <summary>What ML.NET reads: the label, the feature vector, and the logistic baseline's inputs.</summary>
    private sealed class Row
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
        public float RankOut { get; set; }
        public float RankIn { get; set; }
        public float DaysSinceLast { get; set; }
        public float DaysSinceFirst { get; set; }
        public float ActiveDays { get; set; }
    }
}
