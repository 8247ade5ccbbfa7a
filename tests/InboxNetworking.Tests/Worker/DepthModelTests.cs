using System.Globalization;
using System.Text;
using System.Text.Json;
using InboxNetworking.Tests.Imap;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Worker;

/// <summary>The ML depth model in the product, through `inboxnet report`: used where it beats Interaction Rank on
/// the account's own history, S0 otherwise, and the report says which and why.</summary>
public sealed class DepthModelTests : IDisposable
{
    private const int Cohorts = 24;
    private static readonly DateTimeOffset Start = new(2023, 1, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Each month six colleagues and six outsiders start writing with the owner, exactly alike for two months;
    /// then the colleagues go on for two more months and the outsiders stop. At the end of their second month nothing in
    /// the traffic tells them apart (Interaction Rank ties them), but being internal does, and the model can learn it.</summary>
    private string Mailbox()
    {
        var text = new StringBuilder();
        for (var cohort = 0; cohort < Cohorts; cohort++)
        {
            for (var k = 0; k < 12; k++)
            {
                var colleague = k < 6;
                var contact = colleague ? $"c{cohort}-{k}@corp.example" : $"p{cohort}-{k}@x{cohort}-{k}.example";
                for (var month = 0; month < (colleague ? 4 : 2); month++)
                {
                    for (var exchange = 0; exchange < 2; exchange++)
                    {
                        var sent = Start.AddMonths(cohort + month).AddDays(3 + (7 * exchange));
                        var id = string.Create(CultureInfo.InvariantCulture, $"{cohort}-{k}-{month}-{exchange}@depth");
                        text.Append("From x@x Mon Jan  6 10:00:00 2025\n").Append(Rfc822.Message("me@corp.example", contact, sent, "o" + id)).Append('\n');
                        text.Append("From x@x Mon Jan  6 10:00:00 2025\n")
                            .Append(Rfc822.Message(contact, "me@corp.example", sent.AddHours(2), "r" + id, "Re: hello", $"In-Reply-To: <o{id}>\nReferences: <o{id}>")).Append('\n');
                    }
                }
            }
        }
        var path = _dir.File("depth.mbox");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static async Task<JsonElement> JsonReportAsync(CliRunner cli, string file, string account, string month)
    {
        var (code, _, err) = await cli.Run("report", "--account", account, "--month", month, "--format", "json", "--out", file);
        Assert.True(code == 0, err);
        return JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
    }

    [Fact]
    public async Task WhereTheModelBeatsInteractionRank_DepthIsItsCalibratedProbability_AndTheReportSaysWhy()
    {
        var cli = new CliRunner(_dir.File("data"));
        var (code, _, err) = await cli.Run("import", Mailbox(), "--account", "me", "--owner", "me@corp.example", "--time-zone", "UTC");
        Assert.True(code == 0, err);
        // The report month is the second month of this cohort: at its end the colleagues and outsiders look alike.
        const int cohort = Cohorts - 7;
        var month = Start.AddMonths(cohort + 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var report = await JsonReportAsync(cli, _dir.File("report.json"), "me", month);

        var scoring = report.GetProperty("scoring");
        Assert.Equal("ML depth model", scoring.GetProperty("method").GetString());
        Assert.StartsWith("depth-fasttree-1/", scoring.GetProperty("modelVersion").GetString(), StringComparison.Ordinal);
        Assert.Contains("beats Interaction Rank by +", scoring.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var markdown = _dir.File("report.md");
        Assert.Equal(0, (await cli.Run("report", "--account", "me", "--month", month, "--format", "md", "--out", markdown)).Code);
        Assert.Contains($"ML depth model ({scoring.GetProperty("modelVersion").GetString()}): Interaction-based relationship strength: the ML depth model's calibrated probability",
            await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);

        var contacts = report.GetProperty("contacts").EnumerateArray().ToList();
        foreach (var c in contacts.Where(c => c.GetProperty("tier").GetString() != "dormant"))
        {
            var p = c.GetProperty("depthProbability").GetDouble();
            Assert.InRange(p, 0, 1);
            Assert.Equal(p, c.GetProperty("depth").GetDouble());
        }
        // The decision is kept with its model, and the next analysis reuses it rather than training again.
        Assert.Equal(1, await StoreFile.CountAsync(cli.DataDir,
            $"SELECT COUNT(*) FROM scoring_models WHERE label = 'depth' AND used = 'model' AND version = '{scoring.GetProperty("modelVersion").GetString()}' AND length(model) > 1000"));
        var again = await cli.Run("analyze", "--account", "me");
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains("Depth of account 'me' is scored by the ML model depth-fasttree-1/", again.Err, StringComparison.Ordinal);
        Assert.Contains("(kept from ", again.Err, StringComparison.Ordinal);

        var cohortRows = contacts.Where(c => c.GetProperty("address").GetString()!.StartsWith($"c{cohort}-", StringComparison.Ordinal)
            || c.GetProperty("address").GetString()!.StartsWith($"p{cohort}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, cohortRows.Count);
        var colleagues = cohortRows.Where(c => c.GetProperty("address").GetString()!.EndsWith("@corp.example", StringComparison.Ordinal)).ToList();
        var outsiders = cohortRows.Except(colleagues).ToList();
        // Interaction Rank cannot tell them apart; the model ranks every colleague (who goes on) above every outsider (who stops).
        Assert.Single(cohortRows.Select(c => c.GetProperty("interactionRank").GetDouble()).Distinct());
        Assert.True(colleagues.Min(c => c.GetProperty("depthProbability").GetDouble()) > outsiders.Max(c => c.GetProperty("depthProbability").GetDouble()),
            string.Join(", ", cohortRows.Select(c => $"{c.GetProperty("address")}: {c.GetProperty("depthProbability")}")));
    }

    [Fact]
    public async Task WithTooLittleHistory_DepthStaysS0_AndTheReportSaysSo()
    {
        var cli = new CliRunner(_dir.File("data"));
        var (code, _, err) = await cli.Run("demo", "--out", _dir.File("demo"));
        Assert.True(code == 0, err);
        // The demo writes last month's report in every format.
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.GetFiles(_dir.File("demo"), "report-*.json").Single())).RootElement;

        var scoring = report.GetProperty("scoring");
        Assert.Equal("S0 percentile", scoring.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, scoring.GetProperty("modelVersion").ValueKind);
        Assert.Contains("The ML depth model is not used: too little history to train on", scoring.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.All(report.GetProperty("contacts").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("depthProbability").ValueKind));
    }
}
