using System.Text.Json;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Worker;

/// <summary>`inboxnet evaluate` through the CLI, on the demo mailbox.</summary>
public sealed class EvaluateTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<CliRunner> DemoAsync()
    {
        var cli = new CliRunner(_dir.File("data"));
        var (code, _, err) = await cli.Run("demo", "--out", _dir.File("demo"));
        Assert.True(code == 0, err);
        return cli;
    }

    [Fact]
    public async Task Evaluate_OnASmallMailbox_KeepsS0AndSaysWhy()
    {
        var cli = await DemoAsync();
        var (code, output, err) = await cli.Run("evaluate", "--json");
        Assert.True(code == 0, err);
        foreach (var name in new[] { "depth", "replyOwner", "replyContact" })
        {
            var e = JsonDocument.Parse(output).RootElement.GetProperty(name);
            Assert.True(e.GetProperty("rows").GetInt32() > 100, output);
            Assert.Equal("s0", e.GetProperty("used").GetString());
            Assert.Contains("too little history", e.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, e.GetProperty("model").ValueKind);
        }
    }

    [Fact]
    public async Task Evaluate_TrainsAndScoresEveryBaseline_Deterministically()
    {
        var cli = await DemoAsync();
        var settings = Path.Combine(cli.DataDir, "appsettings.json");
        await File.WriteAllTextAsync(settings, """{ "InboxNet": { "Scoring": { "MinTrainRows": 40, "MinTrainPositives": 5, "MaxFolds": 3, "Trees": 20 } } }""");
        File.SetUnixFileMode(settings, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var first = await cli.Run("evaluate", "--account", "demo", "--json");
        Assert.True(first.Code == 0, first.Err);
        var depth = JsonDocument.Parse(first.Out).RootElement.GetProperty("depth");
        Assert.True(depth.GetProperty("cutoffs").GetInt32() >= 4, first.Out);
        Assert.InRange(depth.GetProperty("model").GetProperty("rocAuc").GetDouble(), 0, 1);
        Assert.InRange(depth.GetProperty("model").GetProperty("brier").GetDouble(), 0, 1);
        foreach (var baseline in new[] { "prior", "rawCount", "recency", "interactionRank", "powerMean", "logistic" })
            Assert.InRange(depth.GetProperty("baselines").GetProperty(baseline).GetProperty("rocAuc").GetDouble(), 0, 1);
        var gain = depth.GetProperty("gainOverInteractionRank");
        Assert.InRange(gain.GetProperty("mean").GetDouble(), gain.GetProperty("low").GetDouble(), gain.GetProperty("high").GetDouble());
        Assert.Contains(depth.GetProperty("used").GetString(), new[] { "model", "s0" });

        var second = await cli.Run("evaluate", "--account", "demo", "--json");
        Assert.Equal(first.Out, second.Out); // a fixed seed and one thread: the same figures every run
    }
}
