using InboxNetworking.Scoring.Evaluation;

namespace InboxNetworking.Tests.Scoring;

/// <summary>The evaluation figures against values worked out by hand.</summary>
public sealed class ScoresTests
{
    private static readonly bool[] Labels = [true, false, true, false];

    [Fact]
    public void RocAuc_IsTheShareOfPositiveNegativePairsInOrder()
    {
        // Positives 0.9 and 0.4, negatives 0.8 and 0.1: three of the four pairs are in order.
        Assert.Equal(0.75, Scores.RocAucOf(Labels, [0.9, 0.8, 0.4, 0.1]), 10);
        Assert.Equal(0.5, Scores.RocAucOf([true, false], [0.5, 0.5]), 10); // a tie counts half
        Assert.True(double.IsNaN(Scores.RocAucOf([true, true], [0.1, 0.2]))); // one class only: undefined
    }

    [Fact]
    public void AveragePrecision_AveragesThePrecisionAtEachPositive()
    {
        // In score order T, F, T, F: precision 1/1 at the first positive, 2/3 at the second.
        Assert.Equal((1 + 2.0 / 3) / 2, Scores.AveragePrecision(Labels, [0.9, 0.8, 0.4, 0.1]), 10);
    }

    [Fact]
    public void Brier_IsTheMeanSquaredErrorOfTheProbabilities()
    {
        Assert.Equal(0, Scores.BrierOf([true, false], [1, 0]), 10);
        Assert.Equal(0.25, Scores.BrierOf([true, false], [0.5, 0.5]), 10);
    }

    [Fact]
    public void Gain_OfAPerfectScorerOverChance_IsPositiveWithAnIntervalAroundIt()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 200).Select(k => k % 3 == 0).ToArray();
        var perfect = labels.Select(l => l ? 1.0 : 0.0).ToArray();
        var noise = labels.Select(_ => random.NextDouble()).ToArray();
        var gain = Gain.Of(labels, perfect, noise);
        Assert.Equal(1 - Scores.RocAucOf(labels, noise), gain.Mean, 10);
        Assert.InRange(gain.Mean, gain.Low, gain.High);
        Assert.True(gain.Low > 0.3, $"{gain}");
        Assert.Equal(gain, Gain.Of(labels, perfect, noise)); // a fixed seed: the same interval every time
    }
}
