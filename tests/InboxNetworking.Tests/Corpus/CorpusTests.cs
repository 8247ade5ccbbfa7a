using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Files;
using InboxNetworking.Files.Calendar;
using InboxNetworking.Storage;
using InboxNetworking.Tests.Files;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;

namespace InboxNetworking.Tests.Corpus;

/// <summary>Conformance against real mail and calendars written by others (../shared/corpora, see its MANIFEST).</summary>
public sealed class CorpusTests : IDisposable
{
    private static readonly TimeSpan PerFileLimit = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private (SqliteInboxStore Store, Ingestor Ingestor, FileSources Files) Pipeline()
    {
        var store = SqliteInboxStore.Open(_dir.File(Guid.NewGuid().ToString("N") + ".db"), _time);
        return (store, new Ingestor(store, _time), new FileSources(new FilesOptions(), _time));
    }

    [Fact]
    public async Task Ksummit_ImportsAll3115Messages_AndAReimportAddsNothing()
    {
        var (store, ingestor, files) = Pipeline();
        var mbox = Corpora.Path("mail", "ksummit.mbox");
        var account = await store.EnsureAccountAsync("ksummit", ["nobody@example.org"], "UTC", CancellationToken.None);
        var first = await ingestor.IngestAsync(account, files.Discover(mbox), null, CancellationToken.None);
        // The archive holds three messages twice (same Message-ID, same sender and date: double
        // deliveries): one message, one event. Every one of the 3,115 is accounted for.
        Assert.Equal((3112, 3, 0), (first.MessagesAdded, first.Duplicates, first.Quarantined));

        var again = await ingestor.IngestAsync(account, files.Discover(mbox), null, CancellationToken.None);
        Assert.Equal(0, again.MessagesAdded);

        // The same archive under another name: every message is recognised as already there.
        var copy = _dir.File("copy.mbox");
        File.Copy(mbox, copy);
        var copied = await ingestor.IngestAsync(account, files.Discover(copy), null, CancellationToken.None);
        Assert.Equal((0, 3115), (copied.MessagesAdded, copied.Duplicates));
        Assert.Equal(3112, (await store.GetStatusAsync(account.Id, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task Ksummit_ListMailFeedsOnlyTheCommunityMetric()
    {
        var (store, ingestor, files) = Pipeline();
        var account = await store.EnsureAccountAsync("ksummit", ["torvalds@linux-foundation.org"], "UTC", CancellationToken.None);
        await ingestor.IngestAsync(account, files.Discover(Corpora.Path("mail", "ksummit.mbox")), null, CancellationToken.None);
        var mail = new List<MailItem>();
        await foreach (var m in store.ReadMailAsync(account.Id, CancellationToken.None))
            mail.Add(m);
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, mail, []);
        Assert.Empty(network.Interactions); // every message carries List-Id: a list is not a relationship
        var listMail = mail.Count(m => MessageClassifier.Classify(m, m.From?.Address.ToLowerInvariant()) == Exclusion.MailingList);
        Assert.True(listMail > 3000);
        Assert.Equal(listMail, network.ListActivity.Count); // the rest are auto-replies and the like
        var reports = new NetworkAnalyzer(new MetricsOptions(), new TransparentScorer(), _time).Analyze(account, network);
        Assert.Equal(3112, reports.Sum(r => r.Totals.Messages));
        Assert.Contains(reports, r => r.Engagement.ActiveCommunities == 1 && r.Engagement.ListPosts > 0);
    }

    private static readonly string[] EnronUserNames = ["allen-p", "carson-m", "guzman-m", "motley-m", "rapp-b", "stokley-c", "whalley-g"];

    [Fact]
    public async Task LinuxExt4DirectView_ReadsLikeAPersonalMailbox()
    {
        // The corpus's own tool turns the list archive into its top posters' personal views (list traces removed).
        var views = _dir.File("views");
        using var tool = ChildProcess.Start("python3",
            [Corpora.Path("..", "tools", "mlist_views.py"), Corpora.Path("mail", "linux-ext4.mbox"), "--list-address", "linux-ext4@vger.kernel.org", "--out", views, "--top", "3"]);
        Assert.True(await tool.WaitAsync(TimeSpan.FromMinutes(3)) == 0, tool.Output + tool.Error);

        var (store, ingestor, files) = Pipeline();
        var account = await store.EnsureAccountAsync("tytso", ["tytso@mit.edu"], "America/New_York", CancellationToken.None);
        var summary = await ingestor.IngestAsync(account, files.Discover(Path.Combine(views, "tytso.mbox")), null, CancellationToken.None);
        Assert.True(summary.MessagesAdded > 30_000);
        Assert.Equal(0, summary.Quarantined);

        var mail = new List<MailItem>();
        await foreach (var m in store.ReadMailAsync(account.Id, CancellationToken.None))
            mail.Add(m);
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, mail, []);
        var reports = new NetworkAnalyzer(new MetricsOptions(), new TransparentScorer(), _time).Analyze(account, network);
        var june = reports.Single(r => r.Month == "2025-06");
        // The ext4 maintainer's closest ties that month include the long-standing co-maintainers.
        var close = june.Contacts.Where(c => c.Tier is "core" or "strong").Select(c => c.Address).ToList();
        Assert.Contains("jack@suse.cz", close);
        Assert.Contains("djwong@kernel.org", close);
        Assert.DoesNotContain(june.Contacts, c => c.Address.Contains("tytso", StringComparison.Ordinal) || AddressRules.IsRoleAddress(c.Address));
        Assert.InRange(june.Reciprocity.Value!.Value, 0.05, 0.95);
        Assert.True(june.Reciprocity.OwnerReplyRate > 0 && june.Reciprocity.ContactReplyRate > 0, "replies are found through In-Reply-To");

        // The same month in Russian: real names and subjects, and no English outside them.
        var russian = new InboxNetworking.Reporting.Renderers.MarkdownReportRenderer(InboxNetworking.Reporting.Text.ReportText.For("ru")).Render(june);
        Assert.Contains("## В этом месяце: что сделать", russian, StringComparison.Ordinal);
        Assert.Empty(Untranslated.EnglishWords(russian.Replace("\\", "", StringComparison.Ordinal), Untranslated.NamesIn(june)));
    }

    public static TheoryData<string> EnronUsers => new(EnronUserNames);

    [Fact]
    public async Task Enron_SevenMailboxesHold2195Messages()
    {
        var (store, ingestor, files) = Pipeline();
        var total = 0;
        foreach (var user in EnronUserNames)
        {
            var account = await store.EnsureAccountAsync(user, [$"{user}@enron.com"], "UTC", CancellationToken.None);
            total += (await ingestor.IngestAsync(account, files.Discover(Corpora.Path("mail", "enron-7users", user, "Maildir")), null, CancellationToken.None)).MessagesAdded;
        }
        Assert.Equal(2195, total); // MANIFEST.md
    }

    [Theory]
    [MemberData(nameof(EnronUsers))]
    public async Task Enron_EachMailboxImportsCompletely(string user)
    {
        var (store, ingestor, files) = Pipeline();
        var maildir = Corpora.Path("mail", "enron-7users", user, "Maildir");
        var messageFiles = Directory.EnumerateDirectories(maildir).Append(maildir)
            .SelectMany(d => new[] { "cur", "new" }.Select(s => Path.Combine(d, s))).Where(Directory.Exists)
            .Sum(d => Directory.EnumerateFiles(d).Count());
        var account = await store.EnsureAccountAsync(user, [$"{user}@enron.com"], "America/Chicago", CancellationToken.None);
        var summary = await ingestor.IngestAsync(account, files.Discover(maildir), null, CancellationToken.None);
        Assert.Equal(messageFiles, summary.MessagesAdded + summary.Duplicates + summary.Quarantined);
        // Every one has a sender and a date, "k..allen@enron.com" style addresses included.
        Assert.Equal(0, summary.Quarantined);
        Assert.True(summary.MessagesAdded > 0);

        var mail = new List<MailItem>();
        await foreach (var m in store.ReadMailAsync(account.Id, CancellationToken.None))
            mail.Add(m);
        // The owner's own address is learnt from the Sent folder.
        Assert.Contains(mail, m => m.InSentFolder);
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, mail, []);
        Assert.NotEmpty(network.Interactions);
        var reports = new NetworkAnalyzer(new MetricsOptions(), new TransparentScorer(), _time).Analyze(account, network);
        Assert.All(reports, r => Assert.StartsWith("20", r.Month, StringComparison.Ordinal)); // bogus 1979/1980 dates are not months
        Assert.Contains(reports, r => r.Contacts.Count > 0);
    }

    [Fact]
    public async Task Calendars_EveryFileParsesOrIsQuarantinedWithAReason()
    {
        var ics = new IcsReader(new FilesOptions(), _time);
        var files = Directory.EnumerateFiles(Corpora.Path("calendar"), "*", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 657);
        int parsed = 0, withEvents = 0, quarantined = 0;
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            var read = Task.Run(() => ics.Read(text));
            var (changes, error) = await read.WaitAsync(PerFileLimit);
            if (error is null)
            {
                parsed++;
                if (changes.Count > 0)
                    withEvents++;
            }
            else
            {
                quarantined++;
                Assert.False(string.IsNullOrWhiteSpace(error), file);
            }
        }
        Assert.Equal(files.Count, parsed + quarantined);
        Assert.True(withEvents >= 450, $"only {withEvents} calendars gave events");
        Assert.True(quarantined >= 10, $"only {quarantined} of the intentionally broken calendars were caught");
    }

