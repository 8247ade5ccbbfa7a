using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InboxNetworking.Tests.TestData;
using Microsoft.Data.Sqlite;

namespace InboxNetworking.Tests.Worker;

/// <summary>Expected failures, through the real binary: one line that says what to do, a non-zero exit, files left as they were.</summary>
public sealed class ExpectedFailureTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Damage => new()
    {
        { "garbage", "it is not a SQLite database" },
        { "text", "it is not a SQLite database" },
        { "empty", "the file is empty" },
        { "truncated", "it is truncated" },
        { "foreign", "a SQLite database of something else" },
        { "newer", "written by a newer inboxnet" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task DamagedOrForeignStore_OneLineNamingTheFile_ExitTwo_FileUnchanged(string damage, string said)
    {
        var data = _dir.File("data");
        var db = Path.Combine(data, "inboxnet.db");
        await DamageAsync(damage, data, db);
        var before = SHA256.HashData(await File.ReadAllBytesAsync(db));

        foreach (var args in new[] { new[] { "status" }, ["analyze"], ["import", WriteMbox(3), "--account", "me", "--owner", "me@corp.example"] })
        {
            using var run = ChildProcess.StartInboxNet(data, args);
            Assert.Equal(2, await run.WaitAsync(Limit));
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.Contains("readable by you only", StringComparison.Ordinal));
            Assert.StartsWith("inboxnet: ", line, StringComparison.Ordinal);
            Assert.Contains(db, line, StringComparison.Ordinal);
            Assert.Contains(said, line, StringComparison.Ordinal);
            Assert.Contains("move", line, StringComparison.Ordinal); // what to do
            Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(db)));
        }
    }

    [Fact]
    public async Task Verbose_AddsTheDetailsAfterTheLine()
    {
        var data = _dir.File("data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "inboxnet.db"), "notes");
        using var run = ChildProcess.StartInboxNet(data, "status", "--verbose");
        Assert.Equal(2, await run.WaitAsync(Limit));
        Assert.StartsWith("inboxnet: the store ", run.Error.Split('\n').First(l => !l.Contains("readable by you only", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("   at InboxNetworking.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoProcessesImportingIntoOneNewStoreAtOnce_BothFinish_NothingLostOrDuplicated()
    {
        var data = _dir.File("data");
        var first = WriteMbox(5000, "a");
        var second = WriteMbox(5000, "b");
        using var a = ChildProcess.StartInboxNet(data, "import", first, "--account", "me", "--owner", "me@corp.example");
        using var b = ChildProcess.StartInboxNet(data, "import", second, "--account", "me", "--owner", "me@corp.example");
        Assert.True(await a.WaitAsync(Limit) == 0, a.Error);
        Assert.True(await b.WaitAsync(Limit) == 0, b.Error);
        Assert.Contains("5000 messages added", a.Output, StringComparison.Ordinal);
        Assert.Contains("5000 messages added", b.Output, StringComparison.Ordinal);
        Assert.Equal(10_000, await CountMessagesAsync(Path.Combine(data, "inboxnet.db")));
    }

    [Theory]
    [InlineData("missing input")]
    [InlineData("folder as output file")]
    public async Task WrongPaths_OneLine_ExitTwo_NoStackTrace(string wrong)
    {
        var data = _dir.File("data");
        string[] args = wrong == "missing input"
            ? ["import", _dir.File("no-such.mbox"), "--account", "me", "--owner", "me@corp.example"]
            : ["report", "--account", "me", "--month", "2025-01", "--format", "json", "--out", _dir.Path];
        if (wrong != "missing input")
        {
            using var import = ChildProcess.StartInboxNet(data, "import", WriteMbox(3), "--account", "me", "--owner", "me@corp.example");
            Assert.True(await import.WaitAsync(Limit) == 0, import.Error);
        }
        using var run = ChildProcess.StartInboxNet(data, args);
        Assert.Equal(2, await run.WaitAsync(Limit));
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("inboxnet: ", StringComparison.Ordinal));
        Assert.Contains(wrong == "missing input" ? "no-such.mbox" : _dir.Path, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OfAFolderWithoutMail_SaysSo_AndCreatesNoAccount()
    {
        var data = _dir.File("data");
        var empty = _dir.File("export");
        Directory.CreateDirectory(Path.Combine(empty, "attachments"));
        await File.WriteAllTextAsync(Path.Combine(empty, "attachments", "notes.txt"), "no mail here");
        using var run = ChildProcess.StartInboxNet(data, "import", empty, "--account", "me", "--owner", "me@corp.example");
        Assert.Equal(2, await run.WaitAsync(Limit));
        Assert.Contains($"inboxnet: no mbox, Maildir, .eml or .ics found in {empty}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("added", run.Output, StringComparison.Ordinal);

        using var status = ChildProcess.StartInboxNet(data, "status", "--account", "me");
        Assert.Equal(2, await status.WaitAsync(Limit));
        Assert.Contains("unknown account 'me'", status.Error, StringComparison.Ordinal);
    }

    private async Task DamageAsync(string damage, string data, string db)
    {
        if (damage is "truncated" or "newer")
        {
            using var import = ChildProcess.StartInboxNet(data, "import", WriteMbox(2000), "--account", "me", "--owner", "me@corp.example");
            Assert.True(await import.WaitAsync(Limit) == 0, import.Error);
            await using (var c = Open(db))
            {
                if (damage == "newer")
                    await ExecuteAsync(c, "INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('InboxNetworking.Storage.Migrations.Sqlite.9999_from_the_future.sql', '2027-01-01')");
                await ExecuteAsync(c, "PRAGMA wal_checkpoint(TRUNCATE)"); // everything into the main file
            }
            foreach (var side in new[] { db + "-wal", db + "-shm" }.Where(File.Exists))
                File.Delete(side);
            if (damage == "truncated")
            {
                var bytes = await File.ReadAllBytesAsync(db);
                await File.WriteAllBytesAsync(db, bytes[..(bytes.Length / 3)]);
            }
            return;
        }
        Directory.CreateDirectory(data);
        switch (damage)
        {
            case "garbage":
                await File.WriteAllBytesAsync(db, RandomNumberGenerator.GetBytes(8192));
                break;
            case "text":
                await File.WriteAllTextAsync(db, "these are somebody's notes, saved under the wrong name\n");
                break;
            case "empty":
                await File.WriteAllBytesAsync(db, []);
                break;
            case "foreign":
                await using (var c = Open(db))
                    await ExecuteAsync(c, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')");
                break;
        }
    }

    private static SqliteConnection Open(string db)
    {
        var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        return c;
    }

    private static async Task ExecuteAsync(SqliteConnection c, string sql)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountMessagesAsync(string db)
    {
        await using var c = Open(db);
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM messages";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private string WriteMbox(int messages, string tag = "m")
    {
        var path = _dir.File($"{tag}{messages}.mbox");
        var text = new StringBuilder();
        for (var i = 0; i < messages; i++)
        {
            text.Append("From x@x Mon Jan  6 10:00:00 2025\n")
                .Append(CultureInfo.InvariantCulture, $"From: p{i % 50}@partner.example\nTo: me@corp.example\nSubject: {i}\nDate: Mon, 6 Jan 2025 10:00:00 +0000\nMessage-ID: <{tag}{i}@failures>\n\nbody\n\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
