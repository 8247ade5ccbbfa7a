using System.Runtime.CompilerServices;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Core.Ports;
using InboxNetworking.Storage;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;

namespace InboxNetworking.Tests.Storage;

/// <summary>The SQLite store: idempotent ingestion, batch + checkpoint atomicity, calendar semantics.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SqliteInboxStore _store;

    public SqliteStoreTests() => _store = SqliteInboxStore.Open(_dir.File("store.db"), _time);

    public void Dispose() => _dir.Dispose();

    private static MailItem Mail(string key, bool sent = false, string folder = "INBOX") => new()
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
        await foreach (var m in _store.ReadMailAsync(account, CancellationToken.None))
            list.Add(m);
        return list;
    }

    private async Task<List<CalendarItem>> AllEvents(long account)
    {
        var list = new List<CalendarItem>();
        await foreach (var e in _store.ReadCalendarAsync(account, CancellationToken.None))
            list.Add(e);
        return list;
    }

    [Fact]
    public async Task EnsureAccount_CreatesOnceAndAddsOwnerAliases()
    {
        var a = await _store.EnsureAccountAsync("alice", ["Alice@Corp.example"], "Europe/Berlin", CancellationToken.None);
        var again = await _store.EnsureAccountAsync("alice", ["alias@corp.example"], null, CancellationToken.None);
        Assert.Equal(a.Id, again.Id);
        Assert.Equal(["alias@corp.example", "alice@corp.example"], again.OwnerAddresses);
        Assert.Equal("Europe/Berlin", again.TimeZoneId);
    }

    [Fact]
    public async Task CommitBatch_SameMessageTwice_IsOneMessageAndSentWins()
    {
        var a = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var first = await _store.CommitBatchAsync(a.Id, "s1", new SourceBatch([Mail("m1")], [], [], "c1"), CancellationToken.None);
        var second = await _store.CommitBatchAsync(a.Id, "s2", new SourceBatch([Mail("m1", sent: true, folder: "Sent")], [], [], "c2"), CancellationToken.None);
        Assert.Equal((1, 0), (first.MessagesAdded, first.Duplicates));
        Assert.Equal((0, 1), (second.MessagesAdded, second.Duplicates));
        var stored = Assert.Single(await AllMail(a.Id));
        Assert.True(stored.InSentFolder);
        Assert.Equal(new Participant("a@x.example", "Ann"), stored.From);
        Assert.Equal("c2", await _store.GetCheckpointAsync(a.Id, "s2", CancellationToken.None));
    }

    [Fact]
    public async Task Quarantine_SameProblemTwice_IsRecordedOnce()
    {
        var a = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var q = new QuarantineEntry("file.mbox", "message 3", "no From address");
        Assert.Equal(1, (await _store.CommitBatchAsync(a.Id, "s", new SourceBatch([], [], [q], "c"), CancellationToken.None)).Quarantined);
        Assert.Equal(0, (await _store.CommitBatchAsync(a.Id, "s", new SourceBatch([], [], [q], "c"), CancellationToken.None)).Quarantined);
        Assert.Equal(q, Assert.Single(await _store.ListQuarantineAsync(a.Id, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task Ingest_KilledMidway_ResumesFromTheCheckpointWithoutLossOrDuplicates()
    {
        var a = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var source = new NumberedSource(total: 10, batchSize: 3, failAfterBatches: 2);
        var ingestor = new Ingestor(_store, _time);
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
        var a = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        async Task<int> Apply(params CalendarChange[] changes) =>
            (await _store.CommitBatchAsync(a.Id, "cal", new SourceBatch([], changes, [], "x"), CancellationToken.None)).CalendarChanges;
        var v2 = new CalendarUpsert("u", 2, true, [Event("u", 2, T.AddHours(1))]);
        Assert.Equal(1, await Apply(v2));
        Assert.Equal(0, await Apply(v2));
        Assert.Equal(0, await Apply(new CalendarUpsert("u", 1, true, [Event("u", 1, T)])));
        Assert.Equal(T.AddHours(1), Assert.Single(await AllEvents(a.Id)).Start);
    }

    [Fact]
    public async Task Calendar_ReplyUpdatesTheAttendeeAndCancelMarksTheEvent()
    {
        var a = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        async Task<int> Apply(params CalendarChange[] changes) =>
            (await _store.CommitBatchAsync(a.Id, "cal", new SourceBatch([], changes, [], "x"), CancellationToken.None)).CalendarChanges;
        await Apply(new CalendarUpsert("u", 0, true, [Event("u", 0, T, new Attendee("bob@x.example", "Bob", AttendeeResponse.NeedsAction))]));
        Assert.Equal(1, await Apply(new CalendarReply("u", 0, null, "BOB@x.example", AttendeeResponse.Accepted)));
        Assert.Equal(AttendeeResponse.Accepted, Assert.Single(await AllEvents(a.Id)).Attendees.Single().Response);
        Assert.Equal(1, await Apply(new CalendarCancel("u", 1, null)));
        Assert.True(Assert.Single(await AllEvents(a.Id)).Cancelled);
        Assert.Equal(0, (await _store.GetStatusAsync(a.Id, CancellationToken.None)).Events);
    }

    [Fact]
    public async Task Calendar_NewSeriesVersionDropsOccurrencesTheRuleNoLongerHas()
    {
        var a = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var weekly = Enumerable.Range(0, 4).Select(i => Event("s", 0, T.AddDays(7 * i)) with { Recurring = true }).ToList();
        await _store.CommitBatchAsync(a.Id, "cal", new SourceBatch([], [new CalendarUpsert("s", 0, true, weekly)], [], "x"), CancellationToken.None);
        await _store.CommitBatchAsync(a.Id, "cal", new SourceBatch([], [new CalendarUpsert("s", 1, true, weekly.Take(2).Select(e => e with { Sequence = 1 }).ToList())], [], "x"), CancellationToken.None);
        Assert.Equal(2, (await AllEvents(a.Id)).Count);
    }

    [Fact]
    public async Task Accounts_NeverSeeEachOthersRows()
    {
        var alice = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var bob = await _store.EnsureAccountAsync("bob", ["bob@corp.example"], null, CancellationToken.None);
        await _store.CommitBatchAsync(alice.Id, "s", new SourceBatch([Mail("m1")], [], [], "c"), CancellationToken.None);
        Assert.Empty(await AllMail(bob.Id));
        Assert.Null(await _store.GetCheckpointAsync(bob.Id, "s", CancellationToken.None));
        Assert.Equal(0, (await _store.GetStatusAsync(bob.Id, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task Open_TwiceOnTheSameFile_KeepsTheData()
    {
        var a = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        await _store.CommitBatchAsync(a.Id, "s", new SourceBatch([Mail("m1")], [], [], "c"), CancellationToken.None);
        var reopened = SqliteInboxStore.Open(_dir.File("store.db"), _time);
        Assert.Equal(1, (await reopened.GetStatusAsync(a.Id, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task ReadMail_StreamsOldestFirst_AndSentFromAddressesNameTheOwner()
    {
        var a = await _store.EnsureAccountAsync("alice", ["me@corp.example"], null, CancellationToken.None);
        var late = Mail("late") with { Date = T.AddDays(2) };
        var early = Mail("early") with { Date = T.AddDays(-2) };
        var sent = Mail("sent", sent: true) with { From = new Participant("alias@corp.example") };
        await _store.CommitBatchAsync(a.Id, "s", new SourceBatch([late, sent, early], [], [], "c"), CancellationToken.None);
        Assert.Equal(["early", "sent", "late"], (await AllMail(a.Id)).Select(m => m.MessageKey));
        Assert.Equal(["alias@corp.example"], await _store.ListSentFromAddressesAsync(a.Id, CancellationToken.None));
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
        Assert.Equal(6, scripts.Count);
        Assert.EndsWith("0001_initial.sql", scripts[0], StringComparison.Ordinal);
        Assert.EndsWith("0002_messages_by_date.sql", scripts[1], StringComparison.Ordinal);
        Assert.EndsWith("0003_connections.sql", scripts[2], StringComparison.Ordinal);
        Assert.EndsWith("0004_scoring_models.sql", scripts[3], StringComparison.Ordinal);
        Assert.EndsWith("0005_exclusions.sql", scripts[4], StringComparison.Ordinal);
        Assert.EndsWith("0006_aliases.sql", scripts[5], StringComparison.Ordinal);
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
