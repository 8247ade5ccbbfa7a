using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Scoring;

namespace InboxNetworking.Tests.Core;

/// <summary>The formulas of METRICS.md against values worked out by hand.</summary>
public sealed class TieMathTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 8, 1.2591018552231559)] // ((1 + 8^-3)/2)^(-1/3)
    [InlineData(0, 5, 0)]                  // one-way traffic has no depth
    public void PowerMean_MatchesTheImmersionFormula(double a, double b, double expected) =>
        Assert.Equal(expected, TieMath.PowerMean(a, b), 9);

    [Fact]
    public void Decay_HalvesEveryHalfLife()
    {
        Assert.Equal(0.5, TieMath.Decay(60, 60), 12);
        Assert.Equal(0.25, TieMath.Decay(120, 60), 12);
        Assert.Equal(2 * 0.5 + 0.25, TieMath.InteractionRank(0.5, 0.25), 12);
    }

    [Fact]
    public void Balance_IsPlusOneWhenOnlyTheOwnerStarts()
    {
        Assert.Equal(0.5, TieMath.Balance(3, 1));
        Assert.Equal(-1, TieMath.Balance(0, 2));
        Assert.Null(TieMath.Balance(0, 0));
    }

    [Fact]
    public void LatencySymmetry_IsTheRatioOfMedians()
    {
        Assert.Equal(0.25, TieMath.LatencySymmetry(2, 8)!.Value, 12);
        Assert.Equal(1, TieMath.LatencySymmetry(3, 3)!.Value, 12);
        Assert.Null(TieMath.LatencySymmetry(null, 3));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 0, 0)]                      // |ln(4/1)| / ln 4 = 1
    [InlineData(2, 0, 0.20751874963942185)]    // 1 - ln 3 / ln 4
    public void VolumeBalance_FallsToZeroAtFourToOne(double sent, double received, double expected) =>
        Assert.Equal(expected, TieMath.VolumeBalance(sent, received), 9);

    [Fact]
    public void NormalizedEntropy_IsOneWhenEven()
    {
        Assert.Equal(1, TieMath.NormalizedEntropy([1, 1])!.Value, 12);
        Assert.Equal(0.946394630357186, TieMath.NormalizedEntropy([1, 1, 2])!.Value, 9);
        Assert.Equal(0, TieMath.NormalizedEntropy([5, 0])!.Value);
        Assert.Null(TieMath.NormalizedEntropy([]));
    }

    [Fact]
    public void Median_OfEvenCountIsTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(2.5, TieMath.Median([4, 1, 2, 3]));
        Assert.Equal(3, TieMath.Median([5, 3, 1]));
        Assert.Null(TieMath.Median([]));
    }

    [Fact]
    public void MeanOfPresent_IgnoresMissingParts() =>
        Assert.Equal(0.5, TieMath.MeanOfPresent(0, null, 1, null));

    [Fact]
    public void EgoNetwork_TwoUnconnectedAlters_HaveConstraintHalfAndEffectiveSizeTwo()
    {
        var ego = new EgoNetwork([1, 1], new double[2, 2]);
        Assert.Equal(0.5, ego.Constraint(), 12);
        Assert.Equal(2, ego.EffectiveSize(), 12);
        Assert.Equal(0, ego.Overlap(0));
    }

    [Fact]
    public void EgoNetwork_ATriad_HasConstraintOneAndAnEighthAndEffectiveSizeOne()
    {
        // p_e1 = p_e2 = 0.5, p_21 = 1/(1+1) = 0.5: c = 2 * (0.5 + 0.5 * 0.5)^2 = 1.125 (Burt 1992).
        var ego = new EgoNetwork([1, 1], new double[,] { { 0, 1 }, { 1, 0 } });
        Assert.Equal(1.125, ego.Constraint(), 12);
        Assert.Equal(1, ego.EffectiveSize(), 12);
        Assert.Equal(1, ego.Overlap(0));
        Assert.Equal(2, ego.Degree(0));
    }

    [Fact]
    public void TransparentScorer_RanksByS0WithTiesSharingTheMeanRank()
    {
        var (scores, note) = new TransparentScorer().Score(DateTimeOffset.UnixEpoch, [
            new ContactFeatures(0, 0, 0, 0), new ContactFeatures(1, 1, 1, 1), new ContactFeatures(2, 2, 2, 2), new ContactFeatures(3, 2, 2, 2)]);
        Assert.Equal([0, 0.5, 0.875, 0.875], scores);
        Assert.Equal("S0 percentile", note.Method);
    }
}

/// <summary>Communities: recurring co-recipient sets and clusters of the alter graph.</summary>
public sealed class CommunityTests
{
    private static readonly DateTimeOffset T = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecurringGroups_ThreeMeetingsOfTheSamePeopleIn90Days_MakeAGroup()
    {
        var events = new List<InboxNetworking.Core.Extraction.SharedEvent>
        {
            new(T, 3, [1, 2]), new(T.AddDays(10), 3, [2, 1]), new(T.AddDays(20), 4, [1, 2]),
            new(T, 3, [7, 8], Meeting: true), new(T.AddDays(1), 3, [7, 8], Meeting: true), new(T.AddDays(2), 3, [7, 8], Meeting: true), // a series, counted elsewhere
            new(T, 3, [3, 4]), new(T.AddDays(10), 3, [3, 4]),           // only twice
            new(T, 30, [5, 6]), new(T.AddDays(1), 30, [5, 6]), new(T.AddDays(2), 30, [5, 6]), // too many people
        };
        var groups = new RecurringGroups(events, maxPeople: 25);
        Assert.Equal([3], groups.ActiveIn(T.AddDays(15), T.AddDays(25)));
        Assert.Empty(groups.ActiveIn(T.AddDays(200), T.AddDays(230)));
    }

    [Fact]
    public void LabelPropagation_SeparatesTwoTrianglesJoinedByAWeakTie()
    {
        var ties = new double[6, 6];
        void Tie(int a, int b, double w) { ties[a, b] = w; ties[b, a] = w; }
        Tie(0, 1, 1); Tie(1, 2, 1); Tie(0, 2, 1);
        Tie(3, 4, 1); Tie(4, 5, 1); Tie(3, 5, 1);
        Tie(2, 3, 0.1);
        var labels = LabelPropagation.Cluster(ties);
        Assert.Equal(2, labels.Distinct().Count());
        Assert.Equal(labels[0], labels[2]);
        Assert.NotEqual(labels[0], labels[3]);
        Assert.Equal(labels[3], labels[5]);
    }
}
