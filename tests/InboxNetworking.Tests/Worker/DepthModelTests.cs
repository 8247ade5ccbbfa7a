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

    /// <summary>Each month six colleagues and six outsiders start writing with the owner, in the same rhythm for two
    /// months: the owner writes, the contact writes back two hours later, the owner writes again two hours after that.
    /// Colleagues' messages are replies and they go on for two more months; in their second month the outsiders and
    /// the owner no longer answer each other (new messages, not replies), and then they stop. At the end of the second
    /// month nothing in the traffic tells them apart (Interaction Rank ties them), but being internal does, and the
    /// models can learn it, for depth and for both reply labels.</summary>
    private string Mailbox(int firstCohort = 0, string name = "depth.mbox")
    {
        var text = new StringBuilder();
        void Add(string from, string to, DateTimeOffset date, string id, string? parent)
        {
            var threading = parent is null ? null : $"In-Reply-To: <{parent}>\nReferences: <{parent}>";
            text.Append("From x@x Mon Jan  6 10:00:00 2025\n").Append(Rfc822.Message(from, to, date, id, parent is null ? "hello" : "Re: hello", threading)).Append('\n');
        }
        for (var cohort = firstCohort; cohort < Cohorts; cohort++)
        {
            for (var k = 0; k < 12; k++)
            {
                var colleague = k < 6;
                var contact = colleague ? $"c{cohort}-{k}@corp.example" : $"p{cohort}-{k}@x{cohort}-{k}.example";
                for (var month = 0; month < (colleague ? 4 : 2); month++)
                {
                    var answering = colleague || month == 0;
                    for (var exchange = 0; exchange < 2; exchange++)
                    {
                        var sent = Start.AddMonths(cohort + month).AddDays(3 + (7 * exchange));
                        var id = string.Create(CultureInfo.InvariantCulture, $"{cohort}-{k}-{month}-{exchange}@depth");
                        Add("me@corp.example", contact, sent, "o" + id, null);
                        Add(contact, "me@corp.example", sent.AddHours(2), "r" + id, answering ? "o" + id : null);
                        Add("me@corp.example", contact, sent.AddHours(4), "a" + id, answering ? "r" + id : null);
                    }
                }
            }
        }
        var path = _dir.File(name);
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
            // Its top reasons: the feature contributions behind this contact's score, in plain words.
            var reasons = c.GetProperty("scoreReasons").EnumerateArray().Select(r => r.GetString()!).ToList();
            Assert.InRange(reasons.Count, 1, 3);
            Assert.All(reasons, r => Assert.Matches("^(raised|lowered) by [a-z]", r));
        }
        // The decision is kept with its model, and the next analysis reuses it rather than training again.
        Assert.Equal(1, await StoreFile.CountAsync(cli.DataDir,
            $"SELECT COUNT(*) FROM scoring_models WHERE label = 'depth' AND used = 'model' AND version = '{scoring.GetProperty("modelVersion").GetString()}' AND length(model) > 1000"));
        Assert.Equal(3, await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM scoring_models"));
        var again = await cli.Run("analyze", "--account", "me");
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains("Depth of account 'me' is scored by the ML model depth-fasttree-1/", again.Err, StringComparison.Ordinal);
        Assert.Contains("(kept from ", again.Err, StringComparison.Ordinal);

        // The appendix: each model's test beside the baselines, and what the depth model relies on, also when kept.
        var evaluations = scoring.GetProperty("evaluations");
        Assert.Equal(["depth", "replyOwner", "replyContact"], evaluations.EnumerateArray().Select(e => e.GetProperty("label").GetString()));
        var depth = evaluations[0];
        Assert.Equal("model", depth.GetProperty("used").GetString());
        double Auc(string scorer) => depth.GetProperty("scorers").EnumerateArray().Single(x => x.GetProperty("scorer").GetString() == scorer).GetProperty("rocAuc").GetDouble();
        Assert.True(Auc("model") > Auc("Interaction Rank") + 0.02);
        var importance = depth.GetProperty("importance").EnumerateArray().ToList();
        Assert.NotEmpty(importance);
        Assert.All(importance, i => Assert.True(i.GetProperty("aucDrop").GetDouble() > 0 && i.GetProperty("words").GetString()!.Length > 5));
        var kept = await JsonReportAsync(cli, _dir.File("kept.json"), "me", month);
        Assert.Equal(evaluations.GetRawText(), kept.GetProperty("scoring").GetProperty("evaluations").GetRawText());
        var text = await File.ReadAllTextAsync(markdown);
        Assert.Contains("## Appendix: how the scores were tested", text, StringComparison.Ordinal);
        Assert.Contains("### Depth (traffic both ways in the next 3 months): ", text, StringComparison.Ordinal);
        Assert.Contains("| Interaction Rank | ", text, StringComparison.Ordinal);
        Assert.Contains("What the model relies on most", text, StringComparison.Ordinal);

        var cohortRows = contacts.Where(c => c.GetProperty("address").GetString()!.StartsWith($"c{cohort}-", StringComparison.Ordinal)
            || c.GetProperty("address").GetString()!.StartsWith($"p{cohort}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, cohortRows.Count);
        var colleagues = cohortRows.Where(c => c.GetProperty("address").GetString()!.EndsWith("@corp.example", StringComparison.Ordinal)).ToList();
        var outsiders = cohortRows.Except(colleagues).ToList();
        // Interaction Rank cannot tell them apart; the model ranks every colleague (who goes on) above every outsider (who stops).
        Assert.Single(cohortRows.Select(c => c.GetProperty("interactionRank").GetDouble()).Distinct());
        Assert.True(colleagues.Min(c => c.GetProperty("depthProbability").GetDouble()) > outsiders.Max(c => c.GetProperty("depthProbability").GetDouble()),
            string.Join(", ", cohortRows.Select(c => $"{c.GetProperty("address")}: {c.GetProperty("depthProbability")} {c.GetProperty("scoreReasons")}")));

        // Reciprocity's ML part, beside the observed parts: sqrt(P(you answer) x P(they answer)) and their difference.
        Assert.Contains("Reciprocity's ML part, sqrt(P(you answer) x P(they answer)), is shown beside the observed parts", scoring.GetProperty("reciprocity").GetString(), StringComparison.Ordinal);
        foreach (var c in cohortRows)
        {
            var owner = c.GetProperty("ownerReplyProbability").GetDouble();
            var theirs = c.GetProperty("contactReplyProbability").GetDouble();
            Assert.Equal(Math.Sqrt(owner * theirs), c.GetProperty("reciprocityModel").GetDouble(), 3);
            Assert.Equal(owner - theirs, c.GetProperty("replyAsymmetry").GetDouble(), 3);
        }
        Assert.True(colleagues.Min(c => c.GetProperty("reciprocityModel").GetDouble()) > outsiders.Max(c => c.GetProperty("reciprocityModel").GetDouble()),
            string.Join(", ", cohortRows.Select(c => $"{c.GetProperty("address")}: {c.GetProperty("reciprocityModel")}")));
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
        Assert.Contains("Reciprocity has no ML part", scoring.GetProperty("reciprocity").GetString(), StringComparison.Ordinal);
        Assert.All(scoring.GetProperty("evaluations").EnumerateArray(), e => Assert.Empty(e.GetProperty("scorers").EnumerateArray()));
        Assert.All(report.GetProperty("contacts").EnumerateArray(), c =>
        {
            Assert.Equal(JsonValueKind.Null, c.GetProperty("depthProbability").ValueKind);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("reciprocityModel").ValueKind);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("scoreReasons").ValueKind);
        });
    }

    [Fact]
    public async Task WithAccountsPooled_AnAccountTooSmallToTrainAlone_IsScoredByAModelTrainedOnAll_AndTestedOnItsOwnMonths()
    {
        var cli = new CliRunner(_dir.File("data"));
        foreach (var (account, mailbox) in new[] { ("big", Mailbox()), ("small", Mailbox(firstCohort: Cohorts - 3, name: "small.mbox")) })
        {
            var (code, _, err) = await cli.Run("import", mailbox, "--account", account, "--owner", "me@corp.example", "--time-zone", "UTC");
            Assert.True(code == 0, err);
        }
        var month = Start.AddMonths(Cohorts - 2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var alone = (await JsonReportAsync(cli, _dir.File("alone.json"), "small", month)).GetProperty("scoring");
        Assert.Equal("S0 percentile", alone.GetProperty("method").GetString());
        Assert.Contains("too little history to train on", alone.GetProperty("reason").GetString(), StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(cli.DataDir, "appsettings.json"), """{ "InboxNet": { "Scoring": { "PoolAccounts": true } } }""");
        File.SetUnixFileMode(Path.Combine(cli.DataDir, "appsettings.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var analyzed = await cli.Run("analyze", "--account", "small");
        Assert.True(analyzed.Code == 0, analyzed.Err);
        Assert.Contains("Depth of account 'small' is scored by the ML model depth-fasttree-1/", analyzed.Err, StringComparison.Ordinal);
        var pooled = (await JsonReportAsync(cli, _dir.File("pooled.json"), "small", month)).GetProperty("scoring");

        Assert.True("ML depth model" == pooled.GetProperty("method").GetString(), pooled.GetRawText());
        Assert.Contains("trained on 2 accounts pooled and tested on this account's own months", pooled.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var depth = pooled.GetProperty("evaluations")[0];
        // Tested on the small account's own rows only: the big account's never count in its figures.
        Assert.Equal(alone.GetProperty("evaluations")[0].GetProperty("rows").GetInt32(), depth.GetProperty("rows").GetInt32());
        Assert.Equal("model", depth.GetProperty("used").GetString());
    }

    [Fact]
    public async Task Evaluate_OnTwoAccounts_AlsoHoldsOutWholeAccounts()
    {
        var cli = new CliRunner(_dir.File("data"));
        var mailbox = Mailbox();
        foreach (var account in new[] { "first", "second" })
        {
            var (code, _, err) = await cli.Run("import", mailbox, "--account", account, "--owner", "me@corp.example", "--time-zone", "UTC");
            Assert.True(code == 0, err);
        }
        var (exit, output, error) = await cli.Run("evaluate", "--json");
        Assert.True(exit == 0, error);
        var held = JsonDocument.Parse(output).RootElement.GetProperty("depth").GetProperty("accountHoldOut");
        Assert.Equal(2, held.GetProperty("accounts").GetInt32());
        // Trained on one account, tested on the other: the same world, so the model carries over and beats Interaction Rank.
        Assert.True(held.GetProperty("model").GetProperty("rocAuc").GetDouble() > held.GetProperty("interactionRank").GetProperty("rocAuc").GetDouble(), output);
        Assert.True(held.GetProperty("gainOverInteractionRank").GetProperty("low").GetDouble() > 0, output);

        var text = await cli.Run("evaluate");
        Assert.Contains("  whole accounts held out (2): model ROC-AUC ", text.Out, StringComparison.Ordinal);
    }
}
