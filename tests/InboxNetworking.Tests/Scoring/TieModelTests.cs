using InboxNetworking.Scoring;
using InboxNetworking.Scoring.Ties;
using InboxNetworking.Scoring.Evaluation;

namespace InboxNetworking.Tests.Scoring;

/// <summary>A shipped model: deterministic, kept and restored without changing a single probability.</summary>
public sealed class TieModelTests
{
    private static readonly ScoringOptions Options = new() { Trees = 30 };

    /// <summary>Rows whose label follows one feature (with noise), over twelve monthly cutoffs.</summary>
    private static List<ContactMonth> Rows(int seed)
    {
        var random = new Random(seed);
        var rows = new List<ContactMonth>();
        for (var i = 0; i < 600; i++)
        {
            var features = Enumerable.Range(0, FeatureSchema.Names.Count).Select(_ => (float)random.NextDouble()).ToArray();
            features[FeatureSchema.IndexOf("activeDays3m")] = random.Next(0, 20);
            features[FeatureSchema.IndexOf("daysSinceFirst")] = float.NaN; // missing values must be handled the same way each time
            var depth = features[FeatureSchema.IndexOf("activeDays3m")] + (random.NextDouble() * 8) > 14;
            rows.Add(new ContactMonth(i, $"p{i}@x.example", new DateTimeOffset(2024, 1 + (i % 12), 1, 0, 0, 0, TimeSpan.Zero), features, depth, null, null));
        }
        return rows;
    }

    [Fact]
    public void Training_TwiceOnTheSameRows_GivesTheSameProbabilities_ThatFollowTheSignal()
    {
        var rows = Rows(1);
        var features = rows.Select(r => r.Features).ToList();
        var first = TieModel.Train(rows, "depth", r => r.Depth, Options);
        var second = TieModel.Train(rows, "depth", r => r.Depth, Options);

        var p = first.Probabilities(features);
        Assert.Equal(p, second.Probabilities(features));
        Assert.Equal("depth-fasttree-1/2024-12", first.Version);
        Assert.All(p, x => Assert.InRange(x, 0, 1));
        // Calibrated and informative: rows labelled deep score higher on average.
        Assert.True(rows.Where(r => r.Depth == true).Average(r => p[r.Contact]) > rows.Where(r => r.Depth == false).Average(r => p[r.Contact]) + 0.3);
    }

    [Fact]
    public void Contributions_NameTheFeatureTheLabelFollows_AndSurviveSaveAndLoad()
    {
        var trained = TieModel.Train(Rows(4), "depth", r => r.Depth, Options);
        var unseen = Rows(5).Select(r => r.Features).ToList();

        var top = trained.Contributions(unseen, 3);
        Assert.All(top, t => Assert.InRange(t.Length, 1, 3));
        // The label follows active days: that feature moves most scores most.
        Assert.True(top.Count(t => t[0].Feature == FeatureSchema.IndexOf("activeDays3m")) > unseen.Count * 0.8);

        var loaded = TieModel.Load(trained.Save(), trained.Version, Options);
        Assert.Equal(top.Select(t => t.ToList()), loaded.Contributions(unseen, 3).Select(t => t.ToList()));
    }


    [Fact]
    public void SavedAndLoaded_TheModelGivesExactlyTheSameProbabilities()
    {
        var trained = TieModel.Train(Rows(2), "depth", r => r.Depth, Options);
        var unseen = Rows(3).Select(r => r.Features).ToList();

        var saved = trained.Save();
        var loaded = TieModel.Load(saved, trained.Version, Options);

        Assert.True(saved.Length > 1000);
        Assert.Equal(trained.Probabilities(unseen), loaded.Probabilities(unseen));
        Assert.Equal(trained.Version, loaded.Version);
    }
}