    [Fact]
    public async Task Invites_EveryMessageYieldsACalendarChangeOrAReason()
    {
        var files = new FileSources(new FilesOptions(), _time);
        var messages = Directory.EnumerateFiles(Corpora.Path("invites"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".eml", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal)).ToList();
        Assert.True(messages.Count >= 20);
        var withCalendar = 0;
        foreach (var file in messages)
        {
            var batches = await FileSourcesTests.ReadAll(files.ForFile(file));
            var mail = batches.SelectMany(b => b.Mail).ToList();
            Assert.True(mail.Count + batches.Sum(b => b.Quarantined.Count) >= 1, file);
            if (batches.Any(b => b.Calendar.Count > 0))
                withCalendar++;
        }
        Assert.True(withCalendar >= 15, $"only {withCalendar} invitations gave calendar changes");
    }

    [Fact]
    public async Task Malformed_EveryMessageIsImportedOrQuarantined_ZeroCrashes()
    {
        var files = new FileSources(new FilesOptions(), _time);
        var all = Directory.EnumerateFiles(Corpora.Path("malformed", "mime"), "*", SearchOption.AllDirectories).ToList();
        Assert.True(all.Count >= 90, $"{all.Count} files");
        foreach (var file in all)
        {
            var read = FileSourcesTests.ReadAll(files.ForFile(file));
            var batches = await read.WaitAsync(PerFileLimit);
            var outcome = batches.Sum(b => b.Mail.Count + b.Quarantined.Count);
            Assert.True(outcome >= 1, $"{file}: neither imported nor quarantined");
            Assert.All(batches.SelectMany(b => b.Quarantined), q => Assert.False(string.IsNullOrWhiteSpace(q.Reason)));
        }
    }

    [Fact]
    public async Task Malformed_EveryCalendarIsReadOrQuarantined_ZeroCrashes()
    {
        var ics = new IcsReader(new FilesOptions(), _time);
        var all = Directory.EnumerateFiles(Corpora.Path("malformed", "ics"), "*", SearchOption.AllDirectories).ToList();
        Assert.True(all.Count >= 47);
        var quarantined = 0;
        foreach (var file in all)
        {
            var text = await File.ReadAllTextAsync(file);
            var (_, error) = await Task.Run(() => ics.Read(text)).WaitAsync(PerFileLimit);
            if (error is not null)
                quarantined++;
        }
        Assert.True(quarantined > 0);
    }
}
