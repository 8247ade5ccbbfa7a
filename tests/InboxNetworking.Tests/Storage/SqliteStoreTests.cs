using System.Runtime.CompilerServices;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Core.Ports;
using InboxNetworking.Storage;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;

namespace InboxNetworking.Tests.Storage;

/// <summary>The SQLite store: the contract, and what only a file has (reopening, its migrations).</summary>
public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteInboxStore _sqlite;

    public SqliteStoreTests() => _sqlite = SqliteInboxStore.Open(_dir.File("store.db"), Time);

    protected override IInboxStore Store => _sqlite;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Open_TwiceOnTheSameFile_KeepsTheData()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([Mail("m1")], [], [], "c"), CancellationToken.None);
        var reopened = SqliteInboxStore.Open(_dir.File("store.db"), Time);
        Assert.Equal(1, (await reopened.GetStatusAsync(a.Id, CancellationToken.None)).Messages);
    }

    [Fact]
    public void Open_AppliesEveryMigrationOnceAndRecordsIt()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_dir.File("store.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ScriptName FROM SchemaVersions ORDER BY ScriptName";
        using var reader = command.ExecuteReader();
        var scripts = new List<string>();
        while (reader.Read())
            scripts.Add(reader.GetString(0));
        Assert.Equal(8, scripts.Count);
        Assert.EndsWith("0001_initial.sql", scripts[0], StringComparison.Ordinal);
        Assert.EndsWith("0002_messages_by_date.sql", scripts[1], StringComparison.Ordinal);
        Assert.EndsWith("0003_connections.sql", scripts[2], StringComparison.Ordinal);
        Assert.EndsWith("0004_scoring_models.sql", scripts[3], StringComparison.Ordinal);
        Assert.EndsWith("0005_exclusions.sql", scripts[4], StringComparison.Ordinal);
        Assert.EndsWith("0006_aliases.sql", scripts[5], StringComparison.Ordinal);
        Assert.EndsWith("0007_messages_append_only.sql", scripts[6], StringComparison.Ordinal);
        Assert.EndsWith("0008_data_changed_at.sql", scripts[7], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_OnAStoreOfTheEarlierMessagesTable_KeepsEveryMessageAndItsOrder()
    {
        // A store as the versions before migration 0007 left it: the message table clustered on its key.
        var path = _dir.File("old.db");
        var upgrade = DbUp.DeployChanges.To.SqliteDatabase($"Data Source={path}")
            .WithScriptsEmbeddedInAssembly(typeof(SqliteInboxStore).Assembly, name => name.Contains(".Migrations.Sqlite.", StringComparison.Ordinal)
                && string.CompareOrdinal(name[(name.LastIndexOf(".Sqlite.", StringComparison.Ordinal) + 8)..], "0007") < 0)
            .LogToNowhere().Build().PerformUpgrade();
        Assert.True(upgrade.Successful);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO accounts (id, name, time_zone, created_at) VALUES (1, 'old', 'UTC', '2025-01-01');
                INSERT INTO messages VALUES (1, 'k2', 'k2', 2000, 'b@x.example', NULL, '', '', '', 'second', NULL, '', NULL, 0, NULL, NULL, 0, 0, 'INBOX', 1, 0);
                INSERT INTO messages VALUES (1, 'k1', 'k1', 1000, 'a@x.example', 'Ann', '', '', '', 'first', NULL, '', NULL, 0, NULL, NULL, 0, 0, 'INBOX', 0, 0);
                """;
            command.ExecuteNonQuery();
        }

        var store = SqliteInboxStore.Open(path, Time);
        var account = await store.EnsureAccountAsync("old", [], null, CancellationToken.None);
        var mail = await store.ReadMailAsync(account.Id, CancellationToken.None).ToListAsync();
        Assert.Equal(["first", "second"], mail.Select(m => m.Subject));
        Assert.Equal(["b@x.example"], await store.ListSentFromAddressesAsync(account.Id, CancellationToken.None));
        var again = await store.CommitBatchAsync(account.Id, "s", new SourceBatch([Mail("k1"), Mail("k3")], [], [], "c"), CancellationToken.None);
        Assert.Equal((1, 1), (again.MessagesAdded, again.Duplicates));
    }
}

/// <summary>What every store provider must do alike (DESIGN.md: "the same contract tests run against both"):
/// idempotent ingestion, batch + checkpoint atomicity, calendar semantics, accounts apart, corrections, erasure.</summary>
public abstract class StoreContractTests
{
    private static readonly DateTimeOffset T = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));

    protected abstract IInboxStore Store { get; }


    [Fact]
    public async Task Analysis_IsStaleOnlyWhenABatchBroughtSomethingNew()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        Assert.True((await Store.GetStatusAsync(a.Id, CancellationToken.None)).AnalysisStale); // never analysed
        await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([Mail("m1")], [], [], "c1"), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.SaveAnalysisAsync(a.Id, [], [], Time.GetUtcNow(), CancellationToken.None);
        Assert.False((await Store.GetStatusAsync(a.Id, CancellationToken.None)).AnalysisStale);

        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([Mail("m1")], [], [], "c2"), CancellationToken.None); // a duplicate only
        await Store.RecordSyncOutcomeAsync(a.Id, ConnectionState.Ok, "0 messages added", null, Time.GetUtcNow(), CancellationToken.None);
        Assert.False((await Store.GetStatusAsync(a.Id, CancellationToken.None)).AnalysisStale);

        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([Mail("m2")], [], [], "c3"), CancellationToken.None);
        var status = await Store.GetStatusAsync(a.Id, CancellationToken.None);
        Assert.True(status.AnalysisStale);
        Assert.Equal(Time.GetUtcNow(), status.LastNewData);
    }

    [Fact]
    public async Task Analysis_ThatBeganReadingBeforeABatchCommitted_LeavesTheAccountStale()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([Mail("m1")], [], [], "c1"), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        var readFrom = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromSeconds(5));
        await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([Mail("m2")], [], [], "c2"), CancellationToken.None); // during the analysis
        Time.Advance(TimeSpan.FromSeconds(5));
        await Store.SaveAnalysisAsync(a.Id, [], [], readFrom, CancellationToken.None);

        var status = await Store.GetStatusAsync(a.Id, CancellationToken.None);
        Assert.True(status.AnalysisStale);
        Assert.Equal(readFrom, status.LastAnalysis);
    }

    protected static MailItem Mail(string key, bool sent = false, string folder = "INBOX") => new()
    {
        MessageKey = key,
        MessageId = key,
        Date = T,
        From = new Participant("a@x.example", "Ann"),
        To = [new Participant("me@corp.example", null)],
        Folder = folder,
        InSentFolder = sent,
    };

    private static CalendarItem Event(string uid, int sequence, DateTimeOffset start, params Attendee[] attendees) => new()
    {
        Uid = uid,
        InstanceStart = start,
        Sequence = sequence,
        Start = start,
        End = start.AddHours(1),
        Organizer = new Participant("me@corp.example"),
        Attendees = attendees,
    };

    private async Task<List<MailItem>> AllMail(long account)
    {
        var list = new List<MailItem>();
        await foreach (var m in Store.ReadMailAsync(account, CancellationToken.None))
            list.Add(m);
        return list;
    }

    private async Task<List<CalendarItem>> AllEvents(long account)
    {
        var list = new List<CalendarItem>();
        await foreach (var e in Store.ReadCalendarAsync(account, CancellationToken.None))
            list.Add(e);
        return list;
    }

    [Fact]
    public async Task EnsureAccount_CreatesOnceAndAddsOwnerAliases()
    {
        var a = await Store.EnsureAccountAsync("alice", ["Alice@Corp.example"], "Europe/Berlin", CancellationToken.None);
        var again = await Store.EnsureAccountAsync("alice", ["alias@corp.example"], null, CancellationToken.None);
        Assert.Equal(a.Id, again.Id);
        Assert.Equal(["alias@corp.example", "alice@corp.example"], again.OwnerAddresses);
        Assert.Equal("Europe/Berlin", again.TimeZoneId);
    }

    [Fact]
    public async Task CommitBatch_SameMessageTwice_IsOneMessageAndSentWins()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var first = await Store.CommitBatchAsync(a.Id, "s1", new SourceBatch([Mail("m1")], [], [], "c1"), CancellationToken.None);
        var second = await Store.CommitBatchAsync(a.Id, "s2", new SourceBatch([Mail("m1", sent: true, folder: "Sent")], [], [], "c2"), CancellationToken.None);
        Assert.Equal((1, 0), (first.MessagesAdded, first.Duplicates));
        Assert.Equal((0, 1), (second.MessagesAdded, second.Duplicates));
        var stored = Assert.Single(await AllMail(a.Id));
        Assert.True(stored.InSentFolder);
        Assert.Equal(new Participant("a@x.example", "Ann"), stored.From);
        Assert.Equal("c2", await Store.GetCheckpointAsync(a.Id, "s2", CancellationToken.None));
    }

    [Fact]
    public async Task Quarantine_SameProblemTwice_IsRecordedOnce()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var q = new QuarantineEntry("file.mbox", "message 3", "no From address");
        Assert.Equal(1, (await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([], [], [q], "c"), CancellationToken.None)).Quarantined);
        Assert.Equal(0, (await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([], [], [q], "c"), CancellationToken.None)).Quarantined);
        Assert.Equal(q, Assert.Single(await Store.ListQuarantineAsync(a.Id, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task Ingest_KilledMidway_ResumesFromTheCheckpointWithoutLossOrDuplicates()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var source = new NumberedSource(total: 10, batchSize: 3, failAfterBatches: 2);
        var ingestor = new Ingestor(Store, Time);
        await Assert.ThrowsAsync<IOException>(() => ingestor.IngestAsync(a, [source], null, CancellationToken.None));
        Assert.Equal(6, (await AllMail(a.Id)).Count);

        source.FailAfterBatches = int.MaxValue;
        var summary = await ingestor.IngestAsync(a, [source], null, CancellationToken.None);
        Assert.Equal(4, summary.MessagesAdded);
        Assert.Equal(0, summary.Duplicates); // resumed after the checkpoint, not from the start
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"n{i}"), (await AllMail(a.Id)).Select(m => m.MessageKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Calendar_OlderSequenceIsIgnoredAndTheSameOneChangesNothing()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        async Task<int> Apply(params CalendarChange[] changes) =>
            (await Store.CommitBatchAsync(a.Id, "cal", new SourceBatch([], changes, [], "x"), CancellationToken.None)).CalendarChanges;
        var v2 = new CalendarUpsert("u", 2, true, [Event("u", 2, T.AddHours(1))]);
        Assert.Equal(1, await Apply(v2));
        Assert.Equal(0, await Apply(v2));
        Assert.Equal(0, await Apply(new CalendarUpsert("u", 1, true, [Event("u", 1, T)])));
        Assert.Equal(T.AddHours(1), Assert.Single(await AllEvents(a.Id)).Start);
    }

    [Fact]
    public async Task Calendar_ReplyUpdatesTheAttendeeAndCancelMarksTheEvent()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        async Task<int> Apply(params CalendarChange[] changes) =>
            (await Store.CommitBatchAsync(a.Id, "cal", new SourceBatch([], changes, [], "x"), CancellationToken.None)).CalendarChanges;
        await Apply(new CalendarUpsert("u", 0, true, [Event("u", 0, T, new Attendee("bob@x.example", "Bob", AttendeeResponse.NeedsAction))]));
        Assert.Equal(1, await Apply(new CalendarReply("u", 0, null, "BOB@x.example", AttendeeResponse.Accepted)));
        Assert.Equal(AttendeeResponse.Accepted, Assert.Single(await AllEvents(a.Id)).Attendees.Single().Response);
        Assert.Equal(1, await Apply(new CalendarCancel("u", 1, null)));
        Assert.True(Assert.Single(await AllEvents(a.Id)).Cancelled);
        Assert.Equal(0, (await Store.GetStatusAsync(a.Id, CancellationToken.None)).Events);
    }

    [Fact]
    public async Task Calendar_NewSeriesVersionDropsOccurrencesTheRuleNoLongerHas()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var weekly = Enumerable.Range(0, 4).Select(i => Event("s", 0, T.AddDays(7 * i)) with { Recurring = true }).ToList();
        await Store.CommitBatchAsync(a.Id, "cal", new SourceBatch([], [new CalendarUpsert("s", 0, true, weekly)], [], "x"), CancellationToken.None);
        await Store.CommitBatchAsync(a.Id, "cal", new SourceBatch([], [new CalendarUpsert("s", 1, true, weekly.Take(2).Select(e => e with { Sequence = 1 }).ToList())], [], "x"), CancellationToken.None);
        Assert.Equal(2, (await AllEvents(a.Id)).Count);
    }

    [Fact]
    public async Task Accounts_NeverSeeEachOthersRows()
    {
        var alice = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var bob = await Store.EnsureAccountAsync("bob", ["bob@corp.example"], null, CancellationToken.None);
        await Store.CommitBatchAsync(alice.Id, "s", new SourceBatch([Mail("m1")], [], [], "c"), CancellationToken.None);
        Assert.Empty(await AllMail(bob.Id));
        Assert.Null(await Store.GetCheckpointAsync(bob.Id, "s", CancellationToken.None));
        Assert.Equal(0, (await Store.GetStatusAsync(bob.Id, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task EraseAddress_RemovesThePersonFromMessagesAndMeetings_KeepsTheRest()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var theirs = Mail("theirs") with { From = new Participant("Gone@x.example") };
        var shared = Mail("shared") with { Cc = [new Participant("gone@x.example", "Gone"), new Participant("stays@x.example", null)] };
        var meeting = Event("ev", 0, T, new Attendee("gone@x.example", null, AttendeeResponse.Accepted), new Attendee("stays@x.example", null, AttendeeResponse.Accepted));
        await Store.CommitBatchAsync(a.Id, "s", new SourceBatch([theirs, shared, Mail("other")], [new CalendarUpsert("ev", 0, true, [meeting])], [], "c"), CancellationToken.None);

        Assert.Equal(3, await Store.EraseAddressAsync(a.Id, "gone@x.example", CancellationToken.None));

        var mail = await AllMail(a.Id);
        Assert.Equal(["other", "shared"], mail.Select(m => m.MessageKey).Order(StringComparer.Ordinal));
        Assert.Equal(["stays@x.example"], mail.Single(m => m.MessageKey == "shared").Cc.Select(p => p.Address));
        Assert.Equal(["stays@x.example"], (await AllEvents(a.Id)).Single().Attendees.Select(p => p.Address));
    }

    [Fact]
    public async Task Corrections_Connections_Deliveries_Models_RoundTrip()
    {
        var a = await Store.EnsureAccountAsync("alice", ["me@corp.example"], "Europe/London", CancellationToken.None);
        Assert.True(await Store.SetExclusionAsync(a.Id, "@vendor.example", true, CancellationToken.None));
        Assert.False(await Store.SetExclusionAsync(a.Id, "@vendor.example", true, CancellationToken.None));
        Assert.Equal(["@vendor.example"], await Store.ListExclusionsAsync(a.Id, CancellationToken.None));
        Assert.True(await Store.SetAliasAsync(a.Id, "bob@old.example", "bob@new.example", CancellationToken.None));
        Assert.Equal("bob@new.example", (await Store.ListAliasesAsync(a.Id, CancellationToken.None))["bob@old.example"]);
        Assert.True(await Store.SetAliasAsync(a.Id, "bob@old.example", null, CancellationToken.None));
        Assert.Empty(await Store.ListAliasesAsync(a.Id, CancellationToken.None));

        await Store.SaveConnectionAsync(a.Id, "imap", "{}", "protected-1", CancellationToken.None);
        await Store.RecordSyncOutcomeAsync(a.Id, ConnectionState.NeedsReconnect, "login refused", "no", T, CancellationToken.None);
        await Store.UpdateSecretAsync(a.Id, "protected-2", CancellationToken.None);
        var connection = await Store.GetConnectionAsync(a.Id, CancellationToken.None);
        Assert.Equal(("protected-2", ConnectionState.NeedsReconnect, T), (connection!.ProtectedSecret, connection.State, connection.LastSyncAt!.Value));

        await Store.RecordDeliveryAsync(a.Id, "2025-05", "id-1", T, CancellationToken.None);
        await Store.RecordDeliveryAsync(a.Id, "2025-05", "id-2", T, CancellationToken.None);
        Assert.Equal("id-1", await Store.GetDeliveryAsync(a.Id, "2025-05", CancellationToken.None));

        byte[] bytes = [0, 1, 2, 255];
        await Store.SaveModelAsync(a.Id, new SavedModel("depth", "t", "ml", "v1", "why", "{}", bytes, T), CancellationToken.None);
        await Store.SaveModelAsync(a.Id, new SavedModel("depth", "t2", "ml", "v2", "why", "{}", bytes, T), CancellationToken.None);
        var model = await Store.LoadModelAsync(a.Id, "depth", CancellationToken.None);
        Assert.Equal("v2", model!.Version);
        Assert.Equal(bytes, model.Model);

        Assert.True(await Store.EraseAccountAsync(a.Id, CancellationToken.None));
        Assert.Null(await Store.FindAccountAsync("alice", CancellationToken.None));
    }

    /// <summary>A source of numbered messages that dies with an I/O error after some batches, like a killed import.</summary>
    private sealed class NumberedSource(int total, int batchSize, int failAfterBatches) : IMailSource
    {
        public int FailAfterBatches { get; set; } = failAfterBatches;

        public string SourceKey => "numbered";

        public async IAsyncEnumerable<SourceBatch> ReadAsync(string? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            var next = checkpoint is null ? 0 : int.Parse(checkpoint, System.Globalization.CultureInfo.InvariantCulture);
            var batches = 0;
            while (next < total)
            {
                if (batches++ == FailAfterBatches)
                    throw new IOException("killed");
                var items = Enumerable.Range(next, Math.Min(batchSize, total - next)).Select(i => Mail($"n{i}")).ToList();
                next += items.Count;
                yield return new SourceBatch(items, [], [], next.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
