using System.Globalization;
using System.Text.Json;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Files;
using InboxNetworking.Scoring;
using InboxNetworking.Scoring.Evaluation;
using InboxNetworking.Storage;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace InboxNetworking.Tests.Corpus;

/// <summary>The ML evaluation end to end on real mail, its figures printed in the test output (issue 6).</summary>
public sealed class ScoringCorpusTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task LinuxExt4OwnerViews_Pooled_EvaluateEndToEnd()
    {
        var views = _dir.File("views");
        using (var tool = ChildProcess.Start("python3",
            [Corpora.Path("..", "tools", "mlist_views.py"), Corpora.Path("mail", "linux-ext4.mbox"), "--list-address", "linux-ext4@vger.kernel.org", "--out", views, "--top", "15"]))
            Assert.True(await tool.WaitAsync(TimeSpan.FromMinutes(3)) == 0, tool.Error);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(views, "manifest.json")));
        var owners = manifest.RootElement.GetProperty("owners").EnumerateArray()
            .Select(o => (View: o.GetProperty("view").GetString()!, Addresses: o.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()!).ToList()))
            .ToList();

        var rows = new List<IReadOnlyList<ContactMonth>>();
        foreach (var (view, addresses) in owners)
            rows.Add(await RowsAsync(Path.GetFileNameWithoutExtension(view), addresses, Path.Combine(views, view)));
        var report = new Evaluator(new ScoringOptions()).Evaluate(rows);
        Print($"linux-ext4, {owners.Count} owner views pooled", report);

        Assert.True(report.Depth.Rows > 20_000, $"{report.Depth.Rows} rows");
        Assert.NotNull(report.Depth.Model);
        Assert.True(report.Depth.Model.RocAuc >= 0.80, $"depth AUC {report.Depth.Model.RocAuc:0.000}");
        Assert.Equal(new ScoringOptions().MaxFolds, report.Depth.AccountHoldOut?.Accounts);
    }

    [Fact]
    public async Task Enron_SevenMailboxes_Pooled_EvaluateEndToEnd()
    {
        string[] users = ["allen-p", "carson-m", "guzman-m", "motley-m", "rapp-b", "stokley-c", "whalley-g"];
        var rows = new List<IReadOnlyList<ContactMonth>>();
        foreach (var user in users)
            rows.Add(await RowsAsync(user, [], Corpora.Path("mail", "enron-7users", user, "Maildir")));
        var report = new Evaluator(new ScoringOptions()).Evaluate(rows);
        Print("Enron, 7 partial mailboxes pooled", report);
        Assert.True(report.Depth.Rows > 50, $"{report.Depth.Rows} rows");
        Assert.Contains(report.Depth.Used, new[] { "model", "s0" });
    }

    /// <summary>Imports a mailbox and builds its rows the way `inboxnet evaluate` does; the owner's addresses
    /// are the given ones plus whatever its sent folders were sent from.</summary>
    private async Task<IReadOnlyList<ContactMonth>> RowsAsync(string name, List<string> addresses, string path)
    {
        var store = SqliteInboxStore.Open(_dir.File(name + ".db"), _time);
        var account = await store.EnsureAccountAsync(name, addresses.Count > 0 ? addresses : [$"{name}@owner.invalid"], "UTC", CancellationToken.None);
        await new Ingestor(store, _time).IngestAsync(account, new FileSources(new FilesOptions(), _time).Discover(path), null, CancellationToken.None);
        var builder = new InteractionExtractor(new ExtractionOptions()).Start(account, await store.ListSentFromAddressesAsync(account.Id, CancellationToken.None));
        await foreach (var m in store.ReadMailAsync(account.Id, CancellationToken.None))
            builder.Add(m);
        builder.AddCalendar(new List<CalendarItem>());
        return new FeatureBuilder(builder.Build(), new MonthCalendar(TimeZoneInfo.Utc)).BuildAll();
    }

    private void Print(string corpus, EvaluationReport report)
    {
        output.WriteLine(corpus);
        foreach (var (label, e) in new[] { ("depth", report.Depth), ("replyOwner", report.ReplyOwner), ("replyContact", report.ReplyContact) })
        {
            output.WriteLine($"  {label}: {e.Rows} rows, {e.Positives} positive, {e.Cutoffs} months; uses {e.Used}: {e.Reason}");
            if (e.AccountHoldOut is { } h)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    whole accounts held out ({h.Accounts}): model {h.Model.RocAuc:0.000}, IR {h.InteractionRank.RocAuc:0.000}, gain {h.GainOverInteractionRank.Mean:0.000} ({h.GainOverInteractionRank.Low:0.000}..{h.GainOverInteractionRank.High:0.000})"));
            if (e.Model is null || e.Baselines is null)
                continue;
            foreach (var (scorer, s) in new[] { ("model", e.Model), ("prior", e.Baselines.Prior), ("rawCount", e.Baselines.RawCount), ("recency", e.Baselines.Recency),
                ("interactionRank", e.Baselines.InteractionRank), ("powerMean", e.Baselines.PowerMean), ("logistic", e.Baselines.Logistic) })
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {scorer,-16} ROC-AUC {s.RocAuc:0.000}  PR-AUC {s.PrAuc:0.000}  Brier {s.Brier?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"}"));
        }
    }
}
