using System.Text;
using InboxNetworking.Tests.TestData;
using Microsoft.Data.Sqlite;

namespace InboxNetworking.Tests.Worker;

/// <summary>A real kill: the `inboxnet` process is SIGKILLed mid-import, then run again.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    /// <summary>Enough that the import is still going when the first commit is seen, even when a full run keeps the
    /// test host too busy to look every 10 ms (60k once finished before it was seen).</summary>
    private const int Messages = 200_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Import_KilledMidway_ThenRerun_NeitherLosesNorDuplicates()
    {
        var mbox = _dir.File("big.mbox");
        var text = new StringBuilder();
        for (var i = 0; i < Messages; i++)
        {
            text.Append("From x@x Mon Jan  6 10:00:00 2025\n")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"From: p{i % 500}@x.example\nTo: me@corp.example\nSubject: {i}\nDate: Mon, 6 Jan 2025 10:00:00 +0000\nMessage-ID: <{i}@crash>\n\nbody\n\n");
        }
        await File.WriteAllTextAsync(mbox, text.ToString());
        var dataDir = _dir.File("data");
        string[] import = ["import", mbox, "--account", "me", "--owner", "me@corp.example"];

        using (var first = ChildProcess.StartInboxNet(dataDir, import))
        {
            // Kill as soon as the first batch and its checkpoint are committed, with the rest still to go.
            await first.KillWhenAsync(async () => await CountAsync(dataDir, "checkpoints") > 0, TimeSpan.FromSeconds(60));
        }
        var committed = await CountAsync(dataDir, "messages");
        Assert.InRange(committed, 1, Messages - 1);

        using var second = ChildProcess.StartInboxNet(dataDir, import);
        Assert.Equal(0, await second.WaitAsync(TimeSpan.FromMinutes(3)));
        Assert.Contains($"{Messages - committed} messages added, 0 duplicates", second.Output, StringComparison.Ordinal);
        Assert.Equal(Messages, await CountAsync(dataDir, "messages"));
    }

    private static async Task<long> CountAsync(string dataDir, string table)
    {
        var db = Path.Combine(dataDir, "inboxnet.db");
        if (!File.Exists(db))
            return 0;
        try
        {
            await using var c = new SqliteConnection($"Data Source={db};Pooling=False");
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return 0; // the schema is still being created
        }
    }
}
